import { actionListCardData } from '../../src/follow-up/follow-up-view.js';
import { sampleFollowUp } from '../support/follow-up-sample.js';

const s = sampleFollowUp();
export const sample = actionListCardData(s.texts, { heading: s.texts.listTitle(s.group.name), entries: s.actions, empty: s.texts.listEmpty, scope: 'group', reminderDays: 2 });
