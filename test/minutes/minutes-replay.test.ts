import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesText } from '../../src/minutes/domain/minutes-text.js';
import { sv } from '../../src/i18n/sv/index.js';
import * as A from '../support/activities.js';
import { cardText, cardsOf } from '../support/cards.js';
import { expectGolden } from '../support/golden.js';
import { AU, planSeed003 } from '../support/seed-au.js';
import { TIERP, answered, choiceValue, groupIdFor, setUpTierp } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';
import { endMeeting } from '../support/meeting-steps.js';

/**
 * Golden replays: the meetings of seeds 003 and 000 run through the bot with the chat commands
 * (planning, starta möte, anteckning, beslut, nästa punkt, avsluta möte); the draft the secretary
 * receives is compared with the fixture line by line. Attendance (issue 5, not merged yet) is written
 * through the meeting repository's per-member patch, the way the check-in card will write it.
 */

type Json = Record<string, any>;
const L = sv.minutes.document;
let clock = Date.parse('2016-02-04T08:00:00Z');
const now = () => new Date((clock += 1000));
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ now });
});
afterAll(async () => bot.stop());


async function meetingOf(conv: A.Conversation): Promise<Json> {
  return (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'meeting')!;
}

async function minutesOf(conv: A.Conversation): Promise<Json> {
  return (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'minutes')!;
}

/** Marks everyone present (some for part of the meeting) as the check-in card will. */
async function attendance(conv: A.Conversation, partial: Record<string, string> = {}) {
  const m = await meetingOf(conv);
  const group = (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'group')!;
  for (const member of group.members as Json[]) {
    const items = partial[member.name];
    await bot.lokus.deps.meetings.setAttendance(m.groupId, m.id, member.id, items ? { status: 'partial', items, at: now().toISOString() } : { status: 'present', at: now().toISOString() });
  }
}

