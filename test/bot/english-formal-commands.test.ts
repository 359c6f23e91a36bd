import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { groupIdFor } from '../support/seed-group.js';
import { STYRELSE as S, checkIn, planMeeting, setUpStyrelse } from '../support/seed-styrelse.js';
import { TestBot } from '../support/test-bot.js';

/**
 * The English words of the formal protokoll's commands that begin with "minutes" ("minutes note …",
 * "minutes kept at …") reach their own commands, not `minutes ‹date›` (which would take "note …" for a date).
 */

type Json = Record<string, any>;
let clock = Date.parse('2016-02-04T08:00:00Z');
const now = () => new Date((clock += 1000));
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ now });
});
afterAll(async () => bot.stop());

const say = async (conv: A.Conversation, who: A.Person, text: string) => (await bot.say(conv, who, text)).replies.map((r) => r.text);
const meetingDoc = async (conv: A.Conversation): Promise<Json> => (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'meeting')!;

describe('English formal commands that begin with "minutes", over real HTTP', () => {
  it('"minutes kept at …" and "minutes note …" are the formal commands; the Swedish words still work', async () => {
    const conv = A.channel('rar-styrelse-english');
    await setUpStyrelse(bot, conv);
    const ingridEn = { ...S.ingrid, locale: 'en-GB' };
    const annEn = { ...S.ann, locale: 'en-GB' };

    // The styrelse speaks Swedish in its channel, whatever words its people type.
    expect(await say(conv, annEn, 'minutes kept at Kansliet, Kungsgatan 5')).toEqual(['Protokollet förvaras: Kansliet, Kungsgatan 5.']);
    expect(await say(conv, S.ann, 'protokollet förvaras Förbundets kansli')).toEqual(['Protokollet förvaras: Förbundets kansli.']);

    await planMeeting(bot, conv, '2016-02-04 kl 9-15 Hotell Malmköping', ['Budget 2016', 'Avslutning']);
    await bot.say(conv, S.marie, 'starta möte');
    await checkIn(bot, conv, [S.marie, S.ingrid, S.britta]);

    expect(await say(conv, ingridEn, 'minutes note The chair left at 14.00')).toEqual(['Protokollsanteckningen är sparad under §1.']);
    expect(await say(conv, S.britta, 'protokollsanteckning Kommunerna bör involveras.')).toEqual(['Protokollsanteckningen är sparad under §1.']);
    await bot.settle();
    expect((await meetingDoc(conv)).formal.annotations.map((a: Json) => [a.name, a.text])).toEqual([
      ['Ingrid Jerneborg Glimne', 'The chair left at 14.00'],
      ['Britta Bergström', 'Kommunerna bör involveras.'],
    ]);
  });
});
