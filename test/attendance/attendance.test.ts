import { describe, expect, it } from 'vitest';
import { attendanceStats, effectiveAttendance, isThere, markAttendance, partyCounts, type MarkInput } from '../../src/attendance/domain/attendance.js';
import { attendanceCsv, csvField } from '../../src/attendance/domain/attendance-csv.js';
import { memberById, setRoles, type Group } from '../../src/groups/domain/group.js';
import { endMeeting, recordParticipantEvent, transition, type AttendanceStatus, type Meeting } from '../../src/meetings/domain/meeting.js';
import { must } from '../meetings/fixtures.js';
import { AT, SEED_000_PRESENT, SEED_001_ABSENT, SEED_001_PRESENT, groupOf, parseList, startedMeeting, type Listed } from './attendance-fixtures.js';

const NOW = '2016-09-13T08:30:00.000Z';
const day = (iso: string) => iso.slice(0, 10);

/** The chair (m0) marks `memberId`; the mark is applied as the store would write it. */
function mark(m: Meeting, g: Group, memberId: string, status: AttendanceStatus, extra: Partial<MarkInput> = {}, by = 'm0'): Meeting {
  const r = must(markAttendance(m, g, { memberId, status, actor: memberById(g, by), at: NOW, ...extra }));
  return r.changed ? { ...m, attendance: { ...m.attendance, [r.target.id]: r.mark } } : m;
}

/** Present/expected per party; the förbund's staff line (no party) as how many of them are there. */
function counts(m: Meeting, g: Group): Record<string, string> {
  return Object.fromEntries(partyCounts(m, g).map((p) => (p.staff ? ['(kansli)', `${p.people.filter(isThere).length} närvarande`] : [p.organisation ?? '(utan part)', `${p.present}/${p.expected}`])));
}

describe('attendance of the seeds, per party', () => {
  it('seed 000: everyone listed as present gives every party full attendance', () => {
    const people: Listed[] = SEED_000_PRESENT.map((l) => ({ name: l.split(', ')[0]!, organisation: l.split(', ')[1]! }));
    const g = groupOf(people);
    let m = startedMeeting(g, 'mt000', '2018-01-25', ['Föregående minnesanteckningar', 'Rotation av ordförande']);
    for (const x of g.members) m = mark(m, g, x.id, 'present');
    // Geli Lytter and Marika Blomgren (Samordningsförbundet) are the förbund's staff: there, but no party.
    expect(counts(m, g)).toEqual({ 'Region Uppsala': '1/1', Försäkringskassan: '1/1', Arbetsförmedlingen: '1/1', 'Tierps Kommun': '1/1', '(kansli)': '2 närvarande' });
    expect(g.organisations).not.toContain('Samordningsförbundet');
  });

  it('seed 001: the present and absent lists give the counts the minutes imply', () => {
    const present = parseList(SEED_001_PRESENT);
    const absent = parseList(SEED_001_ABSENT);
    expect(present).toHaveLength(14);
    expect(absent).toHaveLength(4);
    const g = groupOf([...present, ...absent]);
    let m = startedMeeting(g, 'mt001', '2016-09-13', ['Långsiktig samverkan']);
    g.members.forEach((x, i) => {
      m = mark(m, g, x.id, i < present.length ? 'present' : 'absent');
    });
    expect(counts(m, g)).toEqual({
      Älvkarleby: '1/1', Landstinget: '2/2', Knivsta: '1/1', Arbetsförmedlingen: '2/3', Försäkringskassan: '1/1', Heby: '1/1', Håbo: '1/1',
      Östhammar: '1/1', Tierp: '1/2', Uppsala: '1/1', Enköping: '0/2', '(utan part)': '2/2',
    });
    const af = partyCounts(m, g).find((p) => p.organisation === 'Arbetsförmedlingen')!;
    expect(af.people.map((e) => `${e.member.name}: ${e.status}`)).toEqual(['Victoria Palmetorp: present', 'Martina Apell: present', 'Carina Bergman: absent']);
  });

  it('seed 003: "§1-4" is kept on the mark and counts as present for the party', () => {
    const g = groupOf(
      [
        { name: 'Marie Svensson' }, { name: 'Ingrid Jerneborg Glimne' }, { name: 'Britta Bergström' },
        { name: 'Anna-Lena Karlsson', organisation: 'Försäkringskassan' }, { name: 'Katarina Enkvist Bohlin', organisation: 'Arbetsförmedlingen' },
        { name: 'Ola Wiktorson', organisation: 'Samordningsförbundet' }, { name: 'Ann Lundqvist', organisation: 'Samordningsförbundet' },
      ],
      { secretary: 6, roles: { 1: ['viceChair'], 2: ['viceChair'] } },
    );
    const titles = ['Inledning', 'Psykisk ohälsa, KUR', 'AMIF projektansökan', 'NNS', 'Implementering', 'Roller och förväntningar', 'Övrigt', 'Avslutning'];
    let m = startedMeeting(g, 'mt003', '2016-02-04', titles, 'protokoll');
    for (const x of g.members) m = mark(m, g, x.id, 'present', {}, 'm6');
    m = mark(m, g, 'm1', 'partial', { fromItemId: 'mt003-i1', toItemId: 'mt003-i4' }, 'm6');
    expect(m.attendance.m1).toMatchObject({ status: 'partial', items: '§1-4', fromItemId: 'mt003-i1', toItemId: 'mt003-i4', source: 'marked', by: 'm6' });
    const ingrid = effectiveAttendance(m, g).find((e) => e.member.id === 'm1')!;
    expect(ingrid.status).toBe('partial');
    expect(counts(m, g)['(utan part)']).toBe('3/3');
    expect(counts(m, g)['(kansli)']).toBe('2 närvarande');
  });
});

