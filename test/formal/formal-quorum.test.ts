import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardText } from '../support/cards.js';
import { groupIdFor } from '../support/seed-group.js';
import { STYRELSE as S, checkIn, liveCardNow, planMeeting, setUpStyrelse } from '../support/seed-styrelse.js';
import { TestBot } from '../support/test-bot.js';

/**
 * Beslutsförhet over real HTTP (issue 26): the styrelse of the replay with too few ledamöter present
 * refuses a decision with the reason and changes nothing, can still note that the item is bordlagt,
 * and is quorate once its ersättare checks in for an absent ledamot.
 */

type Json = Record<string, any>;
let clock = Date.parse('2016-02-04T08:00:00Z');
const now = () => new Date((clock += 1000));
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ now });
});
afterAll(async () => bot.stop());

async function meetingDoc(conv: A.Conversation): Promise<Json> {
  return (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'meeting')!;
}

describe('beslutsförhet (issue 26)', () => {
  it('too few ledamöter: a decision is refused with the reason; bordläggning is noted; an ersättare checking in makes it quorate', async () => {
    const conv = A.channel('rar-styrelse-quorum');
    await setUpStyrelse(bot, conv);
    await planMeeting(bot, conv, '2016-02-04 kl 9-15 Hotell Malmköping', ['Ansökan om förstärkta Finsam-medel 2016 (beslut)', 'Avslutning']);
    const started = await bot.say(conv, S.marie, 'starta möte');
    expect(started.replies[0]!.text).toContain('Beslutsför: nej (0 av 5 ledamöter tjänstgör, minst 3 behövs).');

    // Two of five ledamöter (and the secretary, who is no ledamot) are there.
    await checkIn(bot, conv, [S.marie, S.britta, S.ann]);
    expect(cardText(liveCardNow(bot, conv))).toContain('Beslutsför: nej (2 av 5 ledamöter tjänstgör, minst 3 behövs).');
    expect((await bot.say(conv, S.ann, 'beslutsförhet')).replies[0]!.text).toBe('Beslutsför: nej (2 av 5 ledamöter tjänstgör, minst 3 behövs).');

    const before = await meetingDoc(conv);
    const refused = await bot.say(conv, S.ann, 'beslut Styrelsen beslutar att ansöka om medlen.');
    expect(refused.replies[0]!.text).toBe('Beslutet sparades inte: styrelsen är inte beslutför. 2 av 5 ledamöter tjänstgör, minst 3 behövs. Ärendet kan bordläggas: skriv **bordlägg**.');
    const after = await meetingDoc(conv);
    expect(after.decisions).toEqual([]);
    expect(after._etag).toBe(before._etag);

    // The decision button on the live card is refused the same way.
    const pressed = await bot.click(conv, S.ann, liveCardNow(bot, conv), 'Spara beslut', { decisionText: 'Styrelsen beslutar att ansöka om medlen.' });
    expect(pressed.message).toMatch(/^Beslutet sparades inte: styrelsen är inte beslutför\./);

    expect((await bot.say(conv, S.ann, 'bordlägg')).replies[0]!.text).toBe('Antecknat under §1: ärendet bordläggs.');
    expect((await meetingDoc(conv)).notes.map((n: Json) => n.text)).toEqual(['Ärendet bordläggs.']);

    // Per Holm, ersättare, checks in: he serves for an absent ledamot and the body is quorate.
    await checkIn(bot, conv, [S.per]);
    const live = cardText(liveCardNow(bot, conv));
    expect(live).toContain('Beslutsför: ja (3 av 5 ledamöter tjänstgör, minst 3 behövs).');
    expect(live).toContain('Tjänstgörande ersättare: Per Holm.');
    expect((await bot.say(conv, S.ann, 'beslut Styrelsen beslutar att ansöka om medlen.')).replies[0]!.text).toBe('Beslutet är protokollfört under §1.');

    // Jäv counts the item's quorum without the one who reported it.
    await bot.say(conv, S.marie, 'nästa punkt');
    expect((await bot.say(conv, S.britta, 'jäv')).replies[0]!.text).toBe('Britta Bergström har anmält jäv under §2 och deltar inte i handläggningen av ärendet.');
    await bot.settle();
    expect(cardText(liveCardNow(bot, conv))).toContain('Beslutsför: nej (2 av 5 ledamöter tjänstgör, minst 3 behövs).');
    expect((await bot.say(conv, S.ann, 'beslut Styrelsen tackar.')).replies[0]!.text).toBe('Beslutet sparades inte: styrelsen är inte beslutför. 2 av 5 ledamöter tjänstgör utan jäv, minst 3 behövs. Ärendet kan bordläggas: skriv **bordlägg**.');
  });

  it('warns in the channel once when the justering date has passed and the protokoll is not justerat', async () => {
    const conv = A.channel('rar-styrelse-late');
    await setUpStyrelse(bot, conv);
    await planMeeting(bot, conv, '2016-02-04 kl 9-15 Hotell Malmköping', ['Avslutning']);
    await bot.say(conv, S.marie, 'starta möte');
    expect((await bot.say(conv, S.ann, 'justeringsdag 2016-02-25')).replies[0]!.text).toBe('Justeringsdagen måste vara mellan sammanträdesdagen och 2016-02-18 (högst 14 dagar).');
    expect((await bot.say(conv, S.ann, 'justeringsdag 2016-02-18')).replies[0]!.text).toBe('Protokollet ska justeras senast 2016-02-18.');
    await bot.say(conv, S.marie, 'avsluta möte');
    await bot.settle();
    const texts = () => bot.connector.posted(conv.id).map((a) => a.text);
    clock = Date.parse('2016-02-10T07:00:00Z');
    await bot.lokus.deps.scheduler.tick();
    await bot.settle();
    expect(texts().filter((t) => t?.startsWith('Påminnelse') || t?.startsWith('Obs!'))).toEqual([]);
    clock = Date.parse('2016-02-19T07:00:00Z');
    await bot.lokus.deps.scheduler.tick();
    await bot.lokus.deps.scheduler.tick();
    await bot.settle();
    expect(texts().filter((t) => t?.startsWith('Påminnelse') || t?.startsWith('Obs!'))).toEqual(['Obs! Justeringsdagen 2016-02-18 har passerat och protokollet från Förbundsstyrelsens sammanträde är inte justerat.']);
  });

  it('a group that is not a formal body refuses the formal commands with a clear message', async () => {
    const conv = A.channel('rar-not-formal');
    await setUpStyrelse(bot, conv);
    await bot.say(conv, S.ann, 'formellt protokoll av');
    expect((await bot.say(conv, S.ann, 'yrkande bifall')).replies[0]!.text).toBe('Gruppen för inte formellt protokoll. Skriv **formellt protokoll på** för att slå på det.');
    expect((await bot.say(conv, S.annaLena, 'ledamöter Per Holm')).replies[0]!.text).toMatch(/^Du kan inte/);
  });
});
