import { startMeeting, type Meeting } from '../../src/meetings/domain/meeting.js';
import { setFormalList } from '../../src/formal/domain/formal-body.js';
import { addMotion, castBallot, openVote } from '../../src/formal/domain/formal-rules.js';
import { memberById } from '../../src/groups/domain/group.js';
import { must } from '../meetings/fixtures.js';
import { sampleTierp } from './sample-tierp.js';

/** Seed 000's group as a formal body with a vote under way on its first item: data for card samples. */
export function sampleFormal() {
  const base = sampleTierp();
  const at = '2018-03-16T12:10:00.000Z';
  const group = must(setFormalList({ ...base.group, kind: 'styrelse' }, 'ledamoter', ['m_birgitta', 'm_marikas', 'm_wictoria', 'm_nima'], at));
  let m: Meeting = must(startMeeting(base.meeting, 'mv0', at));
  m = { ...m, attendance: Object.fromEntries(['m_birgitta', 'm_marikas', 'm_wictoria', 'm_nima'].map((id) => [id, { status: 'present' as const, at }])) };
  const member = (id: string) => memberById(group, id)!;
  const move = (id: string, who: string, text: string) => {
    m = { ...m, formal: must(addMotion(m, { id, itemId: m.currentItemId!, mover: member(who), text, at })).formal };
  };
  move('y1', 'm_nima', 'bifall till förslaget');
  move('y2', 'm_wictoria', 'avslag');
  const vote = must(openVote(m, group, { id: 'vote-1', itemId: m.currentItemId!, ja: 1, nej: 2, at }));
  m = { ...m, formal: vote.formal };
  for (const [id, choice] of [['m_birgitta', 'ja'], ['m_nima', 'ja'], ['m_wictoria', 'nej']] as const) {
    const b = must(castBallot(m, group, { voteId: 'vote-1', voter: member(id), choice, source: 'self', at }));
    const v = m.formal!.votes['vote-1']!;
    m = { ...m, formal: { ...m.formal!, votes: { 'vote-1': { ...v, ballots: { ...v.ballots, [id]: b.ballot } } } } };
  }
  return { group, meeting: m, turn: { ...base.turn, group } };
}
