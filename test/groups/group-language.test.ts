import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, setUpTierp } from '../support/seed-group.js';

/**
 * One language per shared thing (issue 24): the group's channel cards, notices and minutes speak the
 * group's language (Swedish unless set on the group card), whoever acts and whatever their Teams
 * client says; a person's own personal chat speaks theirs.
 */
const NOW = new Date('2018-03-16T11:00:00Z');
const { marika, birgitta, nima } = TIERP;
const english = (p: A.Person): A.Person => ({ ...p, locale: 'en-US' });

describe('the group’s language on shared cards', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await TestBot.start({ now: () => NOW });
  });
  afterAll(async () => bot.stop());

  it('keeps a Swedish group’s channel cards, notice and minutes Swedish when English-locale members act', async () => {
    const conv = A.channel('tierp-sv-with-en');
    await setUpTierp(bot, conv);
    const plan = cardsOf((await bot.say(conv, english(marika), 'new meeting 16 March 13-15 Regionens hus')).replies[0])[0]!;
    expect(cardText(plan)).toContain('Lokusmöte Tierp är planerat till fredag 16 mars 2018 kl. 13.00–15.00.');
    expect(cardText(plan)).not.toContain('is planned for');

    const noticed = await bot.click(conv, english(marika), plan, 'Skicka kallelse');
    expect(cardText(answered(noticed))).toContain('Kallelse');
    await bot.settle();

    // The meeting is planned for today: it starts without a question, and its cards are Swedish.
    const started = await bot.say(conv, english(birgitta), 'start meeting');
    const posted = started.replies.flatMap((r) => cardsOf(r)).map(cardText).join('\n');
    expect(posted).toContain('Pågående möte');
    expect(posted).not.toMatch(/Meeting in progress|Current item/);
    await bot.settle();
    const checkIn = bot.connector.posted(conv.id).map((a) => cardsOf(a)[0]).filter((c) => c && cardText(c).startsWith('Närvaro:'));
    expect(checkIn.length).toBeGreaterThan(0);
    const pressed = await bot.click(conv, english(nima), checkIn.at(-1)!, 'Närvarande');
    expect(cardText(answered(pressed))).toContain('Närvaro:');

    await bot.say(conv, english(birgitta), 'note Vi diskuterade rotationen av ordförandeskapet.');
    // Items nobody took up: the question comes in the group's Swedish, and she answers it.
    const question = cardsOf((await bot.say(conv, english(birgitta), 'end meeting')).replies[0])[0]!;
    expect(cardText(question)).toMatch(/^Avsluta .*\?/);
    await bot.click(conv, english(birgitta), question, 'Avsluta mötet');
    await bot.settle();
    const draft = bot.lastCard(A.personalChat(marika).id);
    expect(cardText(draft)).toContain('Minnesanteckningar');
    expect(cardText(draft)).not.toContain('Notes from');

    // In her own personal chat, the English-locale member gets English.
    const help = await bot.say(A.personalChat(nima), english(nima), 'help');
    expect(JSON.stringify(help.replies)).toMatch(/\bmeeting\b/i);
    expect(JSON.stringify(help.replies)).not.toContain('Skriv');
  });

  it('speaks English in a group set to English, to a Swedish-locale chair too', async () => {
    const conv = A.channel('tierp-en');
    let settings = await setUpTierp(bot, conv);
    expect(cardText(settings)).toContain('Språk Svenska');
    settings = answered(await bot.click(conv, marika, settings, 'Spara', { language: 'en' }));
    expect(cardText(settings)).toContain('Language English');
    expect(cardText(settings)).toContain('The settings are saved.');

    const plan = cardsOf((await bot.say(conv, marika, 'nytt möte 16 mars 13-15 Regionens hus')).replies[0])[0]!;
    expect(cardText(plan)).toContain('Lokus meeting Tierp is planned for Friday 16 March 2018, 13:00–15:00.');
    const refused = await bot.say(conv, nima, 'nytt möte 20 mars');
    expect(refused.replies[0]!.text).toMatch(/^You cannot plan or change meetings\./);
  });
});
