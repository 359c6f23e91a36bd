import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { groupIdFor } from '../support/seed-group.js';
import { STYRELSE as S, checkIn, planMeeting, setUpStyrelse } from '../support/seed-styrelse.js';
import { TestBot } from '../support/test-bot.js';

/**
 * What a formal meeting must not get stuck in, or let through (issue 26), over real HTTP: a §
 * justerad omedelbart takes nothing more.
 */

type Json = Record<string, any>;
let clock = Date.parse('2026-03-05T08:00:00Z');
const now = () => new Date((clock += 1000));
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ now });
});
afterAll(async () => bot.stop());

const LEDAMOTER = [S.marie, S.ingrid, S.britta, S.annaLena, S.katarina];

async function meetingOf(conv: A.Conversation): Promise<Json> {
  return (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'meeting')!;
}

describe('a formal meeting (issue 26)', () => {
  it('a § justerad omedelbart is locked: notes, decisions, yrkanden, jäv, reservations and protokollsanteckningar under it are refused and change nothing', async () => {
    const conv = A.channel('styrelse-lock');
    await setUpStyrelse(bot, conv);
    await planMeeting(bot, conv, '2026-03-05 kl 13-15 Kansliet', ['Budget 2027 (beslut)', 'Avslutning']);
    await bot.say(conv, S.marie, 'starta möte');
    await checkIn(bot, conv, LEDAMOTER);
    const say = async (who: A.Person, text: string) => (await bot.say(conv, who, text)).replies[0]?.text as string;

    expect(await say(S.ann, 'beslut Styrelsen beslutar att fastställa budgeten för 2027.')).toBe('Beslutet är protokollfört under §1.');
    expect(await say(S.marie, 'justera omedelbart')).toBe('§1 är justerad omedelbart av Marie Svensson. Den justerade texten är låst.');
    await bot.settle();
    const before = await meetingOf(conv);

    expect(await say(S.ann, 'anteckning Budgeten diskuterades vidare.')).toBe('Paragrafen är redan justerad.');
    expect(await say(S.ann, 'beslut Styrelsen beslutar att även fastställa budgeten för 2028.')).toBe('Paragrafen är redan justerad.');
    expect(await say(S.britta, 'yrkande återremiss')).toBe('Paragrafen är redan justerad.');
    expect(await say(S.katarina, 'jäv')).toBe('Paragrafen är redan justerad.');
    expect(await say(S.annaLena, 'reservation')).toBe('Paragrafen är redan justerad.');
    expect(await say(S.ingrid, 'protokollsanteckning Kommunerna bör involveras.')).toBe('Paragrafen är redan justerad.');
    await bot.settle();

    const after = await meetingOf(conv);
    expect(after._etag).toBe(before._etag);
    expect(after.notes).toEqual(before.notes);
    expect(after.decisions).toHaveLength(1);
    expect(after.formal).toEqual(before.formal);

    // The next § is open as before.
    await say(S.marie, 'nästa punkt');
    expect(await say(S.ann, 'anteckning Ordföranden avslutade mötet.')).toBe('Antecknat under §2.');
  });
});
