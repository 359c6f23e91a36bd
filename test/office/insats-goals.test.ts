import { describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv/index.js';
import { newMeeting, type AttendanceMark, type Meeting } from '../../src/meetings/domain/meeting.js';
import { insatsProgress, newInsats, type Insats } from '../../src/office/domain/insats.js';
import { goalLines } from '../../src/office/goal-lines.js';
import { must, tierp } from '../meetings/fixtures.js';
import { prng } from './office-support.js';

const group = tierp();
const PARTY_OF: Record<string, string> = { m_birgitta: 'Region Uppsala', m_marikas: 'Försäkringskassan', m_wictoria: 'Arbetsförmedlingen', m_nima: 'Tierps kommun' };
/** How likely each party is to come: Arbetsförmedlingen is often away (below 85 %). */
const CHANCE: Record<string, number> = { m_birgitta: 0.97, m_marikas: 0.93, m_wictoria: 0.7, m_nima: 0.99 };

interface Generated {
  meeting: Meeting;
  title: string;
  day: string;
  parties: Set<string>;
  review: boolean;
}

/** 2018 in the lokusgrupp: individmöten most weeks, partsamordnarträffar, a lokusmöte a month (one with Granskning uppdrag). */
function generateYear(): Generated[] {
  const rnd = prng(2018);
  const out: Generated[] = [];
  let n = 0;
  const add = (title: string, day: string, review = false) => {
    const id = `gen-${++n}`;
    let m = must(newMeeting({ id, group, title, date: day, itemIds: [`${id}-s0`, `${id}-s1`, `${id}-s2`], at: `${day}T08:00:00.000Z` }));
    if (review) m = { ...m, items: [...m.items, { id: `${id}-review`, title: 'Granskning uppdrag', kind: 'information' }] };
    const parties = new Set<string>();
    const attendance: Record<string, AttendanceMark> = {};
    for (const [memberId, party] of Object.entries(PARTY_OF)) {
      const there = rnd() < CHANCE[memberId]!;
      attendance[memberId] = { status: there ? 'present' : 'absent', source: 'marked', at: `${day}T09:00:00.000Z` };
      if (there) parties.add(party);
    }
    m = { ...m, status: n % 7 === 0 ? 'adjusted' : 'ended', startedAt: `${day}T09:00:00.000Z`, endedAt: `${day}T10:00:00.000Z`, attendance };
    out.push({ meeting: m, title, day, parties, review });
  };
  // Weekly individmöten from February (the group was set up on 25 January), some weeks skipped.
  for (let d = new Date('2018-02-01T00:00:00Z'); d <= new Date('2018-12-31T00:00:00Z'); d = new Date(d.getTime() + 7 * 86400_000)) {
    if (rnd() < 0.8) add(`Individmöte vecka ${Math.ceil((d.getTime() - Date.UTC(2018, 0, 1)) / (7 * 86400_000))}`, d.toISOString().slice(0, 10));
  }
  for (const day of ['2018-03-14', '2018-06-13', '2018-11-21']) add('Partsamordnare: träff', day);
  for (let month = 2; month <= 12; month++) add('Lokusmöte Tierp', `2018-${String(month).padStart(2, '0')}-20`, month === 9);
  // A planned meeting that has not been held counts for nothing.
  out.push({ meeting: must(newMeeting({ id: 'planned', group, title: 'Individmöte planerat', date: '2018-12-28', itemIds: ['p0', 'p1', 'p2'], at: '2018-12-01T08:00:00.000Z' })), title: 'x', day: '2018-12-28', parties: new Set(), review: false });
  return out;
}

const seed002Insats = (): Insats => must(newInsats({
  id: 'insats-1', tenantId: 't', name: 'Samordnare och partsamordnare Tierp', groupIds: ['g_tierp'], from: '2018-01-01', to: '2019-12-31', createdBy: 'Marika Blomgren', at: '2018-02-20T12:00:00.000Z',
  goals: [
    { kind: 'meetingCount', titleWord: 'Individmöte', minParties: 2, target: 60 },
    { kind: 'attendance', percent: 85 },
    { kind: 'regularMeetings', titleWord: 'partsamordnare', perYear: 4 },
    { kind: 'yearlyReview', itemTitle: 'Granskning uppdrag' },
  ],
}));

describe('insats goals over a generated year of recorded meetings (seed 002’s insatsmål)', () => {
  const year = generateYear();
  const held = year.filter((g) => g.meeting.status !== 'planned');
  const progress = insatsProgress(seed002Insats(), [{ group, meetings: year.map((g) => g.meeting) }], '2018-12-31', (iso) => iso.slice(0, 10));

  it('counts meetings with the individual and at least two parties present, as counted by hand', () => {
    const expected = held.filter((g) => g.title.startsWith('Individmöte') && g.parties.size >= 2).length;
    expect(expected).toBeGreaterThan(20);
    const p = progress.find((x) => x.kind === 'meetingCount')!;
    expect(p.kind === 'meetingCount' && p.count).toBe(expected);
    expect(p.met).toBe(expected >= 60);
    const byMonth = new Map<string, number>();
    for (const g of held.filter((x) => x.title.startsWith('Individmöte') && x.parties.size >= 2)) byMonth.set(g.day.slice(0, 7), (byMonth.get(g.day.slice(0, 7)) ?? 0) + 1);
    expect(p.kind === 'meetingCount' && Object.fromEntries(p.byMonth.map((m) => [m.month, m.count]))).toEqual(Object.fromEntries(byMonth));
  });

  it('attendance per party against 85 % matches the hand count, and Arbetsförmedlingen below it is said in words', () => {
    const p = progress.find((x) => x.kind === 'attendance')!;
    if (p.kind !== 'attendance') throw new Error('no attendance goal');
    for (const party of Object.values(PARTY_OF)) {
      const attended = held.filter((g) => g.parties.has(party)).length;
      const percent = Math.round((attended * 100) / held.length);
      const line = p.parties.find((x) => x.organisation === party)!;
      expect(line, party).toMatchObject({ called: held.length, attended, percent, meetsTarget: attended * 100 >= 85 * held.length });
    }
    const af = p.parties.find((x) => x.organisation === 'Arbetsförmedlingen')!;
    expect(af.meetsTarget).toBe(false);
    expect(p.parties.filter((x) => x.meetsTarget).map((x) => x.organisation)).toEqual(['Region Uppsala', 'Försäkringskassan', 'Tierps kommun']);
    // Förbund staff (kansli) are no party: not in the goal.
    expect(p.parties.map((x) => x.organisation)).not.toContain('Samordningsförbundet');
    const lines = goalLines(sv, progress).filter((l) => l.shown.startsWith('Arbetsförmedlingen'));
    expect(lines).toHaveLength(1);
    expect(`${lines[0]!.shown} – ${lines[0]!.verdict}`).toBe(`Arbetsförmedlingen (Tierp): ${af.attended} av ${af.called} möten, ${af.percent} % (varje part på minst 85 % av kallade möten) – ▲ under målet`);
    expect(goalLines(sv, progress).find((l) => l.shown.startsWith('Tierps kommun'))!.verdict).toBe('✓ når målet');
  });

  it('regular meetings a year and the yearly review, counted per year', () => {
    const regular = progress.find((x) => x.kind === 'regularMeetings')!;
    expect(regular.kind === 'regularMeetings' && regular.years).toEqual([{ year: 2018, count: 3, met: false }]);
    const review = progress.find((x) => x.kind === 'yearlyReview')!;
    expect(review.kind === 'yearlyReview' && review.years).toEqual([{ year: 2018, count: held.filter((g) => g.review).length, met: true }]);
    expect(goalLines(sv, progress).map((l) => `${l.shown} – ${l.verdict}`)).toEqual(expect.arrayContaining([
      'Regelbundna träffar (partsamordnare) 2018: 3 av 4 – ▲ under målet',
      'Granskning uppdrag 2018: genomförd – ✓ når målet',
    ]));
  });

  it('a dropped review item does not count, and a year without one is not met', () => {
    const dropped = year.map((g) => (g.review ? { ...g.meeting, items: g.meeting.items.map((i) => (i.title === 'Granskning uppdrag' ? { ...i, dropped: true } : i)) } : g.meeting));
    const p = insatsProgress(seed002Insats(), [{ group, meetings: dropped }], '2018-12-31', (iso) => iso.slice(0, 10)).find((x) => x.kind === 'yearlyReview')!;
    expect(p.met).toBe(false);
  });

  it('refuses an insats without goals or with its period backwards', () => {
    const base = { id: 'i', tenantId: 't', name: 'X', groupIds: ['g'], createdBy: 'M', at: '2018-01-01T00:00:00.000Z' };
    expect(newInsats({ ...base, from: '2018-01-01', to: '2019-12-31', goals: [] })).toEqual({ ok: false, error: { code: 'INSATS.NO_GOALS' } });
    expect(newInsats({ ...base, from: '2019-01-01', to: '2018-12-31', goals: [{ kind: 'attendance', percent: 85 }] })).toEqual({ ok: false, error: { code: 'INSATS.PERIOD_INVALID' } });
    expect(newInsats({ ...base, from: '2018-01-01', to: '2018-12-31', goals: [{ kind: 'attendance', percent: 120 }] })).toEqual({ ok: false, error: { code: 'INSATS.GOAL_INVALID' } });
  });
});
