import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, groupIdFor, setUpTierp } from '../support/seed-group.js';
import { STYRELSE, setUpStyrelse } from '../support/seed-styrelse.js';

type Json = Record<string, any>;
let clock = Date.parse('2026-12-06T09:00:00Z');
const now = () => new Date((clock += 1000));

describe('issue 25, point 4: near misses of commands over real HTTP', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now });
  });
  afterAll(async () => bot.stop());

  it('"anteckningar …" and "nästa pukt" get "Menade du …?" with a button that runs them with the text typed; nothing is lost', async () => {
    const conv = A.channel('tierp-near-miss');
    await setUpTierp(bot, conv);
    await bot.say(conv, TIERP.birgitta, 'starta möte');
    await bot.settle();
    const before = await storeSnapshot(bot.lokus.store);

    // The note typed with the plural: asked, nothing recorded yet.
    const asked = await bot.say(conv, TIERP.marika, 'anteckningar Diskussion om budgeten, se bilaga 2.');
    const question = cardsOf(asked.replies[0])[0]!;
    expect(cardText(question)).toBe('Menade du anteckning?\nTryck på knappen så körs det med det du skrev: ”anteckning Diskussion om budgeten, se bilaga 2.”\nKör anteckning');
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);

    // Kör anteckning: recorded under the current item, word for word.
    const ran = await bot.click(conv, TIERP.marika, question, 'Kör anteckning');
    expect(cardText(answered(ran))).toBe('Kört: anteckning Diskussion om budgeten, se bilaga 2.');
    expect(ran.replies.map((r) => r.text)).toContain('Antecknat under punkt 1.');
    const meeting = (await bot.documents(groupIdFor(conv))).find((d: Json) => d.type === 'meeting')!;
    expect(meeting.notes.map((n: Json) => [n.text, n.byName])).toEqual([['Diskussion om budgeten, se bilaga 2.', 'Marika Blomgren']]);
    // Pressed again (or by two people at once), the card's note is recorded once.
    await bot.click(conv, TIERP.marika, question, 'Kör anteckning');
    expect((await bot.documents(groupIdFor(conv))).find((d: Json) => d.type === 'meeting')!.notes).toHaveLength(1);

    // A typo: "nästa pukt".
    const typo = cardsOf((await bot.say(conv, TIERP.birgitta, 'nästa pukt')).replies[0])[0]!;
    expect(cardText(typo)).toContain('Menade du nästa punkt?');
    const moved = await bot.click(conv, TIERP.birgitta, typo, 'Kör nästa punkt');
    expect(moved.replies.map((r) => r.text)).toContain('Nu behandlas punkt 2 Övriga frågor.');

    // Whoever presses runs it as themselves, with their own rights.
    const decision = cardsOf((await bot.say(conv, TIERP.marika, 'besluta Lokusgruppen beslutade att godkänna budgeten.')).replies[0])[0]!;
    const refused = await bot.click(conv, TIERP.nima, decision, 'Kör beslut');
    expect(refused.replies.map((r) => r.text)).toContain('Du kan inte protokollföra beslut. Det kan Marika Blomgren (sekreterare) och Birgitta Olsson (ordförande) göra.');
    const decided = await bot.click(conv, TIERP.marika, decision, 'Kör beslut');
    expect(decided.replies.map((r) => r.text)).toContain('Beslutet är protokollfört under punkt 2.');

    // Other text still gets the pointer to hjälp.
    expect((await bot.say(conv, TIERP.nima, 'tack för idag')).replies[0]!.text).toBe('Jag förstod inte ”tack för idag”. Skriv **hjälp** för att se vad du kan göra.');
  });

  it('knows every registered command, the formal protokoll’s too: "protokolet förvaras …" is the place the protokoll is kept, not the protokoll', async () => {
    const conv = A.channel('styrelse-near-miss');
    await setUpStyrelse(bot, conv);
    const question = cardsOf((await bot.say(conv, STYRELSE.ann, 'protokolet förvaras i kommunhuset')).replies[0])[0]!;
    expect(cardText(question)).toBe('Menade du protokollet förvaras?\nTryck på knappen så körs det med det du skrev: ”protokollet förvaras i kommunhuset”\nKör protokollet förvaras');
    const ran = await bot.click(conv, STYRELSE.ann, question, 'Kör protokollet förvaras');
    expect(ran.replies.map((r) => r.text)).toEqual(['Protokollet förvaras: i kommunhuset.']);
    const ballot = cardsOf((await bot.say(conv, STYRELSE.ann, 'rost Marie Svensson: ja')).replies[0])[0]!;
    expect(cardText(ballot)).toContain('Menade du röst?');
  });
});
