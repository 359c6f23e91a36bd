import { endMeeting, startMeeting, type Meeting } from '../../src/domain/meeting.js';
import * as A from './activities.js';
import { cardsOf, cardText } from './cards.js';
import { answered, groupIdFor, setUpTierp, TIERP } from './seed-group.js';
import type { TestBot } from './test-bot.js';

type Json = Record<string, any>;

/**
 * Seed 000's group planning its next meeting and posting the check-in card (`närvarokort`).
 * Returns the channel, the meeting and the posted card's activity id.
 */
export async function tierpWithCheckInCard(bot: TestBot, name: string, opts: { extra?: Array<[A.Person[], string]>; format?: 'protokoll' } = {}) {
  const conv = A.channel(name);
  let settings = await setUpTierp(bot, conv);
  for (const [people, party] of opts.extra ?? []) {
    bot.connector.rosters.set(conv.id, people);
    settings = answered(await bot.click(conv, TIERP.marika, settings, 'Hämta från Teams'));
    settings = answered(await bot.click(conv, TIERP.marika, settings, 'Lägg till valda', { people: people.map((p) => p.id).join(','), rosterOrganisation: party }));
  }
  const planned = await bot.say(conv, TIERP.marika, 'nytt möte 16 mars 13-15 Regionens hus, lokal Aspnäs');
  let plan = cardsOf(planned.replies[0])[0]!;
  for (const title of ['Rotation av ordförande', 'Samordnare/Partsamordnare, uppdrag och start', 'Granskning uppdrag', 'Projektansökan, språkstödjare']) {
    await bot.say(conv, TIERP.marika, `punkt ${title}`);
  }
  if (opts.format) plan = answered(await bot.click(conv, TIERP.marika, plan, 'Spara', { format: opts.format }));
  const groupId = groupIdFor(conv);
  const meeting = (await bot.lokus.deps.meetings.list(groupId))[0]!;
  const posted = await bot.say(conv, TIERP.marika, 'närvarokort');
  await bot.settle();
  const card = bot.connector.posted(conv.id).filter((a) => cardsOf(a)[0] && cardText(cardsOf(a)[0]!).startsWith('Närvaro:')).at(-1)!;
  return { conv, groupId, meeting, posted, cardId: card.id as string, card: cardsOf(card)[0]! as Json, plan };
}

/**
 * Issue 4 (`starta möte`, `avsluta möte`) is not on this branch yet: these move the stored meeting
 * through the same pure transitions, so attendance can be tested against started and ended meetings.
 */
export async function startInStore(bot: TestBot, groupId: string, meetingId: string, at: string): Promise<Meeting> {
  return bot.lokus.deps.meetings.update(groupId, meetingId, (m) => {
    const r = startMeeting(m!, `start-${meetingId}`, at);
    if (!r.ok) throw new Error(r.error.code);
    return { next: r.value, result: r.value };
  });
}

export async function endInStore(bot: TestBot, groupId: string, meetingId: string, at: string): Promise<Meeting> {
  return bot.lokus.deps.meetings.update(groupId, meetingId, (m) => {
    const r = endMeeting(m!, at);
    if (!r.ok) throw new Error(r.error.code);
    return { next: r.value, result: r.value };
  });
}