describe('golden replays through the HTTP harness', () => {
  it('seed 003: arbetsutskottets planeringsdag → protokoll with §, roles, "§1-4", Beslut, Utgår, Vid protokollet, Justeras', async () => {
    const conv = A.channel('rar-au-minutes');
    let plan = await planSeed003(bot, conv);
    plan = answered(await bot.click(conv, AU.ann, plan, 'Spara', { title: 'planeringsdag med arbetsutskottet - Samordningsförbundet RAR i Sörmland', adjusterIds: choiceValue(plan, 'adjusterIds', 'Britta Bergström'), format: 'protokoll' }));

    await bot.say(conv, AU.marie, 'starta möte');
    const note = (text: string) => bot.say(conv, AU.ann, `anteckning ${text}`);
    const next = () => bot.say(conv, AU.marie, 'nästa punkt');
    await note('Ordföranden Marie Svensson hälsade välkommen till arbetsutskottets planeringsdag.');
    await note('En "incheckningsrunda" gjordes.');
    await note('Efter Ingrid Jerneborg Glimnes besked om förhindrad närvaro under eftermiddagen enades arbetsutskottet om att punkten "Roller och förväntningar" utgår på agendan.');
    answered(await bot.click(conv, AU.ann, plan, 'Stryk punkten', { itemId: choiceValue(plan, 'itemId', /Roller och förväntningar/) }));
    await next();
    await note('Ola Wiktorson beskrev de utbildningar, som genomförts i Sörmland med cirka 100 deltagare per seminarium.');
    await next();
    await note('Ola W berättade om ESF-projektet IBIS, IntegrationsBygget I Sörmland.');
    await bot.say(conv, AU.ann, 'beslut Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att i dialog med Försäkringskassan utarbeta förslag till en fördjupad kartläggning och analys avseende sjukpenningtalet i Sörmlands kommuner.');
    await bot.say(conv, AU.ann, 'uppdrag Ola: återkoppla till arbetsutskottet via mail');
    await next();
    await note('Arbetsutskottet diskuterade NNS roll, konstaterade att styrkortet är utomordentligt bra och väl utarbetat samt enades om att medlemskapet är betydelsefullt.');
    await next();
    await bot.say(conv, AU.ann, 'beslut Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att formulera förslag till tydlig vägledning för utformning av projektansökningar till RAR.');
    await next();
    await note('Britta Bergström informerade om att den 28 april kommer Oxelösunds kommun att visa en inspelad version av det seminarium som SKL arrangerar.');
    await next();
    await note('Ordföranden tackade mötesdeltagarna för visat intresse och avslutade därefter mötet.');
    await attendance(conv, { 'Ingrid Jerneborg Glimne': '§1-4' });
    await endMeeting(bot, conv, AU.marie);
    await bot.settle();
    await bot.lokus.deps.background.idle();

    const minutes = await minutesOf(conv);
    const text = renderMinutesText(minutes.doc, L);
    expectGolden('minutes/replay-003.txt', text);
    // The secretary got the draft in her personal chat; the channel was told.
    expect(cardText(bot.lastCard(A.personalChat(AU.ann).id))).toContain('§8 Avslutning');
    expect(bot.connector.posted(conv.id).map((a) => a.text)).toContain('Protokollutkastet är skickat till Ann Lundqvist i en personlig chatt.');
    expect((await meetingOf(conv)).status).toBe('minutesDrafted');

    // And on through justering, all over HTTP: send, the chair and the adjuster sign, locked, channel card.
    const press = async (who: A.Person, title: string) => {
      const r = await bot.click(A.personalChat(who), who, bot.lastCard(A.personalChat(who).id), title);
      await bot.lokus.deps.background.idle();
      return r;
    };
    await press(AU.ann, 'Skicka för justering');
    await press(AU.marie, 'Justera');
    expect(cardText((await press(AU.britta, 'Justera')).card!)).toContain('Alla har justerat.');
    expect(cardText(bot.lastCard(conv.id))).toContain('Protokollet är justerat');
    const signed = await minutesOf(conv);
    expect(signed.status).toBe('adjusted');
    expect(signed.signed[0].text).toBe(text);
    expect((await meetingOf(conv)).status).toBe('adjusted');
  });

  it('seed 000: lokusmöte Tierp → minnesanteckningar with organisations, numbered items, Nästa möte, Sekreterare', async () => {
    const conv = A.channel('lokus-tierp-minutes');
    await setUpTierp(bot, conv);
    const marika = TIERP.marika;
    const plan = cardsOf((await bot.say(conv, TIERP.birgitta, 'nytt möte 2018-01-25 Regionens hus, Uppsala')).replies[0])[0]!;
    answered(await bot.click(conv, marika, plan, 'Spara', { title: 'lokusmöte Tierp', format: 'minnesanteckningar' }));
    for (const title of ['Rotation av ordförande', 'Samordnare/Partsamordnare, uppdrag och start', 'Granskning uppdrag', 'Projektansökan, språkstödjare']) {
      await bot.say(conv, marika, `punkt ${title}`);
    }
    // The test's clock is in 2016: `starta möte` asks before starting a later day's meeting (issue 25).
    const asked = cardsOf((await bot.say(conv, TIERP.birgitta, 'starta möte')).replies[0])[0]!;
    await bot.click(conv, TIERP.birgitta, asked, 'Starta det nu');
    await bot.settle();
    const note = (text: string) => bot.say(conv, marika, `anteckning ${text}`);
    const next = () => bot.say(conv, TIERP.birgitta, 'nästa punkt');
    await note('Inget att tillägga');
    await next();
    await note('Från och med nästa möte tar Nima ordförandeskapet. Detta gäller fram tills dess att ordinarie representant från Tierps kommun finns på plats och därmed tar ordförandeskapet.');
    await next();
    await note('Tierps kommun: Annons för tjänsten som samordnare och partsamordnare går ut senast nästa vecka.');
    await note('Det är på gång hos samtliga parter, men inte klart och därför kommer Tierps lokusgrupp skicka in en avvikelserapport till Samordningsförbundet.');
    await next();
    await note('Marika Söderberg beskriver upplägget för dagen som är planerad till den 7 mars klockan 8.30–15.00 i Borgenkyrkan i Tierp.');
    await next();
    await note('Lokusgruppen är positiv till att ställa sig bakom en ansökan.');
    await next();
    await note('Inga övriga frågor');
    await next();
    // "Nästa möte" (issue 25): nothing typed; the next meeting was planned, its notice sent, then moved
    // to 16 March 13–15. The draft says when and where, and that it was moved, as seed 000 does.
    const nextPlan = cardsOf((await bot.say(conv, marika, 'nytt möte 2018-03-09 9-11 Regionens hus, lokal Aspnäs')).replies[0])[0]!;
    const noticed = answered(await bot.click(conv, marika, nextPlan, 'Skicka kallelse'));
    await bot.settle();
    answered(await bot.click(conv, marika, noticed, 'Spara', { date: '2018-03-16', start: '13:00', end: '15:00' }));
    await attendance(conv);
    await endMeeting(bot, conv, TIERP.birgitta);
    await bot.settle();
    await bot.lokus.deps.background.idle();

    const minutes = await minutesOf(conv);
    expectGolden('minutes/replay-000.txt', renderMinutesText(minutes.doc, L));
    // The next meeting as planned, and its move after the notice (issue 25).
    expect(minutes.doc.nextMeeting).toBe('16 mars kl. 13.00–15.00, Regionens hus, lokal Aspnäs (Obs! Byte av dag och tid mot tidigare planering)');
    expect(cardText(bot.lastCard(A.personalChat(marika).id))).toContain('6. Övriga frågor');
  });
});