describe('marking attendance', () => {
  const g = groupOf([{ name: 'Ordf', organisation: 'A' }, { name: 'Medlem', organisation: 'B' }, { name: 'Annan', organisation: 'B' }, { name: 'Sekr', organisation: 'C' }], { secretary: 3 });
  const m = startedMeeting(g, 'mt', '2016-09-13', ['Ett', 'Två', 'Tre']);
  const refuse = (input: Partial<MarkInput> & { memberId: string; status: AttendanceStatus }, by: string, meeting = m) => {
    const r = markAttendance(meeting, g, { actor: memberById(g, by), at: NOW, ...input });
    if (r.ok) throw new Error('expected a refusal');
    return r.error;
  };

  it('refuses invalid marks with coded errors', () => {
    expect(refuse({ memberId: 'm_nobody', status: 'present' }, 'm0').code).toBe('ATTENDANCE.UNKNOWN_MEMBER');
    expect(refuse({ memberId: 'm1', status: 'partial', fromItemId: 'mt-i1', toItemId: 'mt-i9' }, 'm0')).toEqual({ code: 'ATTENDANCE.ITEM_OUTSIDE_AGENDA', details: { count: 3 } });
    expect(refuse({ memberId: 'm1', status: 'partial', fromItemId: 'mt-i3', toItemId: 'mt-i1' }, 'm0').code).toBe('ATTENDANCE.ITEMS_ORDER');
    expect(refuse({ memberId: 'm1', status: 'partial' }, 'm0').code).toBe('ATTENDANCE.ITEMS_MISSING');
    expect(refuse({ memberId: 'm2', status: 'present' }, 'm1')).toEqual({ code: 'ATTENDANCE.OTHERS_NOT_ALLOWED', details: { name: 'Annan' } });
    // A member may report förhinder for themselves (issue 25), but not mark themselves an ersättare.
    expect(refuse({ memberId: 'm1', status: 'substitute', substituteFor: 'm2' }, 'm1').code).toBe('ATTENDANCE.SELF_STATUS');
    expect(refuse({ memberId: 'm1', status: 'substitute', substituteFor: 'm1' }, 'm0').code).toBe('ATTENDANCE.SUBSTITUTE_FOR_SELF');
    expect(refuse({ memberId: 'm1', status: 'substitute', substituteFor: 'x' }, 'm0').code).toBe('ATTENDANCE.SUBSTITUTE_FOR_MISSING');
    expect(markAttendance(m, g, { memberId: 'm1', status: 'present', actor: undefined, at: NOW })).toEqual({ ok: false, error: { code: 'ATTENDANCE.NOT_A_MEMBER' } });
  });

  it('a member checks themselves in; pressing twice changes nothing', () => {
    const first = must(markAttendance(m, g, { memberId: 'm1', status: 'present', actor: memberById(g, 'm1'), at: NOW }));
    expect(first).toMatchObject({ changed: true, correction: false, mark: { status: 'present', source: 'self', by: 'm1' } });
    const after = { ...m, attendance: { m1: first.mark } };
    const again = must(markAttendance(after, g, { memberId: 'm1', status: 'present', actor: memberById(g, 'm1'), at: '2016-09-13T09:00:00.000Z' }));
    expect(again.changed).toBe(false);
    expect(again.mark.at).toBe(NOW);
  });

  it('after the meeting ended only the secretary corrects, and the correction is logged', () => {
    let ended = mark(m, g, 'm1', 'present');
    ended = must(endMeeting(ended, '2016-09-13T11:00:00.000Z'));
    expect(refuse({ memberId: 'm1', status: 'absent' }, 'm1', ended).code).toBe('ATTENDANCE.MEETING_ENDED');
    expect(refuse({ memberId: 'm1', status: 'absent' }, 'm0', ended).code).toBe('ATTENDANCE.MEETING_ENDED');
    const fixed = must(markAttendance(ended, g, { memberId: 'm1', status: 'excused', actor: memberById(g, 'm3'), at: '2016-09-14T08:00:00.000Z' }));
    expect(fixed.correction).toBe(true);
    expect(fixed.mark.status).toBe('excused');
    expect(fixed.mark.corrections).toEqual([{ at: '2016-09-14T08:00:00.000Z', by: 'm3', byName: 'Sekr', previous: expect.objectContaining({ status: 'present', by: 'm0' }) }]);
    const adjusted = ['draftMinutes', 'sendForAdjustment', 'adjust'].reduce((x, ev) => must(transition(x, ev as 'adjust', AT)), ended);
    expect(refuse({ memberId: 'm1', status: 'absent' }, 'm3', adjusted).code).toBe('ATTENDANCE.MINUTES_ADJUSTED');
  });

  it('Teams participant events mark members present with times; a manual mark wins', () => {
    let withEvents = recordParticipantEvent(m, { id: 'e1', kind: 'join', teamsId: '29:m1', at: '2016-09-13T07:02:00.000Z' });
    withEvents = recordParticipantEvent(withEvents, { id: 'e2', kind: 'leave', teamsId: '29:m1', at: '2016-09-13T09:45:00.000Z' });
    withEvents = recordParticipantEvent(withEvents, { id: 'e3', kind: 'join', teamsId: '29:m2', at: '2016-09-13T07:05:00.000Z' });
    withEvents = recordParticipantEvent(withEvents, { id: 'e4', kind: 'join', teamsId: '29:stranger', at: '2016-09-13T07:05:00.000Z' });
    const auto = effectiveAttendance(withEvents, g);
    expect(auto.find((e) => e.member.id === 'm1')).toMatchObject({ status: 'present', source: 'auto', joinedAt: '2016-09-13T07:02:00.000Z', leftAt: '2016-09-13T09:45:00.000Z' });
    const manual = mark(withEvents, g, 'm2', 'excused');
    expect(effectiveAttendance(manual, g).find((e) => e.member.id === 'm2')).toMatchObject({ status: 'excused', source: 'marked', joinedAt: '2016-09-13T07:05:00.000Z' });
    expect(effectiveAttendance(manual, g).find((e) => e.member.id === 'm0')).toMatchObject({ status: 'none', source: 'none' });
  });

  it('a substitute fills the seat of whom they stand in for', () => {
    const g2 = groupOf([{ name: 'Ordf', organisation: 'A' }, { name: 'Ordinarie', organisation: 'B' }, { name: 'Ersättare', organisation: 'B' }], { roles: { 2: ['substitute'] } });
    let mt = startedMeeting(g2, 'ms', '2016-09-13', ['Ett']);
    mt = mark(mt, g2, 'm0', 'present');
    expect(counts(mt, g2)).toEqual({ A: '1/1', B: '0/1' });
    mt = mark(mt, g2, 'm1', 'excused');
    mt = mark(mt, g2, 'm2', 'substitute', { substituteFor: 'm1' });
    expect(counts(mt, g2)).toEqual({ A: '1/1', B: '1/1' });
  });
});

