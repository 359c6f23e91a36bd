import { addMember, isForbundOrganisation, newGroup, setRoles, type Group, type GroupKind, type Role } from '../../src/groups/domain/group.js';
import { newMeeting, type AttendanceMark } from '../../src/meetings/domain/meeting.js';
import { groupIdOf } from '../../src/bot/context.js';
import * as A from '../support/activities.js';
import type { TestBot } from '../support/test-bot.js';

export const memberId = (p: A.Person) => `m_${p.aadObjectId.slice(4)}`;

/** The people of seeds 000 and 002: the Tierp lokusgrupp's parties, the office, the styrelse's chair. */
export const O = {
  birgitta: A.person('Birgitta Olsson'),
  marikaS: A.person('Marika Söderberg'),
  wictoria: A.person('Wictoria Palmetorp'),
  nima: A.person('Nima Najafi'),
  marikaB: A.person('Marika Blomgren'),
  asa: A.person('Åsa Fichtel'),
  lars: A.person('Lars Persson'),
  kenny: A.person('Kenny Sjöberg'),
};

export const TIERP_REPS = [O.birgitta, O.marikaS, O.wictoria, O.nima];

export interface Seat {
  person: A.Person;
  organisation: string;
  roles: Role[];
  title?: string;
}

/** Stores a group for a conversation as the group settings would (the real repository); the founder's roles last. */
export async function storeGroup(bot: TestBot, conv: A.Conversation, spec: { name: string; kind: GroupKind; founder: Seat; seats: Seat[]; at: string }): Promise<Group> {
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  const f = spec.founder;
  let g = newGroup({
    groupId: groupIdOf(conv.tenantId, conv.id), tenantId: conv.tenantId, conversationId: conv.id, name: spec.name, kind: spec.kind, standingItems: [],
    founder: { memberId: memberId(f.person), roleId: 'r0', name: f.person.name, organisation: f.organisation, teamsId: f.person.id, aadObjectId: f.person.aadObjectId },
    at: spec.at,
  });
  for (const s of spec.seats) {
    g = ok(addMember(g, { id: memberId(s.person), name: s.person.name, organisation: s.organisation, ...(s.title ? { title: s.title } : {}), teamsId: s.person.id, aadObjectId: s.person.aadObjectId }, spec.at)).group;
    g = ok(setRoles(g, { id: `r-${memberId(s.person)}`, memberId: memberId(s.person), roles: s.roles, effective: 'now', at: spec.at }));
  }
  g = ok(setRoles(g, { id: 'r-founder', memberId: memberId(f.person), roles: f.roles, effective: 'now', at: spec.at }));
  await bot.lokus.deps.groups.create(g);
  return g;
}

const OFFICE: Seat[] = [{ person: O.asa, organisation: 'Samordningsförbundet', roles: ['kansli'], title: 'förbundschef' }];

/** Seed 000/002's lokusgrupp Tierp: four parties; Marika Blomgren (secretary, kansli) and Åsa Fichtel (förbundschef, kansli). */
export function storeTierp(bot: TestBot, conv: A.Conversation, at: string): Promise<Group> {
  return storeGroup(bot, conv, {
    name: 'Tierp', kind: 'lokusgrupp', at,
    founder: { person: O.marikaB, organisation: 'Samordningsförbundet', roles: ['secretary', 'kansli'] },
    seats: [
      { person: O.birgitta, organisation: 'Region Uppsala', roles: ['chair'] },
      { person: O.marikaS, organisation: 'Försäkringskassan', roles: ['member'] },
      { person: O.wictoria, organisation: 'Arbetsförmedlingen', roles: ['member'] },
      { person: O.nima, organisation: 'Tierps kommun', roles: ['member'] },
      ...OFFICE,
    ],
  });
}

/** The förbundsstyrelse in its own channel: Lars Persson chairs; Marika Blomgren is its secretary and kansli. */
export function storeStyrelse(bot: TestBot, conv: A.Conversation, at: string): Promise<Group> {
  return storeGroup(bot, conv, {
    name: 'Förbundsstyrelsen', kind: 'styrelse', at,
    founder: { person: O.marikaB, organisation: 'Samordningsförbundet', roles: ['secretary', 'kansli'] },
    seats: [
      { person: O.lars, organisation: 'Region Uppsala', roles: ['chair'] },
      { person: O.kenny, organisation: 'Tierps kommun', roles: ['member'] },
      ...OFFICE,
    ],
  });
}

/** A small seeded PRNG (mulberry32): the same generated year every run. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stores held meetings through the real repository: on each of `days`, a meeting titled by `title`,
 * every member of a party present with the party's `chance` (marked as the secretary would).
 */
export async function storeHeldMeetings(bot: TestBot, group: Group, spec: { days: string[]; title: (day: string, i: number) => string; chance: Record<string, number>; seed: number; items?: (day: string) => string[] }): Promise<void> {
  const rnd = prng(spec.seed);
  for (const [i, day] of spec.days.entries()) {
    const id = `meeting-${group.groupId.slice(2, 10)}-${i}`;
    const made = newMeeting({ id, group, title: spec.title(day, i), date: day, itemIds: group.settings.standingItems.map((_, k) => `${id}-s${k}`), at: `${day}T07:00:00.000Z` });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const attendance: Record<string, AttendanceMark> = {};
    for (const m of group.members) {
      if (!m.organisation || isForbundOrganisation(m.organisation)) continue;
      const there = rnd() < (spec.chance[m.organisation] ?? 0.95);
      attendance[m.id] = { status: there ? 'present' : 'absent', source: 'marked', at: `${day}T08:00:00.000Z` };
    }
    const items = (spec.items?.(day) ?? []).map((title, k) => ({ id: `${id}-i${k}`, title, kind: 'information' as const }));
    await bot.lokus.deps.meetings.create({ ...made.value, items: [...made.value.items, ...items], status: 'adjusted', startedAt: `${day}T08:00:00.000Z`, endedAt: `${day}T10:00:00.000Z`, attendance });
  }
}
