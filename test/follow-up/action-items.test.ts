import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, choiceValue, groupIdFor, setUpTierp } from '../support/seed-group.js';
import { holdMeeting, steppingClock } from './follow-up-support.js';

type Json = Record<string, any>;
const { now, set: setClock } = steppingClock('2018-01-20T09:00:00Z');
const { marika, birgitta, marikaS, wictoria, geli } = TIERP;

const INBJUDAN = 'Skicka ut inbjudan till Granskning uppdrag';
const FORSLAG = 'Inkomma med ett skriftligt förslag om språkstöd';
const UTKAST = 'Skriva utkast på avvikelserapporten';

describe('uppdragslista and mina uppdrag over real HTTP', () => {
  let bot: TestBot;
  const conv = A.channel('tierp-uppdrag');
  const other = A.channel('sug-uppdrag');

  beforeAll(async () => {
    bot = await TestBot.start({ now });
    await setUpTierp(bot, conv);
    await holdMeeting(bot, conv, marika, birgitta, setClock, {
      date: '2018-01-25',
      items: [
        { title: 'Granskning uppdrag', commands: [`uppdrag Marika Söderberg: ${INBJUDAN} senast 2018-02-15`] },
        { title: 'Projektansökan, språkstödjare', commands: [`uppdrag Nima: ${FORSLAG}`, `uppdrag Marika Blomgren: ${UTKAST} senast 2018-02-01`] },
      ],
    });
    // Marika Söderberg is also in a second group (a strategy group set up by Geli).
    await setUpTierp(bot, other);
    await holdMeeting(bot, other, marika, birgitta, setClock, {
      date: '2018-02-01',
      items: [{ title: 'Nyckeltal', commands: ['uppdrag Marika Söderberg: Ta fram statistik för augusti senast 2018-03-01'] }],
    });
    setClock('2018-02-05T09:00:00Z');
  }, 120_000);
  afterAll(async () => bot.stop());

  it('the next meeting’s agenda lists the open items of the previous one', async () => {
    const plan = cardsOf((await bot.say(conv, marika, 'nytt möte 2018-03-16 kl 13-15 Regionens hus')).replies[0])[0]!;
    answered(await bot.click(conv, marika, plan, 'Skicka kallelse'));
    await bot.settle();
    const agenda = cardText(cardsOf((await bot.say(conv, wictoria, 'dagordning')).replies[0])[0]!);
    expect(agenda).toContain('**1. Föregående minnesanteckningar**\nInformation\nÖppna uppdrag från tidigare möten:');
    expect(agenda).toContain(`- Marika Söderberg: ${INBJUDAN} (senast 2018-02-15)`);
    expect(agenda).toContain(`- Nima Najafi: ${FORSLAG}`);
    expect(agenda).toContain(`- Marika Blomgren: ${UTKAST} (senast 2018-02-01)`);
  });

  it('lists the group’s open items with owner, due date and source meeting; overdue marked', async () => {
    const card = cardsOf((await bot.say(conv, wictoria, 'uppdragslista')).replies[0])[0]!;
    const text = cardText(card);
    expect(text).toContain('Uppdragslista: Tierp');
    const lines = text.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at(UTKAST)).toBeLessThan(at(INBJUDAN));
    expect(at(INBJUDAN)).toBeLessThan(at(FORSLAG));
    expect(lines[at(UTKAST) + 1]).toBe('Försenat – skulle ha varit klart 2018-02-01');
    expect(lines[at(INBJUDAN) + 1]).toBe('Senast 2018-02-15');
    expect(lines[at(INBJUDAN) + 2]).toBe('Från Lokusmöte Tierp 2018-01-25');
    expect(lines[at(FORSLAG) + 1]).toBe('Inget datum satt');
  });

  it('the chair sets how early owners are reminded; an empty or garbled value is refused and changes nothing', async () => {
    const card = cardsOf((await bot.say(conv, marika, 'uppdragslista')).replies[0])[0]!;
    const before = await storeSnapshot(bot.lokus.store);
    for (const garbled of ['', null, false, [], 'tre']) {
      const r = await bot.execute(conv, marika, 'actions.settings', { reminderDays: garbled });
      expect(r.message).toMatch(/^Kortet skickade .*Ladda om kortet och försök igen\.$/);
    }
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
    const saved = answered(await bot.click(conv, marika, card, 'Spara', { reminderDays: '3' }));
    expect(cardText(saved)).toContain('Sparat: de ansvariga påminns 3 dagar före och på dagen.');
  });

  it('a non-owner member cannot mark someone else’s item done; nothing changes', async () => {
    const card = cardsOf((await bot.say(conv, wictoria, 'uppdragslista')).replies[0])[0]!;
    const before = await storeSnapshot(bot.lokus.store);
    const r = answered(await bot.click(conv, wictoria, card, 'Markera klart', { actionRef: choiceValue(card, 'actionRef', new RegExp(INBJUDAN)) }));
    expect(cardText(r)).toContain('Bara Marika Söderberg, sekreteraren eller ordföranden kan ändra det här uppdraget.');
    const moved = await bot.click(conv, wictoria, card, 'Ändra datum', { actionRef: choiceValue(card, 'actionRef', new RegExp(INBJUDAN)), newDue: '2018-03-01' });
    expect(cardText(answered(moved))).toContain('Bara Marika Söderberg');
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
  });

  it('the owner marks done from her personal chat: the group’s list card and the next agenda update', async () => {
    const channelList = await bot.say(conv, birgitta, 'uppdragslista');
    const listId = channelList.replies[0]!.id;
    const me = A.personalChat(marikaS);
    const mine = cardsOf((await bot.say(me, marikaS, 'mina uppdrag')).replies[0])[0]!;
    const text = cardText(mine);
    expect(text).toContain('Mina uppdrag');
    expect(text).toContain(INBJUDAN);
    expect(text).toContain('Ta fram statistik för augusti');
    expect(text).toContain('Grupp: Tierp');
    expect(text).not.toContain(FORSLAG);
    // Someone in another group's chat cannot act on Tierp's items by forging the reference.
    const forged = await bot.click(other, wictoria, mine, 'Markera klart', { actionRef: choiceValue(mine, 'actionRef', new RegExp(INBJUDAN)) });
    expect(forged.message ?? cardText(forged.card!)).toContain('Uppdraget finns inte (längre) i gruppen.');

    const done = answered(await bot.click(me, marikaS, mine, 'Markera klart', { actionRef: choiceValue(mine, 'actionRef', new RegExp(INBJUDAN)) }));
    expect(cardText(done)).toContain(`Klart: ${INBJUDAN}`);
    expect(cardText(done)).not.toContain(`**Marika Söderberg**: ${INBJUDAN}`);
    await bot.settle();

    const updated = cardText(bot.currentCard(listId, conv.id)!);
    expect(updated).not.toContain(INBJUDAN);
    expect(updated).toContain(FORSLAG);
    const agenda = cardText(cardsOf((await bot.say(conv, wictoria, 'dagordning')).replies[0])[0]!);
    expect(agenda).not.toContain(INBJUDAN);
    expect(agenda).toContain(FORSLAG);
    const stored = (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'meeting' && d.date === '2018-01-25')!;
    expect(stored.actionItems.find((a: Json) => a.text === INBJUDAN)).toMatchObject({ status: 'done', doneAt: expect.any(String), doneBy: expect.any(String) });
  });

  it('the secretary reschedules anyone’s item from the channel card', async () => {
    const card = cardsOf((await bot.say(conv, marika, 'uppdragslista')).replies[0])[0]!;
    const r = answered(await bot.click(conv, marika, card, 'Ändra datum', { actionRef: choiceValue(card, 'actionRef', new RegExp(FORSLAG)), newDue: '2018-03-09' }));
    expect(cardText(r)).toContain(`Nytt datum 2018-03-09: ${FORSLAG}`);
    const badMessage = await bot.click(conv, marika, card, 'Ändra datum', { actionRef: choiceValue(card, 'actionRef', new RegExp(FORSLAG)), newDue: '2018-02-30' });
    expect(badMessage.message).toContain('2018-02-30 är inget giltigt datum.');
  });

  it('the kansli sees overdue items of their groups in "mina uppdrag"; the cross-group decision log is theirs only', async () => {
    const mine = cardText(cardsOf((await bot.say(A.personalChat(geli), geli, 'uppdragslista')).replies[0])[0]!);
    expect(mine).toContain('Du har inga öppna uppdrag.');
    expect(mine).toContain('Försenade uppdrag i dina grupper');
    expect(mine).toContain(UTKAST);
    expect(mine).toContain('Försenat – skulle ha varit klart 2018-02-01');
    const log = await bot.say(A.personalChat(geli), geli, 'beslutslogg');
    expect(cardText(cardsOf(log.replies[0])[0]!)).toContain('Beslutslogg: alla dina grupper');
    const notKansli = await bot.say(A.personalChat(wictoria), wictoria, 'beslutslogg');
    expect(notKansli.replies[0]!.text).toContain('Beslutsloggen över alla grupper är till för förbundets kansli.');
    expect(() => findAction(cardsOf(log.replies[0])[0]!, 'Spara uppföljning')).toThrow();
  });
});
