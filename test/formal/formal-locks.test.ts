import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardText } from '../support/cards.js';
import { groupIdFor } from '../support/seed-group.js';
import { STYRELSE as S, checkIn, planMeeting, setUpStyrelse, voteCardNow } from '../support/seed-styrelse.js';
import { TestBot } from '../support/test-bot.js';

/**
 * What a formal meeting must not get stuck in, or let through (issue 26), over real HTTP: a §
 * justerad omedelbart takes nothing more; a tied vote is decided by the one chairing the item (the
 * first vice chair when the chair has jäv), and a tie nobody can decide is withdrawn.
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

  it('the chair has jäv at a tie: the first vice chair who votes has the casting vote, and the decision is recorded', async () => {
    const conv = A.channel('styrelse-tie-jav');
    await setUpStyrelse(bot, conv);
    await planMeeting(bot, conv, '2026-03-05 kl 13-15 Kansliet', ['Finsam-medel 2027 (beslut)']);
    await bot.say(conv, S.marie, 'starta möte');
    await checkIn(bot, conv, LEDAMOTER);
    const say = async (who: A.Person, text: string) => (await bot.say(conv, who, text)).replies[0]?.text as string;

    // Marie Svensson (ordförande) reports jäv; Ingrid Jerneborg Glimne, the first vice ordförande, chairs the item.
    await say(S.marie, 'jäv');
    await say(S.britta, 'yrkande bifall till förslaget');
    await say(S.annaLena, 'yrkande avslag');
    expect(await say(S.ann, 'omröstning 1 mot 2')).toBe('Omröstning under §1. Tjänstgörande ledamöter röstar på kortet.');
    const vote = voteCardNow(bot, conv);
    expect(cardText(vote)).toContain('Har röstat: 0 av 4');
    for (const [who, title] of [[S.britta, 'Rösta ja'], [S.katarina, 'Rösta ja'], [S.ingrid, 'Rösta nej'], [S.annaLena, 'Rösta nej']] as const) {
      expect((await bot.click(conv, who, vote, title)).card).toBeDefined();
    }
    expect((await bot.click(conv, S.marie, vote, 'Rösta ja')).message).toBe('Du har anmält jäv i ärendet och kan inte rösta.');
    await bot.settle();

    const closed = await bot.click(conv, S.ann, voteCardNow(bot, conv), 'Avsluta omröstningen');
    expect(cardText(closed.card!)).toContain('Avslutad: 2 ja-röster mot 2 nej-röster, 0 avstår, ordförandens utslagsröst avgör. Yrkande 2 (Anna-Lena Karlsson) vann.');
    expect(await say(S.ann, 'beslut Styrelsen beslutar att inte ansöka om medlen.')).toBe('Beslutet är protokollfört under §1.');
    const m = await meetingOf(conv);
    expect(m.decisions.map((d: Json) => d.text)).toEqual(['Styrelsen beslutar att inte ansöka om medlen.']);
  });

  it('a tie nobody chairing the item votes in is not stuck: closing says so, the vote is withdrawn and the body decides by proposition', async () => {
    const conv = A.channel('styrelse-tie-none');
    await setUpStyrelse(bot, conv);
    await planMeeting(bot, conv, '2026-03-05 kl 13-15 Kansliet', ['Finsam-medel 2027 (beslut)']);
    await bot.say(conv, S.marie, 'starta möte');
    // Ingrid Jerneborg Glimne and Britta Bergström (the vice ordförande) are away; Per Holm serves as ersättare.
    await checkIn(bot, conv, [S.marie, S.annaLena, S.katarina, S.per]);
    const say = async (who: A.Person, text: string) => (await bot.say(conv, who, text)).replies[0]?.text as string;

    await say(S.marie, 'jäv');
    await say(S.annaLena, 'yrkande bifall till förslaget');
    await say(S.katarina, 'yrkande avslag');
    await say(S.ann, 'omröstning 1 mot 2');
    const vote = voteCardNow(bot, conv);
    for (const [who, title] of [[S.annaLena, 'Rösta ja'], [S.katarina, 'Rösta nej'], [S.per, 'Avstå']] as const) {
      expect((await bot.click(conv, who, vote, title)).card).toBeDefined();
    }
    await bot.settle();
    expect((await bot.click(conv, S.ann, voteCardNow(bot, conv), 'Avsluta omröstningen')).message).toBe(
      'Lika röstetal (1–1), och varken ordföranden eller en vice ordförande röstar i ärendet, så ingen har utslagsröst. Skriv **återkalla omröstning**, och ställ sedan proposition eller bordlägg ärendet.',
    );
    expect(await say(S.ann, 'beslut Styrelsen beslutar att ansöka om medlen.')).toBe('En omröstning pågår under punkten. Avsluta den först.');

    // Only the chair or secretary withdraws a vote.
    expect(await say(S.katarina, 'återkalla omröstning')).toMatch(/^Du kan inte /);
    expect(await say(S.ann, 'återkalla omröstning')).toBe('Omröstningen under §1 är återkallad och räknas inte. Ställ proposition, begär en ny omröstning eller bordlägg ärendet.');
    await bot.settle();
    expect(cardText(voteCardNow(bot, conv))).toContain('Återkallad. Rösterna räknas inte.');
    expect((await bot.click(conv, S.annaLena, vote, 'Rösta nej')).message).toBe('Omröstningen är återkallad.');
    expect(await say(S.ann, 'återkalla omröstning')).toBe('Ingen omröstning pågår under den här punkten.');

    await say(S.ann, 'proposition 1');
    expect(await say(S.ann, 'beslut Styrelsen beslutar att ansöka om medlen.')).toBe('Beslutet är protokollfört under §1.');
    const m = await meetingOf(conv);
    const votes = Object.values(m.formal.votes as Record<string, Json>);
    expect(votes).toHaveLength(1);
    expect(votes[0]!.withdrawal).toBeDefined();
    expect(votes[0]!.result).toBeUndefined();
  });
});
