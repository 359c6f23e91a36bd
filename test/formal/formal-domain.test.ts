import { describe, expect, it } from 'vitest';
import { addMember, type Group } from '../../src/groups/domain/group.js';
import { newMeeting, startMeeting, type AttendanceMark, type Meeting } from '../../src/meetings/domain/meeting.js';
import { setFormalList, formalActive } from '../../src/formal/domain/formal-body.js';
import { quorumFor } from '../../src/formal/domain/quorum.js';
import { addMotion, castBallot, checkDecision, closeVote, motivate, openVote, reportJav, reserve, setAdjustBy } from '../../src/formal/domain/formal-rules.js';
import { anslagDates } from '../../src/formal/domain/anslag.js';
import { nextFirstNumber } from '../../src/formal/domain/paragraphs.js';
import { emptyFormal } from '../../src/formal/domain/formal-meeting.js';
import { must, T0, tierp } from '../meetings/fixtures.js';

/** The pure rules of a formal protokoll (issue 26), the functions the listeners call. */

const AT = '2018-03-16T12:00:00.000Z';
const SEATS = ['m_birgitta', 'm_marikas', 'm_wictoria', 'm_nima'];

function body(): Group {
  let g: Group = { ...tierp(), kind: 'styrelse' };
  g = must(addMember(g, { id: 'm_ers1', name: 'Eva Ersättare', organisation: 'Region Uppsala' }, T0)).group;
  g = must(addMember(g, { id: 'm_ers2', name: 'Erik Ersättare', organisation: 'Tierps kommun' }, T0)).group;
  g = must(setFormalList(g, 'ledamoter', SEATS, T0));
  return must(setFormalList(g, 'ersattare', ['m_ers1', 'm_ers2'], T0));
}

function meeting(g: Group, present: Record<string, Partial<AttendanceMark>>): Meeting {
  const m = must(newMeeting({ id: 'meeting-f', group: g, title: 'Styrelsens sammanträde', date: '2018-03-16', itemIds: [], at: T0 }));
  const withItems: Meeting = { ...m, items: [{ id: 'i1', title: 'Budget', kind: 'beslut' }, { id: 'i2', title: 'Övrigt', kind: 'information' }] };
  const started = must(startMeeting(withItems, 'mv', AT));
  return { ...started, formal: emptyFormal(), attendance: Object.fromEntries(Object.entries(present).map(([id, mark]) => [id, { status: 'present', at: AT, ...mark } as AttendanceMark])) };
}

const member = (g: Group, id: string) => g.members.find((x) => x.id === id)!;

describe('beslutsförhet', () => {
  it('more than half of the ledamöter must take part; the body is formal only with ledamöter named', () => {
    const g = body();
    expect(formalActive(g)).toBe(true);
    expect(formalActive({ ...g, formal: { ledamoter: [], ersattare: [] } })).toBe(false);
    expect(quorumFor(meeting(g, { m_birgitta: {}, m_nima: {} }), g, 'i1')).toMatchObject({ seats: 4, needed: 3, quorate: false });
    expect(quorumFor(meeting(g, { m_birgitta: {}, m_nima: {}, m_wictoria: {} }), g, 'i1')).toMatchObject({ needed: 3, quorate: true });
  });

  it('ersättare serve for absent ledamöter: a named stand-in first, then in the body\'s order, never more than seats are empty', () => {
    const g = body();
    const q = quorumFor(meeting(g, { m_birgitta: {}, m_ers1: {}, m_ers2: { status: 'substitute', substituteFor: 'm_nima' } }), g, 'i1');
    expect(q.serving.map((s) => [s.member.id, s.forMemberId])).toEqual([['m_ers2', 'm_nima'], ['m_ers1', 'm_marikas']]);
    expect(q.quorate).toBe(true);
    const full = quorumFor(meeting(g, { m_birgitta: {}, m_marikas: {}, m_wictoria: {}, m_nima: {}, m_ers1: {} }), g, 'i1');
    expect(full.serving).toEqual([]);
    expect(full.voters.map((v) => v.id)).toEqual(SEATS);
  });

  it('a partial presence counts for the items it spans; jäv is counted per item', () => {
    const g = body();
    let m = meeting(g, { m_birgitta: {}, m_marikas: {}, m_wictoria: { status: 'partial', fromItemId: 'i2', toItemId: 'i2' } });
    expect(quorumFor(m, g, 'i1').quorate).toBe(false);
    expect(quorumFor(m, g, 'i2').quorate).toBe(true);
    m = { ...m, formal: must(reportJav(m, member(g, 'm_marikas'), 'i2', AT)).formal };
    expect(quorumFor(m, g, 'i2')).toMatchObject({ quorate: false, jav: [member(g, 'm_marikas')] });
    expect(checkDecision(m, g, 'i2')).toEqual({ ok: false, error: { code: 'FORMAL.NOT_QUORATE', details: { present: 2, needed: 3, seats: 4, jav: 1 } } });
  });
});

