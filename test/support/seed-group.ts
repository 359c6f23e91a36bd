import { expect } from 'vitest';
import { groupIdOf } from '../../src/bot/context.js';
import * as A from './activities.js';
import { cardText, cardsOf } from './cards.js';
import type { TestBot } from './test-bot.js';

type Json = Record<string, any>;

/** The people of seed 000 (lokusgrupp Tierp), with their parties. */
export const TIERP = {
  marika: A.person('Marika Blomgren'),
  birgitta: A.person('Birgitta Olsson'),
  marikaS: A.person('Marika Söderberg'),
  wictoria: A.person('Wictoria Palmetorp'),
  nima: A.person('Nima Najafi'),
  geli: A.person('Geli Lytter'),
};

export const TIERP_PARTIES: Array<[A.Person, string]> = [
  [TIERP.birgitta, 'Region Uppsala'],
  [TIERP.marikaS, 'Försäkringskassan'],
  [TIERP.wictoria, 'Arbetsförmedlingen'],
  [TIERP.nima, 'Tierps kommun'],
  [TIERP.geli, 'Samordningsförbundet'],
];

export function groupIdFor(conv: A.Conversation): string {
  return groupIdOf(conv.tenantId, conv.id);
}

/** The card a press answered with (Action.Execute), failing with the message when it was a refusal. */
export function answered(r: { card?: Json; message?: string }): Json {
  if (!r.card) throw new Error(`expected a card, got message: ${r.message}`);
  return r.card;
}

/** The value a choice list on a card offers for a visible title (what a person picks). */
export function choiceValue(card: Json, inputId: string, title: string | RegExp): string {
  let found: string | undefined;
  const matches = (t: string) => (typeof title === 'string' ? t === title : title.test(t));
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (o.type === 'Input.ChoiceSet' && o.id === inputId) found ??= o.choices.find((c: Json) => matches(String(c.title)))?.value;
    Object.values(o).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no choice ${String(title)} for ${inputId} on the card`);
  return found;
}

/** The member id the settings card offers for a name (from the role form's choices). */
export function memberIdOn(card: Json, name: string): string {
  return choiceValue(card, 'roleMemberId', name);
}

/**
 * The member id a leader picks for a name in the settings card's member list: from the card's own
 * choices, or (a large group's list, with Teams' typeahead) from what the bot's search offers.
 */
export async function pickMember(bot: TestBot, conv: A.Conversation, who: A.Person, card: Json, name: string): Promise<string> {
  try {
    return memberIdOn(card, name);
  } catch {
    // not listed on the card: search as the leader types
  }
  const hit = (await bot.search(conv, who, 'lokus.members', name)).find((r) => r.title === name || r.title.startsWith(`${name} (`));
  if (!hit) throw new Error(`neither the card nor the member search offers ${name}`);
  return hit.value;
}

export interface GroupSpec {
  name: string;
  kind: string;
  founderOrganisation: string;
  /** Everyone but the founder, with party, roles (comma list, e.g. "viceChair"; "member" adds no role) and an optional title ("förbundschef"). */
  people: Array<[A.Person, string, string, string?]>;
  /** The founder's roles once the others are in (the founder starts as chair). */
  founderRoles: string;
}

/**
 * Sets a group up through the bot, as its founder would: create it (becoming chair), pick everyone
 * from the Teams roster party by party, then give the roles. Returns the last settings card.
 */
export async function setUpGroup(bot: TestBot, conv: A.Conversation, founder: A.Person, spec: GroupSpec): Promise<Json> {
  bot.connector.rosters.set(conv.id, [founder, ...spec.people.map(([p]) => p)]);
  const setup = await bot.say(conv, founder, 'grupp');
  let card = answered(await bot.click(conv, founder, cardsOf(setup.replies[0])[0]!, 'Skapa gruppen', { groupName: spec.name, groupKind: spec.kind, organisation: spec.founderOrganisation }));
  const parties = [...new Set(spec.people.map(([, party]) => party))];
  for (const party of parties) {
    const ids = spec.people.filter(([, p]) => p === party).map(([person]) => person.id);
    card = answered(await bot.click(conv, founder, card, 'Hämta från Teams'));
    card = answered(await bot.click(conv, founder, card, 'Lägg till valda', { people: ids.join(','), rosterOrganisation: party }));
  }
  for (const [person, , roles, title] of spec.people) {
    if (roles === 'member' && !title) continue;
    card = answered(await bot.click(conv, founder, card, 'Spara roll', { roleMemberId: await pickMember(bot, conv, founder, card, person.name), roles, effective: 'now', ...(title ? { roleTitle: title } : {}) }));
  }
  card = answered(await bot.click(conv, founder, card, 'Spara roll', { roleMemberId: await pickMember(bot, conv, founder, card, founder.name), roles: spec.founderRoles, effective: 'now' }));
  expect(cardText(card)).toContain(spec.name);
  return card;
}

/** Seed 000's lokusgrupp Tierp: Marika Blomgren (secretary, kansli) sets it up; Birgitta Olsson chairs. */
export function setUpTierp(bot: TestBot, conv: A.Conversation): Promise<Json> {
  return setUpGroup(bot, conv, TIERP.marika, {
    name: 'Tierp',
    kind: 'lokusgrupp',
    founderOrganisation: 'Samordningsförbundet',
    people: TIERP_PARTIES.map(([p, party]) => [p, party, p === TIERP.birgitta ? 'chair' : p === TIERP.geli ? 'kansli' : 'member']),
    founderRoles: 'secretary,kansli',
  });
}
