import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { AU, planSeed003 } from '../support/seed-au.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, choiceValue, groupIdFor, setUpGroup, setUpTierp } from '../support/seed-group.js';

type Json = Record<string, any>;
let clock = Date.parse('2016-02-04T08:00:00Z');
/** Each reading of the clock is a second later: records get distinct, ordered times. */
const now = () => new Date((clock += 1000));


const DECISION_1 = 'Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att i dialog med Försäkringskassan utarbeta förslag till en fördjupad kartläggning och analys avseende sjukpenningtalet i Sörmlands kommuner.';
const DECISION_2 = 'Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att formulera förslag till tydlig vägledning för utformning av projektansökningar till RAR.';

function liveCards(bot: TestBot, conv: A.Conversation): Json[] {
  return bot.connector.posted(conv.id).filter((a) => cardsOf(a)[0] && /^(Pågående|Avslutat) möte:/.test(cardText(cardsOf(a)[0]!)));
}

async function storedMeetings(bot: TestBot, conv: A.Conversation): Promise<Json[]> {
  return (await bot.documents(groupIdFor(conv))).filter((d) => d.type === 'meeting');
}

describe('running a meeting in the channel, over real HTTP', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await TestBot.start({ now });
  });
  afterAll(async () => bot.stop());

  it('replays seed 003 (arbetsutskottets planeringsdag §1–§8) and keeps everything in Cosmos, in order', async () => {
    const conv = A.channel('rar-au');
    // Planning: the day's eight items with §, "Övrigt" before "Avslutning".
    let plan = await planSeed003(bot, conv);
    expect(cardText(plan)).toContain('**§7 Övrigt**');
    expect(cardText(plan)).toContain('**§8 Avslutning**');

    // Out of order: nothing to record on before the start.
    expect((await bot.say(conv, AU.ann, 'beslut Arbetsutskottet beslutade att vänta.')).replies[0]!.text).toBe('Inget möte pågår. Skriv **starta möte** för att starta nästa planerade möte.');

    const started = await bot.say(conv, AU.marie, 'starta möte');
    expect(started.replies[0]!.text).toBe('Arbetsutskottets sammanträde har startat. Dagordningen visas på kortet och uppdateras under mötet.');
    const live = cardText(cardsOf(started.replies[1])[0]!);
    expect(live).toContain('Pågående möte: Arbetsutskottets sammanträde');
    expect(live).toContain('▶ Aktuell punkt\n**§1 Inledning**');
    expect(live).toContain('Ordförande Marie Svensson');
    expect(live).toContain('Sekreterare Ann Lundqvist');
    expect((await bot.say(conv, AU.marie, 'starta möte')).replies[0]!.text).toBe('Arbetsutskottets sammanträde pågår redan. Skriv **avsluta möte** när ni är klara.');

    const note = async (text: string) => expect((await bot.say(conv, AU.ann, `anteckning ${text}`)).replies[0]!.text).toMatch(/^Antecknat under §\d\.$/);
    const next = async (expected: string) => expect((await bot.say(conv, AU.marie, 'nästa punkt')).replies[0]!.text).toBe(`Nu behandlas ${expected}.`);

    await note('Ordföranden Marie Svensson hälsade välkommen till arbetsutskottets planeringsdag.');
    await note('En "incheckningsrunda" gjordes.');
    await note('Efter Ingrid Jerneborg Glimnes besked om förhindrad närvaro under eftermiddagen enades arbetsutskottet om att punkten "Roller och förväntningar" utgår på agendan.');
    plan = answered(await bot.click(conv, AU.ann, plan, 'Stryk punkten', { itemId: choiceValue(plan, 'itemId', /Roller och förväntningar/) }));
    await next('§2 Psykisk ohälsa, KUR - Information');
    await note('Ola Wiktorson beskrev de utbildningar som genomförts i Sörmland.');
    await next('§3 AMIF projektansökan - Information');
    await note('Ola W berättade om ESF-projektet IBIS.');
    expect((await bot.say(conv, AU.ann, `beslut ${DECISION_1}`)).replies[0]!.text).toBe('Beslutet är protokollfört under §3.');
    expect((await bot.say(conv, AU.ann, 'uppdrag Ola: återkoppla till arbetsutskottet via mail')).replies[0]!.text).toBe('Uppdraget till Ola Wiktorson är sparat.');
    expect((await bot.say(conv, AU.ann, 'uppdrag Kenny Sjöberg: diskutera finansieringen')).replies[0]!.text).toBe(
      'Det finns ingen deltagare som heter ”Kenny Sjöberg”. Deltagare: Ann Lundqvist, Marie Svensson, Ingrid Jerneborg Glimne, Britta Bergström, Anna-Lena Karlsson, Katarina Enkvist Bohlin och Ola Wiktorson.',
    );
    await next('§4 Vad vill RAR med medlemskapet i Nationella Nätverket för Samordningsförbund (NNS)');
    await note('Arbetsutskottet diskuterade NNS roll och enades om att medlemskapet är betydelsefullt.');
    await next('§5 Implementering, hur ska vi förhålla oss?');
    // The second decision from the live card's form, the action item with an @mention and a due date.
    const card = bot.currentCard(started.replies[1]!.id, conv.id)!;
    const viaCard = answered(await bot.click(conv, AU.ann, card, 'Spara beslut', { decisionText: DECISION_2 }));
    expect(cardText(viaCard)).toContain('Beslut: 2 · Uppdrag: 1');
    const mention = await bot.say(conv, AU.ann, '<at>Ola Wiktorson</at>: formulera förslag till vägledning senast 1 mars'.replace(/^/, 'uppdrag '), { mentions: [AU.ola] });
    expect(mention.replies[0]!.text).toBe('Uppdraget till Ola Wiktorson är sparat (senast 2016-03-01).');
    await next('§7 Övrigt');
    await note('Britta Bergström informerade om seminariet om Skottlandsmodellen den 28 april.');
    await next('§8 Avslutning');
    await note('Ordföranden tackade mötesdeltagarna för visat intresse och avslutade därefter mötet.');
    expect((await bot.say(conv, AU.marie, 'nästa punkt')).replies[0]!.text).toBe('Det här är sista punkten. Skriv **avsluta möte** när ni är klara.');
    expect((await bot.say(conv, AU.marie, 'avsluta möte')).replies[0]!.text).toBe('Arbetsutskottets sammanträde är avslutat. Allt som antecknades finns sparat. Utkastet till protokoll skickas till Ann Lundqvist (sekreterare) i en personlig chatt.');
    expect((await bot.say(conv, AU.ann, 'anteckning för sent')).replies[0]!.text).toBe('Inget möte pågår. Skriv **starta möte** för att starta nästa planerade möte.');
    await bot.settle();

    // One live card, updated in place to its final state.
    const cards = liveCards(bot, conv);
    expect(cards).toHaveLength(1);
    const puts = bot.connector.updates(conv.id).filter((u) => u.activityId === cards[0]!.id);
    expect(puts.length).toBeGreaterThan(0);
    const final = cardText(bot.currentCard(cards[0]!.id, conv.id)!);
    expect(final).toContain('Avslutat möte: Arbetsutskottets sammanträde');
    expect(final).toContain(`Beslut: ${DECISION_1}`);
    expect(final).toContain('**§6 Roller och förväntningar**\nUtgår');
    expect(final).not.toContain('Nästa punkt');

    // The meeting as stored in Cosmos.
    const m = (await storedMeetings(bot, conv))[0]!;
    // Ended, then the minutes were drafted (issue 8's meetingEnded handler).
    expect(m.status).toBe('minutesDrafted');
    const titles = m.items.map((i: Json) => i.title);
    expect(titles).toEqual(['Inledning', 'Psykisk ohälsa, KUR - Information', 'AMIF projektansökan - Information', 'Vad vill RAR med medlemskapet i Nationella Nätverket för Samordningsförbund (NNS)', 'Implementering, hur ska vi förhålla oss?', 'Roller och förväntningar', 'Övrigt', 'Avslutning']);
    const idOf = (n: number) => m.items[n - 1].id;
    expect(m.items[5].dropped).toBe(true);
    expect(m.items[4].kind).toBe('beslut');
    expect(m.moves.map((mv: Json) => titles[m.items.findIndex((i: Json) => i.id === mv.to)])).toEqual(['Inledning', 'Psykisk ohälsa, KUR - Information', 'AMIF projektansökan - Information', titles[3], titles[4], 'Övrigt', 'Avslutning']);
    expect(m.notes.map((n: Json) => n.itemId)).toEqual([idOf(1), idOf(1), idOf(1), idOf(2), idOf(3), idOf(4), idOf(7), idOf(8)]);
    expect(m.notes[1].text).toBe('En "incheckningsrunda" gjordes.');
    expect(m.decisions.map((d: Json) => [d.itemId, d.text])).toEqual([[idOf(3), DECISION_1], [idOf(5), DECISION_2]]);
    expect(m.actionItems.map((a: Json) => [a.itemId, a.ownerName, a.text, a.due ?? null])).toEqual([
      [idOf(3), 'Ola Wiktorson', 'återkoppla till arbetsutskottet via mail', null],
      [idOf(5), 'Ola Wiktorson', 'formulera förslag till vägledning', '2016-03-01'],
    ]);
    expect(new Set([...m.notes, ...m.decisions, ...m.actionItems].map((r: Json) => r.id)).size).toBe(12);
    expect(m.history.map((h: Json) => h.to)).toEqual(['started', 'ended', 'minutesDrafted']);

    // The next meeting (seed 003: "den 30 mars klockan 13-17") opens with the standing items of an
    // arbetsutskott's sammanträde, and lists the open action items under the previous protokoll.
    await bot.say(conv, AU.ann, 'nytt möte 30 mars klockan 13-17 Hotell Malmköping');
    const agenda = cardText(cardsOf((await bot.say(conv, AU.katarina, 'dagordning')).replies[0])[0]!);
    expect(agenda).toContain('Dagordning: Arbetsutskottets sammanträde');
    expect(agenda).toContain('**§1 Val av justerare**\nBeslut\n**§2 Godkännande av dagordningen**\nBeslut');
    expect(agenda).toMatch(/\*\*§4 Övriga frågor\*\*\nDiskussion\n\*\*§5 Nästa sammanträde\*\*/);
    expect(agenda).toContain('**§3 Föregående protokoll**\nInformation\nÖppna uppdrag från tidigare möten:\n- Ola Wiktorson: återkoppla till arbetsutskottet via mail\n- Ola Wiktorson: formulera förslag till vägledning (senast 2016-03-01)');
  });

  it('refuses the wrong role and out-of-order commands, changing nothing', async () => {
    const conv = A.channel('tierp-run-refuse');
    await setUpTierp(bot, conv);
    const before = await storeSnapshot(bot.lokus.store);
    const who = 'Det kan Marika Blomgren (sekreterare) och Birgitta Olsson (ordförande) göra.';
    const say = async (p: A.Person, text: string) => (await bot.say(conv, p, text)).replies[0]!.text;
    expect(await say(TIERP.nima, 'starta möte')).toBe(`Du kan inte leda mötet. ${who}`);
    expect(await say(TIERP.marika, 'nästa punkt')).toBe('Inget möte pågår. Skriv **starta möte** för att starta nästa planerade möte.');
    expect(await say(TIERP.marika, 'avsluta möte')).toBe('Inget möte pågår. Skriv **starta möte** för att starta nästa planerade möte.');
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);

    // No meeting planned: the chair starts an ad-hoc one with the standing items.
    const started = await bot.say(conv, TIERP.birgitta, 'starta möte');
    expect(started.replies[0]!.text).toBe('Inget möte var planerat, så Lokusmöte Tierp startade med gruppens stående punkter.');
    expect(cardText(cardsOf(started.replies[1])[0]!)).toContain('**1. Föregående minnesanteckningar**');
    const during = await storeSnapshot(bot.lokus.store);
    expect(await say(TIERP.nima, 'beslut Lokusgruppen beslutade att godkänna rapporten.')).toBe(`Du kan inte protokollföra beslut. ${who}`);
    expect(await say(TIERP.nima, 'uppdrag Nima: skriva annons')).toBe(`Du kan inte lägga till uppdrag. ${who}`);
    expect(await say(TIERP.nima, 'anteckning Jag vill anteckna')).toBe(`Du kan inte anteckna. ${who}`);
    expect(await say(TIERP.nima, 'avsluta möte')).toBe(`Du kan inte leda mötet. ${who}`);
    expect(await say(TIERP.marika, 'föregående punkt')).toBe('Det här är första punkten.');
    expect(await say(TIERP.marika, 'uppdrag Nima skriva annons')).toContain('Skriv uppdraget så här');
    expect(await say(TIERP.marika, 'uppdrag Marika: skriva utkast')).toBe('Flera deltagare passar ”Marika”: Marika Blomgren, Marika Söderberg. Skriv hela namnet.');
    expect(await say(TIERP.marika, 'uppdrag Nima: skriva annons senast 31 april')).toBe('Datumet ”31 april” finns inte i kalendern. Skriv till exempel 2018-03-16, 16/3 eller 16 mars.');
    const liveId = started.replies[1]!.id;
    const forged = await bot.post(A.cardAction(conv, TIERP.marika, bot.serviceUrl, 'live.note', { meetingId: liveId, noteText: 'x' }));
    expect(forged.body.value).toBe('Mötet finns inte i den här gruppen. Ladda om kortet eller skriv **dagordning**.');
    const empty = await bot.post(A.cardAction(conv, TIERP.marika, bot.serviceUrl, 'live.decision', { meetingId: 'x' }));
    expect(empty.body.value).toBe('Kortet skickade ett felaktigt värde för ”beslut”. Ladda om kortet och försök igen.');
    await bot.settle();
    expect(changedDocuments(during, await storeSnapshot(bot.lokus.store))).toEqual([]);

    // An item raised during the meeting goes after the current one, before the closing items.
    expect(await say(TIERP.marika, 'punkt Lokal för nästa möte')).toBe('Punkt 2 Lokal för nästa möte är tillagd på dagordningen för Lokusmöte Tierp.');
    await bot.settle();
    const live = cardText(bot.currentCard(liveId, conv.id)!);
    expect(live).toContain('**2. Lokal för nästa möte**\nInformation\n**3. Övriga frågor**');
  });

  it('keeps 50 parallel notes by different members, and records a retried activity once', async () => {
    const conv = A.channel('big-group');
    const chair = A.person('Stora Ordföranden');
    const people = Array.from({ length: 50 }, (_, i) => A.person(`Ledamot ${String(i + 1).padStart(2, '0')}`));
    const settings = await setUpGroup(bot, conv, chair, { name: 'Styrelsen', kind: 'styrelse', founderOrganisation: 'Samordningsförbundet', people: people.map((p, i) => [p, `Part ${i % 4}`, 'member']), founderRoles: 'chair' });
    const allowed = answered(await bot.click(conv, chair, settings, 'Spara', { membersMayNote: 'true' }));
    expect(cardText(allowed)).toContain('Inställningarna är sparade.');
    await bot.say(conv, chair, 'starta möte');
    // Each member's own answer (a post's replies are everything said in the channel meanwhile).
    const notes = people.map((p, i) => A.message(conv, p, bot.serviceUrl, `anteckning Synpunkt nummer ${i + 1}`));
    const results = await Promise.all(notes.map((a) => bot.post(a)));
    expect(notes.map((a, i) => results[i]!.replies.filter((r) => r.replyToId === a.id).map((r) => r.text))).toEqual(notes.map(() => ['Antecknat under §1.']));
    const retry = A.message(conv, people[0]!, bot.serviceUrl, 'anteckning Samma anteckning två gånger');
    await Promise.all([bot.post(retry), bot.post(retry)]);
    await bot.post(retry);
    await bot.settle();
    const m = (await storedMeetings(bot, conv))[0]!;
    expect(m.notes).toHaveLength(51);
    expect(new Set(m.notes.map((n: Json) => n.text)).size).toBe(51);
    expect(new Set(m.notes.map((n: Json) => n.by)).size).toBe(50);
    const live = liveCards(bot, conv);
    expect(live).toHaveLength(1);
    expect(cardText(bot.currentCard(live[0]!.id, conv.id)!)).toContain('Anteckningar: 51');
  });

  it('starts and ends the planned meeting on Teams meeting events and keeps participant joins and leaves', async () => {
    const conv = A.channel('tierp-teams-meeting');
    await setUpTierp(bot, conv);
    await bot.say(conv, TIERP.marika, 'nytt möte idag 13-15 Regionens hus');
    const event = (name: string, value: Json) => bot.post(A.meetingEvent(conv, TIERP.birgitta, bot.serviceUrl, name, value));
    await event('meetingParticipantJoin', { members: [{ user: { id: TIERP.nima.id, aadObjectId: TIERP.nima.aadObjectId, name: 'Nima Najafi' }, meeting: { inMeeting: true } }] });
    const start = { Id: 'teams-meeting-1', MeetingType: 'Scheduled', Title: 'Lokusmöte', StartTime: '2016-02-04T12:00:00Z' };
    await event('meetingStart', start);
    await event('meetingStart', start);
    const join = A.meetingEvent(conv, TIERP.birgitta, bot.serviceUrl, 'meetingParticipantJoin', { members: [{ user: { id: TIERP.wictoria.id, aadObjectId: TIERP.wictoria.aadObjectId, name: 'Wictoria Palmetorp' } }, { user: { id: '29:guest', name: 'Gäst' } }] });
    await bot.post(join);
    await bot.post(join);
    await event('meetingParticipantLeave', { members: [{ user: { id: TIERP.nima.id, aadObjectId: TIERP.nima.aadObjectId } }] });
    await event('meetingEnd', { Id: 'teams-meeting-1', EndTime: '2016-02-04T14:00:00Z' });
    await bot.settle();
    expect(liveCards(bot, conv)).toHaveLength(1);
    const texts = bot.connector.posted(conv.id).map((a) => a.text);
    expect(texts).toContain('Teams-mötet har börjat: Lokusmöte Tierp har startat.');
    expect(texts).toContain('Teams-mötet har slutat: Lokusmöte Tierp är avslutat. Utkastet till protokoll skickas till Marika Blomgren (sekreterare) i en personlig chatt.');
    const m = (await storedMeetings(bot, conv))[0]!;
    expect(m).toMatchObject({ status: 'minutesDrafted', teamsMeetingId: 'teams-meeting-1' });
    expect(m.participantEvents.map((e: Json) => [e.kind, e.name ?? e.teamsId, Boolean(e.memberId)])).toEqual([
      ['join', 'Nima Najafi', true],
      ['join', 'Wictoria Palmetorp', true],
      ['join', 'Gäst', false],
      ['leave', TIERP.nima.id, true],
    ]);
  });
});
