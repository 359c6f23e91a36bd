import * as A from './activities.js';
import { cardsOf, cardText } from './cards.js';
import { answered, groupIdFor, setUpTierp, TIERP } from './seed-group.js';
import type { TestBot } from './test-bot.js';
import { startMeeting } from './meeting-steps.js';

type Json = Record<string, any>;

/**
 * Seed 000's group plans its next meeting (with seed 000's items) and starts it with `starta möte`,
 * which posts the check-in card beside the live card. Returns the channel, the meeting and the card.
 */
export async function tierpStarted(bot: TestBot, name: string, opts: { extra?: Array<[A.Person[], string]>; notInTeams?: Array<[string, string]>; format?: 'protokoll' } = {}) {
  const conv = A.channel(name);
  let settings = await setUpTierp(bot, conv);
  for (const [people, party] of opts.extra ?? []) {
    bot.connector.rosters.set(conv.id, people);
    settings = answered(await bot.click(conv, TIERP.marika, settings, 'Hämta från Teams'));
    settings = answered(await bot.click(conv, TIERP.marika, settings, 'Lägg till valda', { people: people.map((p) => p.id).join(','), rosterOrganisation: party }));
  }
  for (const [memberName, memberOrganisation] of opts.notInTeams ?? []) {
    settings = answered(await bot.click(conv, TIERP.marika, settings, 'Lägg till', { memberName, memberOrganisation }));
  }
  const planned = await bot.say(conv, TIERP.marika, 'nytt möte 16 mars 13-15 Regionens hus, lokal Aspnäs');
  const plan = cardsOf(planned.replies[0])[0]!;
  for (const title of ['Rotation av ordförande', 'Samordnare/Partsamordnare, uppdrag och start', 'Granskning uppdrag', 'Projektansökan, språkstödjare']) {
    await bot.say(conv, TIERP.marika, `punkt ${title}`);
  }
  if (opts.format) answered(await bot.click(conv, TIERP.marika, plan, 'Spara', { format: opts.format }));
  const groupId = groupIdFor(conv);
  const started = await startMeeting(bot, conv, TIERP.marika);
  await bot.settle();
  const meeting = (await bot.lokus.deps.meetings.list(groupId))[0]!;
  return { conv, groupId, meeting, started, ...checkInCard(bot, conv) };
}

/** The check-in card posted last in the channel: its activity id and the card as posted. */
export function checkInCard(bot: TestBot, conv: A.Conversation): { cardId: string; card: Json } {
  const posted = bot.connector.posted(conv.id).filter((a) => cardsOf(a)[0] && cardText(cardsOf(a)[0]!).startsWith('Närvaro:'));
  if (posted.length === 0) throw new Error('no check-in card was posted');
  return { cardId: posted.at(-1)!.id as string, card: cardsOf(posted.at(-1))[0]! };
}
