import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, choiceValue, setUpTierp } from '../support/seed-group.js';
import { holdMeeting, steppingClock } from './follow-up-support.js';

type Json = Record<string, any>;
const { now, set: setClock } = steppingClock('2018-01-20T09:00:00Z');
const { marika, birgitta, wictoria, nima } = TIERP;

const AVVIKELSE = 'Lokusgruppen beslutade att skicka in en avvikelserapport till Samordningsförbundet och skjuta på insatsstarten till 1 mars 2018 med avslut 28 februari 2020.';
const GODKAND = 'Avvikelserapporten om insatsstart godkänns och Wictoria Palmetorp skriver under den.';
const SPRAK = 'Lokusgruppen ställer sig bakom en ansökan om språkstöd när kommunen har inkommit med ett skriftligt förslag.';
/** Eleven more decisions in March, so the log runs over one card. */
const MORE = Array.from({ length: 11 }, (_, i) => `Lokusgruppen beslutade att Granskning uppdrag del ${i + 1} genomförs enligt planeringen.`);

const entriesOn = (card: Json) => cardText(card).split('\n').filter((l) => /^\*\*\d{4}-\d\d-\d\d · /.test(l));

describe('beslutslogg over real HTTP: decisions of two meetings found by word, period and meeting, paged', () => {
  let bot: TestBot;
  const conv = A.channel('tierp-beslutslogg');

  beforeAll(async () => {
    bot = await TestBot.start({ now });
    await setUpTierp(bot, conv);
    await holdMeeting(bot, conv, marika, birgitta, setClock, {
      date: '2018-01-25',
      items: [
        { title: 'Samordnare/Partsamordnare, uppdrag och start', commands: [`beslut ${AVVIKELSE}`] },
        { title: 'Projektansökan, språkstödjare', commands: [`beslut ${SPRAK}`] },
      ],
    });
    await holdMeeting(bot, conv, marika, birgitta, setClock, {
      date: '2018-03-16',
      items: [{ title: 'Granskning uppdrag', commands: [`beslut ${GODKAND}`, ...MORE.map((d) => `beslut ${d}`)] }],
    });
    setClock('2018-03-20T09:00:00Z');
  }, 120_000);
  afterAll(async () => bot.stop());

  it('finds a word in its inflected forms, newest first, with meeting, date and item number', async () => {
    const card = cardsOf((await bot.say(conv, wictoria, 'beslutslogg avvikelserapport')).replies[0])[0]!;
    const text = cardText(card);
    expect(text).toContain('Beslutslogg: Tierp');
    expect(text).toContain('2 beslut, nyast först · sida 1 av 1');
    expect(entriesOn(card)).toEqual([
      '**2018-03-16 · Lokusmöte Tierp · punkt 2 Granskning uppdrag**',
      '**2018-01-25 · Lokusmöte Tierp · punkt 2 Samordnare/Partsamordnare, uppdrag och start**',
    ]);
    expect(text).toContain(GODKAND);
    expect(text).toContain(AVVIKELSE);
    expect(text).not.toContain(SPRAK);
    expect(text).toContain('Protokollet: skriv **protokoll 2018-01-25**.');
    const none = cardsOf((await bot.say(conv, wictoria, 'beslutslogg budget')).replies[0])[0]!;
    expect(cardText(none)).toContain('Inga beslut matchar sökningen.');
  });

  it('filters by period and by meeting from the card; a backwards period is refused with a reason', async () => {
    const log = cardsOf((await bot.say(conv, nima, 'beslutslogg')).replies[0])[0]!;
    const january = answered(await bot.click(conv, nima, log, 'Sök', { searchFrom: '2018-01-01', searchTo: '2018-01-31' }));
    expect(cardText(january)).toContain('2 beslut, nyast först · sida 1 av 1');
    expect(entriesOn(january).every((l) => l.startsWith('**2018-01-25'))).toBe(true);

    const byMeeting = answered(await bot.click(conv, nima, log, 'Sök', { searchMeetingId: choiceValue(log, 'searchMeetingId', /^2018-01-25/) }));
    expect(cardText(byMeeting)).toContain(SPRAK);
    expect(cardText(byMeeting)).not.toContain(GODKAND);

    const fromMeetingButton = answered(await bot.click(conv, nima, january, 'Visa mötets beslut'));
    expect(cardText(fromMeetingButton)).toContain('2 beslut');

    const backwards = answered(await bot.click(conv, nima, log, 'Sök', { searchFrom: '2018-03-01', searchTo: '2018-02-01' }));
    expect(cardText(backwards)).toContain('Perioden går baklänges: 2018-03-01 är efter 2018-02-01.');
  });

  it('pages beyond one card, keeping the filter', async () => {
    const first = cardsOf((await bot.say(conv, wictoria, 'beslutslogg')).replies[0])[0]!;
    expect(cardText(first)).toContain('14 beslut, nyast först · sida 1 av 2');
    expect(entriesOn(first)).toHaveLength(10);
    expect(() => findAction(first, 'Föregående sida')).toThrow();
    const second = answered(await bot.click(conv, wictoria, first, 'Nästa sida'));
    expect(cardText(second)).toContain('14 beslut, nyast först · sida 2 av 2');
    expect(entriesOn(second)).toHaveLength(4);
    expect(cardText(second)).toContain(AVVIKELSE);
    const seen = [...cardText(first).matchAll(/del (\d+) /g), ...cardText(second).matchAll(/del (\d+) /g)].map((m) => Number(m[1]));
    expect(seen.sort((a, b) => a - b)).toEqual(MORE.map((_, i) => i + 1));
    const back = answered(await bot.click(conv, wictoria, second, 'Föregående sida'));
    expect(cardText(back)).toContain('sida 1 av 2');

    const march = answered(await bot.click(conv, wictoria, first, 'Sök', { searchFrom: '2018-03-01' }));
    expect(cardText(march)).toContain('12 beslut, nyast först · sida 1 av 2');
    const marchTwo = answered(await bot.click(conv, wictoria, march, 'Nästa sida'));
    expect(entriesOn(marchTwo)).toHaveLength(2);
    expect(cardText(marchTwo)).not.toContain(AVVIKELSE);
  });

  it('a leader gives a decision a follow-up; it shows in the log; a plain member cannot set one', async () => {
    const log = cardsOf((await bot.say(conv, marika, 'beslutslogg avvikelserapport')).replies[0])[0]!;
    const saved = answered(
      await bot.click(conv, marika, log, 'Spara uppföljning', {
        decisionId: choiceValue(log, 'decisionId', /^2018-01-25/),
        responsibleId: choiceValue(log, 'responsibleId', 'Nima Najafi'),
        followUpDate: '2018-04-30',
        status: 'inProgress',
      }),
    );
    const text = cardText(saved);
    expect(text).toContain('Uppföljningen är sparad.');
    expect(text).toContain('Ansvarig Nima Najafi');
    expect(text).toContain('Uppföljning 2018-04-30');
    expect(text).toContain('Status Pågår');
    // The follow-up is carried to the next meeting's agenda.
    await bot.say(conv, marika, 'nytt möte 2018-04-20 kl 13-15 Regionens hus');
    const agenda = cardText(cardsOf((await bot.say(conv, wictoria, 'dagordning')).replies[0])[0]!);
    expect(agenda).toContain(`- Uppföljning av beslut: ${AVVIKELSE} (Nima Najafi, senast 2018-04-30, pågår)`);
    // Wictoria sees no follow-up form; pressing Marika's (forged) is refused and changes nothing.
    const hers = cardsOf((await bot.say(conv, wictoria, 'beslutslogg avvikelserapport')).replies[0])[0]!;
    expect(() => findAction(hers, 'Spara uppföljning')).toThrow();
    const refused = await bot.click(conv, wictoria, log, 'Spara uppföljning', { decisionId: choiceValue(log, 'decisionId', /^2018-01-25/), status: 'done' });
    expect(refused.message).toMatch(/^Du kan inte ändra uppföljningen av beslut\./);
  });
});
