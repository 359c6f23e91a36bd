import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';

type Json = Record<string, any>;

/**
 * "Kör …" on a "Menade du …?" card runs the command as typed, also where no group is set up: the
 * command itself decides what it needs (`mina uppdrag` in a personal chat, `grupp` in a new channel).
 */
describe('"Menade du …?" where there is no group yet, over real HTTP', () => {
  let bot: TestBot;
  const anna = A.person('Anna Andersson');
  beforeAll(async () => {
    bot = await TestBot.start();
  });
  afterAll(async () => bot.stop());

  /** What the bot sends for the text, as cards' text or plain text. */
  const shown = (replies: Json[]) => replies.map((r) => (cardsOf(r)[0] ? cardText(cardsOf(r)[0]!) : r.text));

  it('in a personal chat, "mina uppdarg" → Kör mina uppdrag answers as "mina uppdrag" does', async () => {
    const conv = A.personalChat(anna);
    const typed = shown((await bot.say(conv, anna, 'mina uppdrag')).replies);
    const question = cardsOf((await bot.say(conv, anna, 'mina uppdarg')).replies[0])[0]!;
    expect(cardText(question)).toContain('Menade du mina uppdrag?');
    const ran = await bot.click(conv, anna, question, 'Kör mina uppdrag');
    expect(ran.message).toBeUndefined();
    expect(cardText(ran.card!)).toBe('Kört: mina uppdrag');
    expect(typed).toHaveLength(1);
    expect(shown(ran.replies)).toEqual(typed);
  });

  it('in a new channel, "gruppen" → Kör grupp starts the set-up as "grupp" does', async () => {
    const typedIn = A.channel('new-channel-typed');
    const typed = shown((await bot.say(typedIn, anna, 'grupp')).replies);
    const conv = A.channel('new-channel-near-miss');
    const question = cardsOf((await bot.say(conv, anna, 'gruppen')).replies[0])[0]!;
    expect(cardText(question)).toContain('Menade du grupp?');
    const ran = await bot.click(conv, anna, question, 'Kör grupp');
    expect(ran.message).toBeUndefined();
    expect(cardText(ran.card!)).toBe('Kört: grupp');
    expect(typed[0]).toMatch(/^Kom igång med gruppen\n[\s\S]*Skapa gruppen$/);
    expect(shown(ran.replies)).toEqual(typed);
  });

  it('a press with no text to run is refused with a message and runs nothing', async () => {
    const conv = A.channel('new-channel-forged');
    const r = await bot.execute(conv, anna, 'command.run', { value: '  ' });
    expect(r.message).toBe('Kortet skickade uppgifter som inte gick att använda. Ladda om kortet och försök igen.');
    expect(r.replies).toEqual([]);
  });
});
