import { memberById } from '../../src/groups/domain/group.js';
import { addItem, changePlan, newMeeting, recordNotice, type Meeting } from '../../src/meetings/domain/meeting.js';
import { sv } from '../../src/i18n/sv/index.js';
import { must, tierp } from '../meetings/fixtures.js';

/** Seed 000's group and its next meeting, moved after the notice went out: data for card samples. */
export function sampleTierp() {
  const group = tierp();
  const at = '2018-01-25T10:00:00.000Z';
  let meeting: Meeting = must(
    newMeeting({
      id: 'meeting-sample', group, title: 'Lokusmöte Tierp', date: '2018-03-09', time: { start: '09:00', end: '11:00' }, place: 'Regionens hus', room: 'Aspnäs',
      itemIds: ['s0', 's1', 's2'], at,
      carriedActions: [{ meetingId: 'm0', actionId: 'a0', ownerName: 'Marika Blomgren', text: 'Skriva utkast på avvikelserapporten om insatsstart', due: '2018-02-15' }],
    }),
  );
  const items: Array<[string, string, 'information' | 'diskussion' | 'beslut', string]> = [
    ['i1', 'Rotation av ordförande', 'beslut', 'Nima Najafi'],
    ['i2', 'Samordnare/Partsamordnare, uppdrag och start', 'information', ''],
    ['i3', 'Granskning uppdrag', 'information', 'Marika Söderberg'],
    ['i4', 'Projektansökan, språkstödjare', 'diskussion', ''],
  ];
  for (const [id, title, kind, presenter] of items) meeting = must(addItem(meeting, { id, title, kind, presenter }, at)).meeting;
  meeting = { ...meeting, items: meeting.items.filter((i) => i.standing !== 'nextMeeting') };
  meeting = must(recordNotice(meeting, { activityId: 'a-1', conversationId: 'c', reference: {}, postedAt: at }, at));
  meeting = must(changePlan(meeting, { date: '2018-03-16', time: { start: '13:00', end: '15:00' } }, at)).meeting;
  const turn = { texts: sv, language: 'sv' as const, group, member: memberById(group, 'm_marikab'), at };
  return { group, meeting, turn };
}
