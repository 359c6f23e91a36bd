import { voteCardData } from '../../src/formal/formal-view.js';
import { sampleFormal } from '../support/sample-formal.js';

const { turn, meeting } = sampleFormal();

export const sample = voteCardData(turn, meeting, meeting.formal!.votes['vote-1']!);
