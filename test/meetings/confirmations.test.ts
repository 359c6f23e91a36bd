import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TestBot } from '../support/test-bot.js';
import { pressAndSettle } from '../support/meeting-steps.js';
import { TIERP, answered, groupIdFor, setUpTierp } from '../support/seed-group.js';

type Json = Record<string, any>;
// Sunday 6 December 2026, as in the issue; the next planned meeting is 21 January 2027.
let clock = Date.parse('2026-12-06T09:00:00Z');
const now = () => new Date((clock += 1000));

async function meetings(bot: TestBot, conv: A.Conversation): Promise<Json[]> {
  return (await bot.documents(groupIdFor(conv))).filter((d) => d.type === 'meeting');
}

describe('issue 25, point 3: starta möte and avsluta möte ask where a mistake costs', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now });
  });
  afterAll(async () => bot.stop());

  it('asks before starting a meeting planned for another day; the chair cancels, then starts an extra meeting, which ends only after a second question', async () => {
    const conv = A.channel('tierp-confirm-start');
    await setUpTierp(bot, conv);
    await bot.say(conv, TIERP.marika, 'nytt möte 2027-01-21 13-15 Kommunhuset');
    await bot.settle();
    const before = await storeSnapshot(bot.lokus.store);

    // 6 December: `starta möte` would start the meeting of 21 January; the bot asks instead.
    const asked = await bot.say(conv, TIERP.birgitta, 'starta möte');
    expect(asked.replies).toHaveLength(1);
    let question = cardsOf(asked.replies[0])[0]!;
    expect(cardText(question)).toBe(
      'Starta Lokusmöte Tierp?\nNästa planerade möte, Lokusmöte Tierp, är torsdag 21 januari 2027 kl. 13.00–15.00 – inte idag. Vill du starta det nu, eller starta ett extra möte idag?\nStarta det nu\nStarta ett extra möte\nAvbryt',
    );
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);

    // Avbryt: nothing starts.
    const cancelled = answered(await bot.click(conv, TIERP.birgitta, question, 'Avbryt'));
    expect(cardText(cancelled)).toBe('Inget möte startades.');
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);

    // A member without the role cannot answer the question for the chair.
    question = cardsOf((await bot.say(conv, TIERP.birgitta, 'starta möte')).replies[0])[0]!;
    expect((await bot.click(conv, TIERP.nima, question, 'Starta ett extra möte')).message).toMatch(/^Du kan inte leda mötet\./);

    // Starta ett extra möte: today's meeting with the standing items; January's stays planned.
    const extra = await pressAndSettle(bot, conv, TIERP.birgitta, question, 'Starta ett extra möte');
    expect(cardText(answered(extra))).toBe('Starta Lokusmöte Tierp?\nLokusmöte Tierp startades.');
    expect(extra.replies[0]!.text).toBe('Inget möte var planerat, så Lokusmöte Tierp startade med gruppens stående punkter.');
    const live = cardsOf(extra.replies[1])[0]!;
    expect(cardText(live)).toContain('▶ Aktuell punkt\n**1. Föregående minnesanteckningar**');
    let stored = await meetings(bot, conv);
    expect(stored.map((m) => [m.date, m.status]).sort()).toEqual([['2026-12-06', 'started'], ['2027-01-21', 'planned']]);

    // avsluta möte with items nobody took up: asked, listing them; "Fortsätt mötet" keeps it running.
    await bot.say(conv, TIERP.marika, 'anteckning Minnesanteckningarna från förra mötet lades till handlingarna.');
    const endAsked = await bot.say(conv, TIERP.birgitta, 'avsluta möte');
    expect(endAsked.replies).toHaveLength(1);
    let endQuestion = cardsOf(endAsked.replies[0])[0]!;
    expect(cardText(endQuestion)).toBe('Avsluta Lokusmöte Tierp?\n2 punkter har inte behandlats:\n2. Övriga frågor\n3. Nästa möte\nAvsluta mötet\nFortsätt mötet');
    const goOn = answered(await bot.click(conv, TIERP.birgitta, endQuestion, 'Fortsätt mötet'));
    expect(cardText(goOn)).toBe('Avsluta Lokusmöte Tierp?\nMötet fortsätter. Skriv **nästa punkt** eller **gå till punkt ‹nummer›**.');
    expect((await meetings(bot, conv)).find((m) => m.date === '2026-12-06')!.status).toBe('started');

    // The live card's own button asks the same (one item left now) and leaves the live card as it was.
    await bot.say(conv, TIERP.birgitta, 'nästa punkt');
    await bot.settle();
    const liveNow = bot.currentCard(extra.replies[1]!.id, conv.id)!;
    const pressed = await bot.click(conv, TIERP.birgitta, liveNow, 'Avsluta möte');
    expect(cardText(answered(pressed))).toContain('▶ Aktuell punkt\n**2. Övriga frågor**');
    endQuestion = cardsOf(pressed.replies[0])[0]!;
    expect(cardText(endQuestion)).toBe('Avsluta Lokusmöte Tierp?\nEn punkt har inte behandlats:\n3. Nästa möte\nAvsluta mötet\nFortsätt mötet');

    // Avsluta mötet: ended; the answer says where the draft went, the live card shows no current item.
    const ended = answered(await bot.click(conv, TIERP.birgitta, endQuestion, 'Avsluta mötet'));
    expect(cardText(ended)).toBe('Avsluta Lokusmöte Tierp?\nLokusmöte Tierp är avslutat. Allt som antecknades finns sparat. Utkastet till protokoll skickas till Marika Blomgren (sekreterare) i en personlig chatt.');
    await bot.settle();
    const final = cardText(bot.currentCard(extra.replies[1]!.id, conv.id)!);
    expect(final).toContain('Avslutat möte: Lokusmöte Tierp');
    expect(final).not.toContain('Aktuell punkt');
    expect(final).toContain('Mötet är avslutat. Utkastet till protokoll skrivs utifrån det som antecknats här. Utkastet till protokoll skickas till Marika Blomgren (sekreterare) i en personlig chatt.');
    stored = await meetings(bot, conv);
    expect(stored.map((m) => [m.date, m.status]).sort()).toEqual([['2026-12-06', 'minutesDrafted'], ['2027-01-21', 'planned']]);
    // A second press on the answered question changes nothing.
    expect(cardText(answered(await bot.click(conv, TIERP.birgitta, endQuestion, 'Avsluta mötet')))).toBe('Inget möte pågår. Skriv **starta möte** för att starta nästa planerade möte.');
  });

  it('starts the planned meeting of another day when the chair says so, and ends a meeting whose items were all taken up without asking', async () => {
    const conv = A.channel('tierp-confirm-planned');
    await setUpTierp(bot, conv);
    await bot.say(conv, TIERP.marika, 'nytt möte 2027-01-21 13-15 Kommunhuset');
    const question = cardsOf((await bot.say(conv, TIERP.birgitta, 'starta möte')).replies[0])[0]!;
    const started = await pressAndSettle(bot, conv, TIERP.birgitta, question, 'Starta det nu');
    expect(started.replies[0]!.text).toBe('Lokusmöte Tierp har startat. Dagordningen visas på kortet och uppdateras under mötet.');
    expect((await meetings(bot, conv)).map((m) => [m.date, m.status])).toEqual([['2027-01-21', 'started']]);
    // Pressed again (a second chair at the same moment): already running, nothing new.
    expect(cardText(answered(await bot.click(conv, TIERP.birgitta, question, 'Starta det nu')))).toBe('Inget möte startades.');
    for (let i = 0; i < 2; i++) await bot.say(conv, TIERP.birgitta, 'nästa punkt');
    const end = await bot.say(conv, TIERP.birgitta, 'avsluta möte');
    expect(end.replies[0]!.text).toBe('Lokusmöte Tierp är avslutat. Allt som antecknades finns sparat. Utkastet till protokoll skickas till Marika Blomgren (sekreterare) i en personlig chatt.');
  });

  it('starts today\'s planned meeting at once', async () => {
    const conv = A.channel('tierp-confirm-today');
    await setUpTierp(bot, conv);
    await bot.say(conv, TIERP.marika, 'nytt möte idag 13-15 Kommunhuset');
    const started = await bot.say(conv, TIERP.birgitta, 'starta möte');
    expect(started.replies[0]!.text).toBe('Lokusmöte Tierp har startat. Dagordningen visas på kortet och uppdateras under mötet.');
  });

  it('asks too when the planned meeting\'s day has passed without a start, and starts it when the chair says so', async () => {
    const conv = A.channel('tierp-confirm-late');
    await setUpTierp(bot, conv);
    await bot.say(conv, TIERP.marika, 'nytt möte 2026-11-26 13-15 Kommunhuset');
    await bot.settle();
    const before = await storeSnapshot(bot.lokus.store);
    const asked = await bot.say(conv, TIERP.birgitta, 'starta möte');
    const question = cardsOf(asked.replies[0])[0]!;
    expect(cardText(question)).toBe(
      'Starta Lokusmöte Tierp?\nDet planerade mötet Lokusmöte Tierp var torsdag 26 november 2026 kl. 13.00–15.00 och har inte startats. Vill du starta det nu, eller starta ett extra möte idag?\nStarta det nu\nStarta ett extra möte\nAvbryt',
    );
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
    // The press is answered at once, with the meeting already started; the cards follow it.
    const before2 = bot.connector.posted(conv.id).length;
    const pressed = await bot.click(conv, TIERP.birgitta, question, 'Starta det nu');
    expect(cardText(answered(pressed))).toBe('Starta Lokusmöte Tierp?\nLokusmöte Tierp startades.');
    expect(pressed.replies).toEqual([]);
    expect((await meetings(bot, conv)).map((m) => [m.date, m.status])).toEqual([['2026-11-26', 'started']]);
    await bot.settle();
    const posted = bot.connector.posted(conv.id).slice(before2);
    expect(posted[0]!.text).toBe('Lokusmöte Tierp har startat. Dagordningen visas på kortet och uppdateras under mötet.');
    expect(posted.slice(1).map((a) => cardText(cardsOf(a)[0]!).split('\n')[0])).toEqual(['Pågående möte: Lokusmöte Tierp', 'Närvaro: Lokusmöte Tierp']);
  });
});
