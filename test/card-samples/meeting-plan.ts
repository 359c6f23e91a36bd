import { planCardData } from '../../src/meetings/meeting-cards.js';
import { sampleTierp } from '../support/sample-tierp.js';

const { turn, meeting } = sampleTierp();
export const sample = planCardData(turn, meeting, turn.texts.meeting.saved);
