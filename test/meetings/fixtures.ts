import { addMember, newGroup, setRoles, type Group, type Role, type StandingItem } from '../../src/groups/domain/group.js';

/** Seed 000's lokusgrupp Tierp as a domain value (pure; no I/O). */
export const STANDING: StandingItem[] = [
  { key: 'previousMinutes', title: 'Föregående minnesanteckningar', kind: 'information', position: 'start' },
  { key: 'otherBusiness', title: 'Övriga frågor', kind: 'diskussion', position: 'end' },
  { key: 'nextMeeting', title: 'Nästa möte', kind: 'information', position: 'end' },
];

export const T0 = '2018-01-25T09:00:00.000Z';

export function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

const PEOPLE: Array<[string, string, string, Role[]]> = [
  ['m_birgitta', 'Birgitta Olsson', 'Region Uppsala', ['member']],
  ['m_marikas', 'Marika Söderberg', 'Försäkringskassan', ['member']],
  ['m_wictoria', 'Wictoria Palmetorp', 'Arbetsförmedlingen', ['member']],
  ['m_nima', 'Nima Najafi', 'Tierps kommun', ['member']],
  ['m_geli', 'Geli Lytter', 'Samordningsförbundet', ['kansli']],
];

/** Marika Blomgren set the group up (chair), then made herself secretary + kansli and added the others. */
export function tierp(): Group {
  let g = newGroup({
    groupId: 'g_tierp',
    tenantId: 't',
    conversationId: '19:lokus-tierp@thread.tacv2',
    name: 'Tierp',
    kind: 'lokusgrupp',
    standingItems: STANDING,
    founder: { memberId: 'm_marikab', roleId: 'r0', name: 'Marika Blomgren', organisation: 'Samordningsförbundet', teamsId: '29:marika-blomgren', aadObjectId: 'aad-marika-blomgren' },
    at: T0,
  });
  for (const [id, name, organisation, roles] of PEOPLE) {
    g = must(addMember(g, { id, name, organisation, teamsId: `29:${id}`, aadObjectId: `aad-${id}` }, T0)).group;
    g = must(setRoles(g, { id: `r-${id}`, memberId: id, roles, effective: 'now', at: T0 }));
  }
  g = must(setRoles(g, { id: 'r-birgitta-chair', memberId: 'm_birgitta', roles: ['chair'], effective: 'now', at: T0 }));
  g = must(setRoles(g, { id: 'r-marikab', memberId: 'm_marikab', roles: ['secretary', 'kansli'], effective: 'now', at: T0 }));
  return g;
}