describe('statistics over a period against the target', () => {
  const g = groupOf([
    { name: 'Birgitta Olsson', organisation: 'Region Uppsala' }, { name: 'Marika Söderberg', organisation: 'Försäkringskassan' },
    { name: 'Wictoria Palmetorp', organisation: 'Arbetsförmedlingen' }, { name: 'Nima Najafi', organisation: 'Tierps kommun' },
  ]);
  // Seven meetings; Arbetsförmedlingen misses two of them (5/7 = 71 % < 85 %).
  const meetings = ['2018-01-25', '2018-03-16', '2018-04-20', '2018-05-25', '2018-06-15', '2018-09-14', '2018-10-19'].map((date, i) => {
    let m = startedMeeting(g, `s${i}`, date, ['Punkt']);
    for (const x of g.members) m = mark(m, g, x.id, x.id === 'm2' && (i === 2 || i === 5) ? 'excused' : 'present');
    return m;
  });
  const planned = { ...startedMeeting(g, 'future', '2018-11-30', ['Punkt']), status: 'noticed' as const };

  it('flags the party that falls below 85 %', () => {
    const s = attendanceStats(g, [...meetings, planned], {}, day);
    expect(s.meetings).toHaveLength(7);
    expect(s.targetPercent).toBe(85);
    expect(s.parties).toEqual([
      { organisation: 'Region Uppsala', called: 7, attended: 7, percent: 100, meetsTarget: true },
      { organisation: 'Försäkringskassan', called: 7, attended: 7, percent: 100, meetsTarget: true },
      { organisation: 'Arbetsförmedlingen', called: 7, attended: 5, percent: 71, meetsTarget: false },
      { organisation: 'Tierps kommun', called: 7, attended: 7, percent: 100, meetsTarget: true },
    ]);
    expect(s.people.find((p) => p.name === 'Wictoria Palmetorp')).toMatchObject({ called: 7, attended: 5, percent: 71 });
  });

  it('counts only the meetings in the period', () => {
    const s = attendanceStats(g, meetings, { from: '2018-03-01', to: '2018-06-30' }, day);
    expect(s.meetings.map((m) => m.date)).toEqual(['2018-03-16', '2018-04-20', '2018-05-25', '2018-06-15']);
    expect(s.parties.find((p) => p.organisation === 'Arbetsförmedlingen')).toMatchObject({ called: 4, attended: 3, percent: 75, meetsTarget: false });
  });

  it('exports one CSV line per person and meeting, for Excel', () => {
    const s = attendanceStats(g, meetings.slice(2, 3), {}, day);
    const labels = {
      headers: ['Grupp', 'Möte', 'Datum', 'Namn', 'Organisation', 'Närvaro', 'Punkter', 'Ersättare för', 'Källa', 'In', 'Ut'] as const,
      statuses: { present: 'Närvarande', absent: 'Frånvarande', excused: 'Anmält förhinder', substitute: 'Ersättare', partial: 'Delvis', none: 'Ej markerad' },
      sources: { self: 'Själv', marked: 'Markerad', auto: 'Teams', none: '' },
    };
    const csv = attendanceCsv([{ group: g, stats: s }], { ...labels, headers: [...labels.headers] }, day, (iso) => iso.slice(11, 16));
    expect(csv.startsWith('\uFEFFGrupp;Möte;Datum;Namn')).toBe(true);
    expect(csv.split('\r\n')).toContain('Seed;Möte;2018-04-20;Wictoria Palmetorp;Arbetsförmedlingen;Anmält förhinder;;;Markerad;;');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('a;b "c"')).toBe('"a;b ""c"""');
  });
});