describe('yrkanden, omröstning and utslagsröst', () => {
  const g = body();
  const all = { m_birgitta: {}, m_marikas: {}, m_wictoria: {}, m_nima: {} };
  function withMotions(): Meeting {
    let m = meeting(g, all);
    m = { ...m, formal: must(addMotion(m, { id: 'y1', itemId: 'i1', mover: member(g, 'm_nima'), text: 'bifall till förslaget.', at: AT })).formal };
    return { ...m, formal: must(addMotion(m, { id: 'y2', itemId: 'i1', mover: member(g, 'm_wictoria'), text: 'återremiss', at: AT })).formal };
  }
  function voted(m: Meeting, ballots: Record<string, 'ja' | 'nej' | 'avstar'>): Meeting {
    const v = must(openVote(m, g, { id: 'v1', itemId: 'i1', ja: 1, nej: 2, at: AT }));
    let next = { ...m, formal: v.formal };
    for (const [id, choice] of Object.entries(ballots)) {
      const b = must(castBallot(next, g, { voteId: 'v1', voter: member(g, id), choice, source: 'self', at: AT }));
      next = { ...next, formal: { ...next.formal!, votes: { v1: { ...b.vote, ballots: { ...b.vote.ballots, [id]: b.ballot } } } } };
    }
    return next;
  }

  it('refuses a yrkande longer than a note may be', () => {
    expect(addMotion(meeting(g, all), { id: 'y9', itemId: 'i1', mover: member(g, 'm_nima'), text: 'x'.repeat(4001), at: AT })).toEqual({ ok: false, error: { code: 'FORMAL.TEXT_TOO_LONG', details: { max: 4000 } } });
  });

  it('several yrkanden need a proposition or a vote before the decision; the decision records the winner', () => {
    const m = withMotions();
    expect(checkDecision(m, g, 'i1')).toEqual({ ok: false, error: { code: 'FORMAL.OUTCOME_MISSING', details: { count: 2 } } });
    const closed = must(closeVote(voted(m, { m_birgitta: 'ja', m_marikas: 'ja', m_wictoria: 'nej', m_nima: 'ja' }), g, 'v1', AT));
    expect(closed.record.result).toEqual({ ja: 3, nej: 1, avstar: 0, winnerId: 'y1', casting: false });
    expect(checkDecision({ ...m, formal: closed.formal }, g, 'i1')).toEqual({ ok: true, value: { outcome: { motionId: 'y1', voteId: 'v1' } } });
  });

  it('a tie is decided by the chair\'s vote; a chair who abstained must vote before the vote is closed', () => {
    const m = withMotions();
    // Birgitta Olsson chairs the meeting.
    expect(must(closeVote(voted(m, { m_birgitta: 'nej', m_marikas: 'ja', m_wictoria: 'nej', m_nima: 'ja' }), g, 'v1', AT)).record.result).toMatchObject({ winnerId: 'y2', casting: true });
    expect(closeVote(voted(m, { m_birgitta: 'avstar', m_marikas: 'ja', m_wictoria: 'nej' }), g, 'v1', AT)).toEqual({ ok: false, error: { code: 'FORMAL.TIE_NO_CASTING', details: { ja: 1, nej: 1, name: 'Birgitta Olsson' } } });
  });

  it('only those taking part may vote: jäv and an ersättare who does not serve are refused', () => {
    let m = meeting(g, { ...all, m_ers1: {} });
    m = { ...m, formal: must(reportJav(m, member(g, 'm_nima'), 'i1', AT)).formal };
    m = { ...m, formal: must(addMotion(m, { id: 'y1', itemId: 'i1', mover: member(g, 'm_birgitta'), text: 'bifall', at: AT })).formal };
    m = { ...m, formal: must(addMotion(m, { id: 'y2', itemId: 'i1', mover: member(g, 'm_wictoria'), text: 'avslag', at: AT })).formal };
    m = { ...m, formal: must(openVote(m, g, { id: 'v1', itemId: 'i1', ja: 1, nej: 2, at: AT })).formal };
    expect(castBallot(m, g, { voteId: 'v1', voter: member(g, 'm_nima'), choice: 'ja', source: 'self', at: AT })).toEqual({ ok: false, error: { code: 'FORMAL.NOT_VOTER', details: { name: 'Nima Najafi', reason: 'jav' } } });
    expect(castBallot(m, g, { voteId: 'v1', voter: member(g, 'm_ers1'), choice: 'ja', source: 'self', at: AT })).toEqual({ ok: false, error: { code: 'FORMAL.NOT_VOTER', details: { name: 'Eva Ersättare', reason: 'notServing' } } });
  });
});

