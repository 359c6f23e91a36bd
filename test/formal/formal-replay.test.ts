import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesText } from '../../src/minutes/domain/minutes-text.js';
import { sv } from '../../src/i18n/sv/index.js';
import * as A from '../support/activities.js';
import { cardText } from '../support/cards.js';
import { expectGolden } from '../support/golden.js';
import { answered, choiceValue, groupIdFor } from '../support/seed-group.js';
import { STYRELSE as S, checkIn, liveCardNow, planMeeting, setUpStyrelse, voteCardNow } from '../support/seed-styrelse.js';
import { TestBot } from '../support/test-bot.js';

/**
 * Issue 26's replay: a förbundsstyrelse meeting made of seed 003's content and a contested item, run
 * through the chat commands and cards over real HTTP: the ledamöter check in, one reports jäv on the
 * live card, two yrkanden, an open vote on the vote card decided by the chair's casting vote, a
 * reservation with motivation, a protokollsanteckning and a § justerad omedelbart. The § numbers
 * continue from the body's previous meeting. The drafted protokoll is compared with the golden file.
 */

type Json = Record<string, any>;
const L = sv.minutes.document;
let clock = Date.parse('2016-01-14T08:00:00Z');
const now = () => new Date((clock += 1000));
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ now });
});
afterAll(async () => bot.stop());

async function docs(conv: A.Conversation): Promise<Json[]> {
  return bot.documents(groupIdFor(conv));
}

const LEDAMOTER = [S.marie, S.ingrid, S.britta, S.annaLena, S.katarina];

