import { confirmCardData } from '../../src/assistant/assistant-listeners.js';
import { sampleTierp } from '../support/sample-tierp.js';

// Seed 004's agenda: the chair asks in plain Swedish for an item on the budget at the next meeting.
const { turn, meeting } = sampleTierp();
export const sample = confirmCardData(turn, { id: 'proposal-3f2a9c', plan: { tool: 'add_agenda_item', meetingId: meeting.id, title: 'Budget 2019, förslag till verksamhetsplan', kind: 'beslut' } }, meeting, meeting);