describe('statistics of a group where the förbund’s staff (kansli) attend', () => {
  // Seed 000's lokusgrupp: four parties, and Geli Lytter and Marika Blomgren of Samordningsförbundet
  // (Marika with the kansli role, Geli only by her organisation), who are at every meeting.
  const base = groupOf([
    { name: 'Birgitta Olsson', organisation: 'Region Uppsala' }, { name: 'Marika Söderberg', organisation: 'Försäkringskassan' },
    { name: 'Wictoria Palmetorp', organisation: 'Arbetsförmedlingen' }, { name: 'Nima Najafi', organisation: 'Tierps kommun' },
    { name: 'Geli Lytter', organisation: 'Samordningsförbundet' }, { name: 'Marika Blomgren', organisation: 'Samordningsförbundet' },
  ], { secretary: 5 });
  const g = must(setRoles(base, { id: 'rk', memberId: 'm5', roles: ['secretary', 'kansli'], effective: 'now', at: AT }));
  // Four meetings; Tierps kommun misses one (3/4 = 75 % < 85 %); the kansli is at all of them.
  const meetings = ['2018-01-25', '2018-03-16', '2018-04-20', '2018-05-25'].map((date, i) => {
    let m = startedMeeting(g, `k${i}`, date, ['Punkt']);
    for (const x of g.members) m = mark(m, g, x.id, x.id === 'm3' && i === 1 ? 'absent' : 'present');
    return m;
  });

  it('lists the member organisations only: the förbund is not among the parties', () => {
    const s = attendanceStats(g, meetings, {}, day);
    expect(s.parties).toEqual([
      { organisation: 'Region Uppsala', called: 4, attended: 4, percent: 100, meetsTarget: true },
      { organisation: 'Försäkringskassan', called: 4, attended: 4, percent: 100, meetsTarget: true },
      { organisation: 'Arbetsförmedlingen', called: 4, attended: 4, percent: 100, meetsTarget: true },
      { organisation: 'Tierps kommun', called: 4, attended: 3, percent: 75, meetsTarget: false },
    ]);
    expect(s.parties.map((p) => p.organisation)).not.toContain('Samordningsförbundet');
    expect(s.parties.every((p) => p.organisation !== undefined)).toBe(true);
  });

  it('measures people against the target only as party representatives; the staff are not in it', () => {
    const s = attendanceStats(g, meetings, {}, day);
    expect(s.people.map((p) => p.name)).toEqual(['Birgitta Olsson', 'Marika Söderberg', 'Wictoria Palmetorp', 'Nima Najafi']);
    expect(s.people.find((p) => p.name === 'Nima Najafi')).toMatchObject({ called: 4, attended: 3, percent: 75 });
  });

  it('counts a meeting’s attendance without the staff: 4 of 4 called, the kansli on its own line', () => {
    const counted = partyCounts(meetings[0]!, g);
    expect(counted.reduce((n, p) => n + p.present, 0)).toBe(4);
    expect(counted.reduce((n, p) => n + p.expected, 0)).toBe(4);
    expect(counted.at(-1)).toMatchObject({ staff: true, present: 0, expected: 0 });
    expect(counted.at(-1)!.people.map((e) => e.member.name)).toEqual(['Geli Lytter', 'Marika Blomgren']);
  });

  it('a group that once listed the förbund as a party (earlier versions) still leaves it out', () => {
    const old = { ...g, organisations: ['Samordningsförbundet', ...g.organisations] };
    expect(attendanceStats(old, meetings, {}, day).parties.map((p) => p.organisation)).toEqual(['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun']);
  });
});