describe('a formal protokoll through the bot (issue 26)', () => {
  it('replays a styrelse meeting from seed 003 with a contested item; golden minutes with § continuing from the previous meeting', async () => {
    const conv = A.channel('rar-styrelse');
    await setUpStyrelse(bot, conv);
    expect((await bot.say(conv, S.ann, 'protokollet förvaras Förbundets kansli, Kungsgatan 5, Eskilstuna')).replies[0]!.text).toBe('Protokollet förvaras: Förbundets kansli, Kungsgatan 5, Eskilstuna.');
    await bot.say(conv, S.ann, 'anslagstavla https://www.rarsormland.se/anslagstavla');

    // The body's previous meeting this year: §1–§3.
    await planMeeting(bot, conv, '2016-01-14 kl 13-15 Förbundets kansli', ['Val av justerare', 'Budget 2016', 'Avslutning']);
    await bot.say(conv, S.marie, 'starta möte');
    await checkIn(bot, conv, LEDAMOTER);
    for (let i = 0; i < 2; i++) await bot.say(conv, S.marie, 'nästa punkt');
    await bot.say(conv, S.marie, 'avsluta möte');
    await bot.settle();

    // The meeting of seed 003, as the styrelse's next meeting.
    clock = Date.parse('2016-02-04T08:00:00Z');
    const plan = await planMeeting(bot, conv, '2016-02-04 kl 9-15 Hotell Malmköping', [
      'Inledning',
      'Psykisk ohälsa, KUR - Information',
      'AMIF projektansökan - Information',
      'Implementering, hur ska vi förhålla oss? (beslut)',
      'Ansökan om förstärkta Finsam-medel 2016 (beslut)',
      'Avslutning',
    ]);
    expect(cardText(answered(await bot.click(conv, S.ann, plan, 'Spara', { adjusterIds: choiceValue(plan, 'adjusterIds', 'Britta Bergström') })))).toContain('**§4 Inledning**');

    const started = await bot.say(conv, S.marie, 'starta möte');
    expect(started.replies[0]!.text).toBe('Förbundsstyrelsens sammanträde har startat. Dagordningen visas på kortet och uppdateras under mötet. Beslutsför: nej (0 av 5 ledamöter tjänstgör, minst 3 behövs).');
    await checkIn(bot, conv, [...LEDAMOTER, S.ola, S.ann]);
    let live = cardText(liveCardNow(bot, conv));
    expect(live).toContain('**§4 Inledning**');
    expect(live).toContain('Beslutsför: ja (5 av 5 ledamöter tjänstgör, minst 3 behövs).');

    const say = async (who: A.Person, text: string) => (await bot.say(conv, who, text)).replies[0]?.text as string;
    const note = (text: string) => say(S.ann, `anteckning ${text}`);
    const next = () => say(S.marie, 'nästa punkt');
    await note('Ordföranden Marie Svensson hälsade välkommen till styrelsens sammanträde.');
    await next();
    await note('Ola Wiktorson beskrev de utbildningar, som genomförts i Sörmland med cirka 100 deltagare per seminarium.');
    await next();
    await note('Ola W berättade om ESF-projektet IBIS, IntegrationsBygget I Sörmland.');
    await next();
    await note('Ola W framhöll betydelsen av väl genomarbetade projektansökningar samt styrning av projekten.');
    expect(await say(S.ann, 'beslut Styrelsen beslutade att ge Ola Wiktorson i uppdrag att formulera förslag till tydlig vägledning för utformning av projektansökningar till RAR.')).toBe('Beslutet är protokollfört under §7.');
    await next();

    // The contested item.
    await note('Ola Wiktorson föredrog ärendet. Ansökan ska sändas till Försäkringskassan senast den 1 mars och kan avse högst 500 000 kronor.');
    const javPressed = await bot.click(conv, S.katarina, liveCardNow(bot, conv), 'Anmäl jäv');
    expect(cardText(javPressed.card!)).toContain('Jäv: Katarina Enkvist Bohlin.');
    expect(await say(S.britta, 'yrkande bifall till förbundschefens förslag')).toBe('Yrkande 1: Britta Bergström yrkar bifall till förbundschefens förslag.');
    expect(await say(S.annaLena, 'yrkande avslag')).toBe('Yrkande 2: Anna-Lena Karlsson yrkar avslag.');
    expect(await say(S.ann, 'beslut Styrelsen beslutar att ansöka om medlen.')).toBe('Det finns 2 yrkanden. Ställ proposition först (**proposition 1**) eller begär omröstning (**omröstning 1 mot 2**).');
    const opened = await bot.say(conv, S.marie, 'omröstning 1 mot 2');
    expect(opened.replies[0]!.text).toBe('Omröstning under §8. Tjänstgörande ledamöter röstar på kortet.');
    let vote = voteCardNow(bot, conv);
    expect(cardText(vote)).toContain('Har röstat: 0 av 4');
    for (const [who, title] of [[S.marie, 'Rösta ja'], [S.britta, 'Rösta ja'], [S.ingrid, 'Rösta nej'], [S.annaLena, 'Rösta nej']] as const) {
      expect((await bot.click(conv, who, vote, title)).card).toBeDefined();
    }
    expect((await bot.click(conv, S.katarina, vote, 'Rösta nej')).message).toBe('Du har anmält jäv i ärendet och kan inte rösta.');
    await bot.settle();
    vote = voteCardNow(bot, conv);
    expect(cardText(vote)).toContain('Har röstat: 4 av 4');
    const closed = await bot.click(conv, S.marie, vote, 'Avsluta omröstningen');
    expect(cardText(closed.card!)).toContain('Avslutad: 2 ja-röster mot 2 nej-röster, 0 avstår, ordförandens utslagsröst avgör. Yrkande 1 (Britta Bergström) vann.');
    expect(await say(S.ann, 'beslut Styrelsen beslutar att ansöka om förstärkta Finsam-medel för 2016 om högst 500 000 kronor.')).toBe('Beslutet är protokollfört under §8.');
    expect(await say(S.annaLena, 'reservation Förbundet bör först kartlägga behoven innan medel söks.')).toMatch(/^Anna-Lena Karlsson reserverar sig mot beslutet\./);
    expect(await say(S.katarina, 'reservation')).toBe('Bara den som deltog i beslutet kan reservera sig mot det.');
    expect(await say(S.ingrid, 'protokollsanteckning Kommunerna bör involveras i kartläggningen.')).toBe('Protokollsanteckningen är sparad under §8.');
    expect(await say(S.marie, 'justera omedelbart')).toBe('§8 är justerad omedelbart av Marie Svensson och Britta Bergström. Den justerade texten är låst.');
    expect(await say(S.ann, 'justeringsdag 2016-02-12')).toBe('Protokollet ska justeras senast 2016-02-12.');
    await next();
    await note('Ordföranden tackade mötesdeltagarna för visat intresse och avslutade därefter mötet.');
    live = cardText(liveCardNow(bot, conv));
    expect(live).toContain('**§9 Avslutning**');
    await bot.say(conv, S.marie, 'avsluta möte');
    await bot.settle();

    const meeting = (await docs(conv)).filter((d) => d.type === 'meeting').find((d) => d.date === '2016-02-04')!;
    const decision = meeting.decisions.find((d: Json) => d.text.includes('500 000'));
    const locked = meeting.formal.immediate[decision.itemId];
    expect(locked.text.startsWith('§8 Ansökan om förstärkta Finsam-medel 2016')).toBe(true);
    expect(locked.signedBy).toEqual(['Marie Svensson', 'Britta Bergström']);

    const minutes = (await docs(conv)).filter((d) => d.type === 'minutes').find((d) => d.meetingId === meeting.id)!;
    // The vote's outcome as the protokoll says it: Britta Bergström's yrkande won by the chair's casting vote.
    expect(renderMinutesText(minutes.doc, L)).toContain('Med 2 ja-röster mot 2 nej-röster, 0 avstår, beslutar styrelsen genom ordförandens utslagsröst i enlighet med Britta Bergströms yrkande.\n');
    expectGolden('minutes/formal-styrelse.txt', renderMinutesText(minutes.doc, L));

    // §8 was justerad omedelbart: the secretary cannot change it in the draft; §7 she can.
    const annChat = A.personalChat(S.ann);
    const draft = bot.lastCard(annChat.id);
    const form8 = (await bot.click(annChat, S.ann, draft, 'Ändra §8')).card!;
    const refused8 = await bot.click(annChat, S.ann, form8, 'Spara §8', { itemBody: 'Styrelsen beslutade något annat.' });
    expect(cardText(refused8.card!)).toContain('§8 är justerad omedelbart vid sammanträdet och kan inte ändras.');
    expect((await docs(conv)).find((d) => d.id === minutes.id)!.version).toBe(minutes.version);
    const form7 = (await bot.click(annChat, S.ann, draft, 'Ändra §7')).card!;
    expect((await bot.click(annChat, S.ann, form7, 'Spara §7', { itemBody: 'Ola W framhöll betydelsen av väl genomarbetade projektansökningar.' })).card).toBeDefined();
    await bot.settle();

    // Two days before the justering date the channel is reminded.
    clock = Date.parse('2016-02-10T07:00:00Z');
    await bot.lokus.deps.scheduler.tick();
    await bot.settle();
    expect(bot.connector.posted(conv.id).map((a) => a.text)).toContain('Påminnelse: protokollet från Förbundsstyrelsens sammanträde ska justeras senast 2016-02-12.');

    // Justering on 10 February, in the personal chats.
    const press = async (who: A.Person, title: string) => {
      const r = await bot.click(A.personalChat(who), who, bot.lastCard(A.personalChat(who).id), title);
      await bot.settle();
      return r;
    };
    await press(S.ann, 'Skicka för justering');
    await press(S.marie, 'Justera');
    await press(S.britta, 'Justera');
    expect((await docs(conv)).find((d) => d.id === meeting.id)!.status).toBe('adjusted');

    // The next day the anslag goes up in the channel: within two days of the justering, down three weeks later.
    clock = Date.parse('2016-02-11T07:00:00Z');
    await bot.lokus.deps.scheduler.tick();
    await bot.settle();
    const anslag = bot.lastCard(conv.id);
    expect(cardText(anslag)).toBe([
      'Anslag: Förbundsstyrelsens sammanträde',
      'Styrelsens protokoll är justerat. Tillkännagivande om justering:',
      '**Organ:** RAR',
      '**Sammanträdesdatum:** 2016-02-04',
      '**Datum för justering:** 2016-02-10',
      '**Datum för anslags uppsättande:** 2016-02-11',
      '**Datum för anslags nedtagande:** 2016-03-03',
      '**Förvaringsplats för protokollet:** Förbundets kansli, Kungsgatan 5, Eskilstuna',
      '**Anslagstavla:** https://www.rarsormland.se/anslagstavla',
    ].join('\n'));
    // Once: a second tick posts nothing more.
    const posts = bot.connector.posted(conv.id).length;
    await bot.lokus.deps.scheduler.tick();
    await bot.settle();
    expect(bot.connector.posted(conv.id).length).toBe(posts);

    // The export of the justerat protokoll has the anslag on a page of its own.
    const links = bot.lokus.deps.links.links({ groupId: groupIdFor(conv), minutesId: minutes.id }, new Date(clock));
    const md = await (await fetch(links.md)).text();
    expect(md).toContain('# Anslag\n\nStyrelsens protokoll är justerat. Tillkännagivande om justering:\\\nOrgan: RAR\\\nSammanträdesdatum: 2016-02-04\\\nDatum för justering: 2016-02-10\\\nDatum för anslags uppsättande: 2016-02-11\\\nDatum för anslags nedtagande: 2016-03-03');
    const html = await (await fetch(links.html)).text();
    expect(html).toContain('<hr style="break-before:page">\n<h1>Anslag</h1>');
  });
});
