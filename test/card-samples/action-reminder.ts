import { actionReminderCardData } from '../../src/follow-up/follow-up-view.js';
import { sampleFollowUp } from '../support/follow-up-sample.js';

const s = sampleFollowUp();
export const sample = actionReminderCardData(s.texts, s.actions.find((a) => a.actionId === 'a3')!, 'before', s.group.name);
