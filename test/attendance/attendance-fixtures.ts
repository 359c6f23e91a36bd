import { addMember, newGroup, setRoles, type Group, type Role } from '../../src/groups/domain/group.js';
import { addItem, newMeeting, startMeeting, type Meeting } from '../../src/meetings/domain/meeting.js';
import { must, STANDING } from '../meetings/fixtures.js';

/** Seed 001 (strategiska utvecklingsgruppen, 2016-09-13): the lists as written in the minutes. */
export const SEED_001_PRESENT =
  'Bert-Ola Dahlgren - Älvkarleby, Birgitta Pleijel - Landstinget, Mats Ståhl Elgström - Knivsta, Victoria Palmetorp - Arbetsförmedlingen, Marika Söderberg - Försäkringskassan, Martina Apell - Arbetsförmedlingen, Åsa Johansson - Heby, Catrin Josephson - Håbo, Mikael Sjöberg - Östhammar, Randi Graungaard – Tierp, Lena Winterbom – Uppsala, Agneta Eklund – Landstinget, Åsa Fichtel, Geli Lytter.';
export const SEED_001_ABSENT = 'Carina Bergman - Arbetsförmedlingen, Elisabeth Kantor - Enköping, Anna-lena Rudström – Tierp, Ulrika Björn – Enköping.';

/** Seed 000 (lokusmöte Tierp, 2018-01-25): "Närvarande", one person and party a line. */
export const SEED_000_PRESENT = [
  'Birgitta Olsson, Region Uppsala',
  'Marika Söderberg, Försäkringskassan',
  'Wictoria Palmetorp, Arbetsförmedlingen',
  'Nima Najafi, Tierps Kommun',
  'Geli Lytter, Samordningsförbundet',
  'Marika Blomgren, Samordningsförbundet',
];

export interface Listed {
  name: string;
  organisation?: string;
}

/** "Bert-Ola Dahlgren - Älvkarleby, Åsa Fichtel, Geli Lytter." → names and parties, as the seed lists them. */
export function parseList(line: string): Listed[] {
  return line
    .replace(/\.\s*$/, '')
    .split(/,\s*/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^(.+?)\s+[-–]\s+(.+)$/.exec(p);
      return m ? { name: m[1]!.trim(), organisation: m[2]!.trim() } : { name: p };
    });
}

export const AT = '2016-01-01T08:00:00.000Z';

/** A group of these people (member ids m0, m1, …) with the first as chair and optionally a secretary. */
export function groupOf(people: Listed[], opts: { secretary?: number; roles?: Record<number, Role[]>; format?: 'protokoll' } = {}): Group {
  const [first, ...rest] = people;
  let g = newGroup({
    groupId: 'g_seed', tenantId: 't', conversationId: '19:seed@thread.tacv2', name: 'Seed', kind: 'strategisk-utvecklingsgrupp', standingItems: STANDING,
    founder: { memberId: 'm0', roleId: 'r0', name: first!.name, ...(first!.organisation ? { organisation: first!.organisation } : {}), teamsId: '29:m0' },
    at: AT,
  });
  rest.forEach((p, i) => {
    g = must(addMember(g, { id: `m${i + 1}`, name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}), teamsId: `29:m${i + 1}` }, AT)).group;
  });
  for (const [i, roles] of Object.entries(opts.roles ?? {})) g = must(setRoles(g, { id: `r${i}`, memberId: `m${i}`, roles, effective: 'now', at: AT }));
  if (opts.secretary !== undefined) g = must(setRoles(g, { id: 'rs', memberId: `m${opts.secretary}`, roles: ['secretary'], effective: 'now', at: AT }));
  return g;
}

/** A started meeting of the group with these agenda items (no standing items). */
export function startedMeeting(group: Group, id: string, date: string, titles: string[], format: 'protokoll' | 'minnesanteckningar' = 'minnesanteckningar'): Meeting {
  let m = must(newMeeting({ id, group, title: 'Möte', format, date, time: { start: '09:00', end: '12:00' }, itemIds: [], at: AT }));
  m = { ...m, items: [] };
  titles.forEach((title, i) => {
    m = must(addItem(m, { id: `${id}-i${i + 1}`, title }, AT)).meeting;
  });
  return must(startMeeting(m, `${id}-start`, `${date}T08:00:00.000Z`));
}
