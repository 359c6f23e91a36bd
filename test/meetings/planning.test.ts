import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, choiceValue, groupIdFor, memberIdOn, setUpTierp } from '../support/seed-group.js';

const NOW = new Date('2018-01-25T10:00:00Z');
const { marika, nima, geli, wictoria } = TIERP;
type Json = Record<string, any>;

const SEED_000_ITEMS = ['Rotation av ordförande', 'Samordnare/Partsamordnare, uppdrag och start', 'Granskning uppdrag', 'Projektansökan, språkstödjare'];

describe('planning a meeting and its notice (kallelse), over real HTTP', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await TestBot.start({ now: () => NOW });
  });
  afterAll(async () => bot.stop());

  /** A fresh Tierp group in its own channel; Nima chairs from the next meeting (seed 000). */
  async function tierp(name: string): Promise<{ conv: A.Conversation; settings: Json }> {
    const conv = A.channel(name);
    let settings = await setUpTierp(bot, conv);
    settings = answered(await bot.click(conv, marika, settings, 'Spara roll', { roleMemberId: memberIdOn(settings, 'Nima Najafi'), roles: 'chair', effective: 'nextMeeting' }));
    settings = answered(await bot.click(conv, marika, settings, 'Spara roll', { roleMemberId: memberIdOn(settings, 'Birgitta Olsson'), roles: 'member', effective: 'nextMeeting' }));
    return { conv, settings };
  }

  it('replays the planning of seed 000’s next meeting, posts the notice, then moves it with a visible mark', async () => {
    const { conv } = await tierp('tierp-plan');
    const planned = await bot.say(conv, marika, 'nytt möte 16 mars klockan 13:00–15:00 på Regionens hus, lokal Aspnäs');
    let plan = cardsOf(planned.replies[0])[0]!;
    expect(cardText(plan)).toContain('Lokusmöte Tierp är planerat till fredag 16 mars 2018 kl. 13.00–15.00.');
    expect(cardText(plan)).toContain('Ordförande Nima Najafi');

    for (const [i, title] of SEED_000_ITEMS.entries()) {
      const r = await bot.say(conv, marika, `punkt ${title}`);
      expect(r.replies[0]!.text).toBe(`Punkt ${i + 2} ${title} är tillagd på dagordningen för Lokusmöte Tierp.`);
    }
    // Seed 000 lists six items: this group ends with "Övriga frågor", so "Nästa möte" goes.
    plan = answered(await bot.click(conv, marika, plan, 'Ta bort punkten', { itemId: choiceValue(plan, 'itemId', /Nästa möte/) }));
    expect(cardText(plan)).toContain('Punkten Nästa möte är borttagen.');

    const sent = answered(await bot.click(conv, marika, plan, 'Skicka kallelse'));
    expect(cardText(sent)).toContain('Kallelsen är skickad till kanalen.');
    await bot.settle();
    const notices = bot.connector.posted(conv.id).filter((a) => cardsOf(a)[0] && cardText(cardsOf(a)[0]!).startsWith('Kallelse:'));
    expect(notices).toHaveLength(1);
    const noticeId = notices[0]!.id;
    const notice = cardText(bot.currentCard(noticeId, conv.id)!);
    expect(notice).toContain('Kallelse: Lokusmöte Tierp');
    expect(notice).toContain('Datum fredag 16 mars 2018 kl. 13.00–15.00');
    expect(notice).toContain('Plats Regionens hus, lokal Aspnäs');
    expect(notice).toContain('Ordförande Nima Najafi');
    expect(notice).toContain('Sekreterare Marika Blomgren');
    const lines = cardsOf(notices[0])[0] ? notice.split('\n').filter((l) => /^\*\*\d+\. /.test(l)) : [];
    expect(lines).toEqual([
      '**1. Föregående minnesanteckningar**',
      '**2. Rotation av ordförande**',
      '**3. Samordnare/Partsamordnare, uppdrag och start**',
      '**4. Granskning uppdrag**',
      '**5. Projektansökan, språkstödjare**',
      '**6. Övriga frågor**',
    ]);
    expect(notice).not.toContain('Obs!');

    // The chair moves the meeting a week: the same notice is updated in place and marked.
    const putsBefore = bot.connector.updates(conv.id).length;
    const saved = answered(await bot.click(conv, marika, sent, 'Spara', { date: '2018-03-23', start: '09:00', end: '11:00' }));
    expect(cardText(saved)).toContain('Mötet är sparat.');
    await bot.settle();
    const puts = bot.connector.updates(conv.id).slice(putsBefore);
    expect(puts.map((p) => p.activityId)).toContain(noticeId);
    const moved = cardText(bot.currentCard(noticeId, conv.id)!);
    expect(moved).toContain('Obs! Ändrad dag och tid mot tidigare kallelse (tidigare: fredag 16 mars 2018 kl. 13.00–15.00).');
    expect(moved).toContain('Datum fredag 23 mars 2018 kl. 9.00–11.00');
    expect(bot.connector.posted(conv.id).filter((a) => cardsOf(a)[0] && cardText(cardsOf(a)[0]!).startsWith('Kallelse:'))).toHaveLength(1);
    expect(bot.connector.posted(conv.id).map((a) => a.text)).toContain('Obs! Byte av dag och tid för Lokusmöte Tierp: nu fredag 23 mars 2018 kl. 9.00–11.00. Kallelsen är uppdaterad.');

    // Anyone in the group sees the agenda.
    const agenda = await bot.say(conv, geli, 'dagordning');
    const agendaText = cardText(cardsOf(agenda.replies[0])[0]!);
    expect(agendaText).toContain('Dagordning: Lokusmöte Tierp');
    expect(agendaText).toContain('**6. Övriga frågor**');

    // A stored meeting: one document in the group's partition, with the notice's activity id.
    const meeting = (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'meeting')!;
    expect(meeting).toMatchObject({ status: 'noticed', date: '2018-03-23', place: 'Regionens hus', room: 'Aspnäs', notice: { activityId: noticeId } });
    expect(meeting.items).toHaveLength(6);
  });

  it('answers a planner in English in a group set to English', async () => {
    const { conv, settings } = await tierp('tierp-english');
    await bot.click(conv, marika, settings, 'Spara', { language: 'en' });
    const emma = { ...marika, locale: 'sv-SE' };
    const r = await bot.say(conv, emma, 'new meeting 16 March 13-15 Regionens hus');
    const text = cardText(cardsOf(r.replies[0])[0]!);
    expect(text).toContain('Lokus meeting Tierp is planned for Friday 16 March 2018, 13:00–15:00.');
    expect(text).toContain('Place Regionens hus');
    expect((await bot.say(conv, emma, 'new meeting 31/4')).replies[0]!.text).toBe('The date "31/4" does not exist. Write for example 2018-03-16, 16/3 or 16 March.');
  });

  it('refuses a member without a planning role, naming who can, and changes nothing in Cosmos', async () => {
    const { conv } = await tierp('tierp-refuse');
    const plan = cardsOf((await bot.say(conv, marika, 'nytt möte 16 mars 13-15')).replies[0])[0]!;
    const before = await storeSnapshot(bot.lokus.store);
    const who = 'Det kan Marika Blomgren (sekreterare) och Birgitta Olsson (ordförande) göra.';
    expect((await bot.say(conv, wictoria, 'nytt möte 20 mars')).replies[0]!.text).toBe(`Du kan inte planera eller ändra möten. ${who}`);
    expect((await bot.say(conv, wictoria, 'punkt Budget')).replies[0]!.text).toBe(`Du kan inte ändra dagordningen. ${who}`);
    expect(cardText(cardsOf((await bot.say(conv, wictoria, 'dagordning')).replies[0])[0]!)).not.toContain('Ändra mötet');
    const meetingId = findAction(plan, 'Skicka kallelse').action.data.meetingId;
    const forged = await bot.post(A.cardAction(conv, wictoria, bot.serviceUrl, 'meeting.save', { meetingId, title: 'x', format: 'protokoll', date: '2018-04-01' }));
    expect(forged.body.value).toBe(`Du kan inte planera eller ändra möten. ${who}`);
    const stranger = A.person('Okänd Person');
    const r = await bot.post(A.cardAction(conv, stranger, bot.serviceUrl, 'meeting.notice', { meetingId }));
    expect(r.body.value).toContain('Du är inte med i gruppen och kan inte planera eller ändra möten.');
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
  });

  it('refuses bad dates, times and malformed or forged card data in Swedish, changing nothing', async () => {
    const { conv } = await tierp('tierp-bad');
    const other = A.channel('other-group');
    const otherPlan = cardsOf((await bot.say(other, nima, 'grupp')).replies[0])[0]!;
    await bot.click(other, nima, otherPlan, 'Skapa gruppen', { groupName: 'Annan', groupKind: 'annan' });
    const otherMeeting = cardsOf((await bot.say(other, nima, 'nytt möte 1/3')).replies[0])[0]!;
    const foreignId = findAction(otherMeeting, 'Skicka kallelse').action.data.meetingId;

    const plan = cardsOf((await bot.say(conv, marika, 'nytt möte 16 mars 13-15')).replies[0])[0]!;
    const before = await storeSnapshot(bot.lokus.store);
    const say = async (text: string) => (await bot.say(conv, marika, text)).replies[0]!.text;
    expect(await say('nytt möte 30 februari')).toBe('Datumet ”30 februari” finns inte i kalendern. Skriv till exempel 2018-03-16, 16/3 eller 16 mars.');
    expect(await say('nytt möte 16 mars 15-13')).toBe('Sluttiden 13.00 är inte efter starttiden 15.00.');
    expect(await say('nytt möte 16 mars kl 25:00')).toBe('Tiden ”kl 25:00” finns inte. Skriv till exempel 13.00–15.00, 13–15 eller kl. 13.');

    const meetingId = findAction(plan, 'Skicka kallelse').action.data.meetingId;
    const press = async (verb: string, data: Json) => (await bot.post(A.cardAction(conv, marika, bot.serviceUrl, verb, data))).body.value;
    expect(await press('meeting.save', { meetingId, title: 'x', format: 'protokoll', date: '2018-02-30' })).toBe('Kortet skickade ett felaktigt värde för ”datum”. Ladda om kortet och försök igen.');
    expect(await press('meeting.save', { meetingId, title: 'x', format: 'protokoll', start: '15:00', end: '13:00' })).toBe('Sluttiden 13.00 är inte efter starttiden 15.00.');
    expect(await press('meeting.save', { title: 'x', format: 'protokoll' })).toBe('Kortet skickade ett felaktigt värde för ”möte”. Ladda om kortet och försök igen.');
    expect(await press('meeting.save', { meetingId, title: 42, format: 'protokoll' })).toBe('Kortet skickade ett felaktigt värde för ”rubrik”. Ladda om kortet och försök igen.');
    expect(await press('meeting.save', { meetingId, title: 'x', format: 'protokoll', chairId: 'm-nobody' })).toBe('Kortet skickade ett felaktigt värde för ”ordförande”. Ladda om kortet och försök igen.');
    expect(await press('meeting.addItem', { meetingId: foreignId, itemTitle: 'Kapad punkt' })).toBe('Mötet finns inte i den här gruppen. Ladda om kortet eller skriv **dagordning**.');
    expect(await press('meeting.save', { meetingId: '../group', title: 'x', format: 'protokoll' })).toBe('Kortet skickade ett felaktigt värde för ”möte”. Ladda om kortet och försök igen.');
    expect(await press('meeting.save', { meetingId: 'group', title: 'x', format: 'protokoll' })).toBe('Mötet finns inte i den här gruppen. Ladda om kortet eller skriv **dagordning**.');
    expect(await press('meeting.save', { meetingId: foreignId, title: 'Kapat', format: 'protokoll' })).toBe('Mötet finns inte i den här gruppen. Ladda om kortet eller skriv **dagordning**.');
    expect(await press('meeting.removeItem', { meetingId, itemId: 'no-such-item' })).toBe('Punkten finns inte på dagordningen. Ladda om kortet.');
    expect(await press('meeting.addItem', { meetingId, itemTitle: 'x'.repeat(201) })).toBe('Kortet skickade ett felaktigt värde för ”rubrik”. Ladda om kortet och försök igen.');
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
  });

  it('loses no item when two secretaries add items at once, and adds a retried activity once', async () => {
    const { conv, settings } = await tierp('tierp-parallel');
    await bot.click(conv, marika, settings, 'Spara roll', { roleMemberId: memberIdOn(settings, 'Geli Lytter'), roles: 'secretary', effective: 'now' });
    const plan = cardsOf((await bot.say(conv, marika, 'nytt möte 16 mars 13-15')).replies[0])[0]!;
    const N = 24;
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        i % 3 === 2
          ? bot.click(conv, geli, plan, 'Lägg till', { itemTitle: `Kortpunkt ${i}`, itemKind: 'beslut' })
          : bot.say(conv, i % 3 === 0 ? marika : geli, `punkt Punkt ${i} (diskussion)`),
      ),
    );
    const retry = A.message(conv, marika, bot.serviceUrl, 'punkt Samma punkt två gånger');
    await bot.post(retry);
    await bot.post(retry);
    const meeting = (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'meeting')!;
    const titles = meeting.items.map((i: Json) => i.title);
    expect(titles).toHaveLength(3 + N + 1);
    for (let i = 0; i < N; i++) expect(titles).toContain(i % 3 === 2 ? `Kortpunkt ${i}` : `Punkt ${i}`);
    expect(titles.filter((t: string) => t === 'Samma punkt två gånger')).toHaveLength(1);
    expect(titles.at(-2)).toBe('Övriga frågor');
    expect(meeting.items.find((i: Json) => i.title === 'Punkt 0').kind).toBe('diskussion');
  });

  it('shows an item added with `punkt` on the planning card already in the chat, and a press on it keeps its answer', async () => {
    const { conv } = await tierp('tierp-plan-redraw');
    const planned = await bot.say(conv, marika, 'nytt möte 16 mars 13-15');
    const planId = planned.replies[0]!.id as string;
    await bot.say(conv, marika, 'punkt Budget 2019 (beslut)');
    await bot.settle();
    const redrawn = bot.currentCard(planId, conv.id)!;
    expect(cardText(redrawn)).toContain('Budget 2019');
    // Still the planner's card: its forms are there to press.
    expect(findAction(redrawn, 'Lägg till')).toBeTruthy();
    expect(cardText(redrawn)).not.toContain('är tillagd på dagordningen');

    // A press on the card is answered with the card and its message; no later redraw takes that away.
    const answer = answered(await bot.click(conv, marika, redrawn, 'Lägg till', { itemTitle: 'Lokalfrågan' }));
    expect(cardText(answer)).toContain('Lokalfrågan');
    await bot.settle();
    expect(bot.connector.updates(conv.id).filter((u) => u.activityId === planId)).toHaveLength(1);

    // `dagordning` gives the chair a new planning card; that is the one kept up to date from then on.
    const again = await bot.say(conv, marika, 'dagordning');
    const newId = again.replies[0]!.id as string;
    await bot.say(conv, marika, 'punkt Sommaruppehåll');
    await bot.settle();
    expect(cardText(bot.currentCard(newId, conv.id)!)).toContain('Sommaruppehåll');
    expect(cardText(bot.currentCard(planId, conv.id)!)).not.toContain('Sommaruppehåll');
  });
});
