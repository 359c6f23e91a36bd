import { expect } from 'vitest';
import { groupIdOf } from '../../src/teams/context.js';
import * as A from './activities.js';
import { cardsOf } from './cards.js';
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
 * Sets up seed 000's group through the bot, as its secretary would: Marika Blomgren creates it (and
 * becomes chair), picks everyone from the Teams roster party by party, makes Birgitta chair and
 * herself secretary. Returns the last settings card.
 */
export async function setUpTierp(bot: TestBot, conv: A.Conversation): Promise<Json> {
  const { marika } = TIERP;
  bot.connector.rosters.set(conv.id, [marika, ...TIERP_PARTIES.map(([p]) => p)]);
  const setup = await bot.say(conv, marika, 'grupp');
  let card = answered(await bot.click(conv, marika, cardsOf(setup.replies[0])[0]!, 'Skapa gruppen', { groupName: 'Tierp', groupKind: 'lokusgrupp', organisation: 'Samordningsförbundet' }));
  for (const [person, party] of TIERP_PARTIES) {
    card = answered(await bot.click(conv, marika, card, 'Hämta från Teams'));
    card = answered(await bot.click(conv, marika, card, 'Lägg till valda', { people: person.id, rosterOrganisation: party }));
  }
  card = answered(await bot.click(conv, marika, card, 'Spara roll', { roleMemberId: memberIdOn(card, 'Birgitta Olsson'), roles: 'chair', effective: 'now' }));
  card = answered(await bot.click(conv, marika, card, 'Spara roll', { roleMemberId: memberIdOn(card, 'Marika Blomgren'), roles: 'secretary,kansli', effective: 'now' }));
  card = answered(await bot.click(conv, marika, card, 'Spara roll', { roleMemberId: memberIdOn(card, 'Geli Lytter'), roles: 'kansli', effective: 'now' }));
  expect(card).toBeTruthy();
  return card;
}
