import { goToItem, recordAction, recordDecision, recordNote, startMeeting } from '../../src/meetings/domain/meeting.js';
import { liveCardData } from '../../src/meetings/meeting-cards.js';
import { must } from '../meetings/fixtures.js';
import { sampleTierp } from '../support/sample-tierp.js';

const { turn, meeting } = sampleTierp();
const at = '2018-03-16T12:10:00.000Z';
let m = must(startMeeting(meeting, 'mv0', at));
m = must(recordNote(m, { id: 'n1', text: 'Inget att tillägga', byName: 'Marika Blomgren' }, at)).meeting;
m = must(goToItem(m, { to: 'next' }, 'mv1', at)).meeting;
m = must(recordDecision(m, { id: 'd1', text: 'Lokusgruppen beslutade att Nima Najafi är ordförande från och med detta möte.', byName: 'Marika Blomgren' }, at)).meeting;
m = must(goToItem(m, { to: 'next' }, 'mv2', at)).meeting;
m = must(recordAction(m, { id: 'a1', text: 'Skicka in avvikelserapport om insatsstart', ownerId: 'm_marikab', ownerName: 'Marika Blomgren', due: '2018-03-30', byName: 'Marika Blomgren' }, at)).meeting;

export const sample = liveCardData(turn, m);