describe('reservation, justering, § numbers and anslag', () => {
  const g = body();

  it('only one who took part in the decision may reserve; the motivation is accepted until the justering date', () => {
    let m = meeting(g, { m_birgitta: {}, m_marikas: {}, m_wictoria: {} });
    expect(reserve(m, g, { id: 'r0', itemId: 'i1', member: member(g, 'm_marikas'), at: AT })).toEqual({ ok: false, error: { code: 'FORMAL.NO_DECISION' } });
    m = { ...m, decisions: [{ id: 'd1', itemId: 'i1', at: AT, byName: 'x', text: 'Styrelsen beslutar att anta budgeten.', attSatser: [] }] };
    expect(reserve(m, g, { id: 'r1', itemId: 'i1', member: member(g, 'm_nima'), at: AT }).ok).toBe(false);
    m = { ...m, formal: must(reserve(m, g, { id: 'r2', itemId: 'i1', member: member(g, 'm_marikas'), at: AT })).formal };
    m = { ...m, formal: must(setAdjustBy(m, '2018-03-30')) };
    expect(setAdjustBy(m, '2018-03-31')).toEqual({ ok: false, error: { code: 'FORMAL.ADJUST_DATE_RANGE', details: { date: '2018-03-31', last: '2018-03-30' } } });
    expect(must(motivate(m, { itemId: 'i1', memberId: 'm_marikas', motivation: 'Budgeten är underfinansierad.', today: '2018-03-30', at: AT })).record.motivation).toBe('Budgeten är underfinansierad.');
    expect(motivate(m, { itemId: 'i1', memberId: 'm_marikas', motivation: 'Sent.', today: '2018-03-31', at: AT })).toEqual({ ok: false, error: { code: 'FORMAL.MOTIVATION_LATE', details: { date: '2018-03-30' } } });
  });

  it('§ numbers continue from the body\'s previous meeting the same year, and start again in a new year', () => {
    const m = meeting(g, {});
    const earlier = (id: string, date: string, first: number, items: number): Meeting => ({ ...m, id, date, startedAt: `${date}T12:00:00.000Z`, firstNumber: first, items: m.items.concat(Array.from({ length: items - 2 }, (_, i) => ({ id: `x${i}`, title: 'x', kind: 'information' as const }))) });
    expect(nextFirstNumber([earlier('a', '2018-01-10', 1, 7), earlier('b', '2018-02-14', 8, 6)], m)).toBe(14);
    expect(nextFirstNumber([earlier('c', '2017-12-10', 40, 9)], m)).toBe(1);
  });

  it('the anslag goes up the day it is posted and comes down three weeks later', () => {
    const d = anslagDates('2016-02-04', '2016-02-10', '2016-02-11');
    expect(d).toEqual({ meetingDate: '2016-02-04', adjustedOn: '2016-02-10', postedOn: '2016-02-11', takeDownOn: '2016-03-03' });
  });
});
