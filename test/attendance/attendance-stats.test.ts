import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction } from '../support/cards.js';
import { checkInCard } from '../support/attendance-helpers.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, choiceValue, setUpTierp } from '../support/seed-group.js';
import { endMeeting } from '../support/meeting-steps.js';

const { marika, birgitta, marikaS, wictoria, nima, geli } = TIERP;
const clock = { now: new Date('2018-01-25T12:00:00Z') };
type Json = Record<string, any>;

/** One meeting held through the bot on `date`: planned, started, checked in by `present`, ended. */
async function holdMeeting(bot: TestBot, conv: A.Conversation, date: string, present: A.Person[], excused: A.Person[] = []) {
  clock.now = new Date(`${date}T12:00:00Z`);
  await bot.say(conv, marika, 'nytt möte idag 13-15 Regionens hus');
  await bot.say(conv, marika, 'starta möte');
  await bot.settle();
  const { card } = checkInCard(bot, conv);
  for (const p of present) answered(await bot.click(conv, p, card, 'Närvarande'));
  for (const p of excused) {
    const form = answered(await bot.click(conv, marika, card, 'Visa min närvaro'));
    answered(await bot.click(conv, marika, form, 'Spara närvaro', { memberId: choiceValue(form, 'memberId', new RegExp(`^${p.name}`)), status: 'excused' }));
  }
  await endMeeting(bot, conv, marika);
  await bot.settle();
}

describe('närvaro [från] [till]: statistics against the target, over real HTTP', () => {
  let bot: TestBot;
  const conv = A.channel('att-stats');
  const other = A.channel('att-stats-other');
  beforeAll(async () => {
    bot = await TestBot.start({ now: () => clock.now });
    await setUpTierp(bot, conv);
    const everyone = [marika, birgitta, marikaS, wictoria, nima, geli];
    // Three meetings; Arbetsförmedlingen (Wictoria) is away from one: 2 of 3 = 67 % < 85 %.
    await holdMeeting(bot, conv, '2018-01-25', everyone);
    await holdMeeting(bot, conv, '2018-03-16', everyone.filter((p) => p !== wictoria), [wictoria]);
    await holdMeeting(bot, conv, '2018-04-20', everyone);
    // Geli is kansli in a second group too.
    await setUpTierp(bot, other);
    await holdMeeting(bot, other, '2018-05-25', [marika, geli]);
    clock.now = new Date('2018-11-22T09:00:00Z');
  }, 60_000);
  afterAll(async () => bot.stop());

  it('flags the party below 85 % and lists every person', async () => {
    const r = await bot.say(conv, nima, 'närvaro 2018-01-01 2018-12-31');
    const card = cardsOf(r.replies[0])[0]!;
    const text = cardText(card);
    expect(text).toContain('Närvarostatistik: Tierp');
    // Missing the goal is a warning, not an error: the attention colour is for errors only.
    expect(JSON.stringify(card)).toContain('"text":"**Arbetsförmedlingen**: 2 av 3 möten (67 %) – under målet","color":"Warning"');
    expect(text).toContain('Period: 2018-01-01 – 2018-12-31');
    expect(text).toContain('Mål: varje part deltar på minst 85 % av kallade möten.');
    expect(text).toContain('3 hållna möten i perioden.');
    expect(text).toContain('**Arbetsförmedlingen**: 2 av 3 möten (67 %) – under målet');
    expect(text).toContain('**Region Uppsala**: 3 av 3 möten (100 %) – uppfyller målet');
    // The förbund's own staff (Marika, Geli) attend every meeting but are no party and not measured.
    expect(text).not.toContain('Samordningsförbundet');
    expect(text).not.toContain('Geli Lytter');
    expect(text).toContain('Wictoria Palmetorp (Arbetsförmedlingen): 2 av 3 möten (67 %)');
    expect(text).not.toContain('för alla dina grupper');
  });

  it('counts only the meetings in the period', async () => {
    const text = cardText(cardsOf((await bot.say(conv, nima, 'närvaro 1 mars till 30 april')).replies[0])[0]!);
    expect(text).toContain('2 hållna möten i perioden.');
    expect(text).toContain('**Arbetsförmedlingen**: 1 av 2 möten (50 %) – under målet');
  });

  it('the förbund office (kansli) sees all its groups', async () => {
    const text = cardText(cardsOf((await bot.say(conv, geli, 'närvaro 2018')).replies[0])[0]!);
    expect(text).toContain('Närvarostatistik för alla dina grupper');
    expect(text.match(/^Mål: /gm)).toHaveLength(2);
    expect(text).toContain('1 hållet möte i perioden.');
    expect(text).toContain('3 hållna möten i perioden.');
  });

  it('exports CSV behind a signed link that Excel opens; a changed link is refused', async () => {
    const card = cardsOf((await bot.say(conv, nima, 'närvaro 2018')).replies[0])[0]! as Json;
    const url = findAction(card, 'Ladda ner som CSV (öppnas i Excel)').action.url as string;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="narvaro-2018-01-01-2018-12-31.csv"');
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    const lines = body.split('\r\n');
    expect(lines[0]).toBe('\uFEFFGrupp;Möte;Datum;Namn;Organisation;Närvaro;Punkter;Ersättare för;Markerad av;Anslöt;Lämnade');
    expect(lines).toContain('Tierp;Lokusmöte Tierp;2018-03-16;Wictoria Palmetorp;Arbetsförmedlingen;Anmält förhinder;;;ordförande/sekreterare;;');
    expect(lines).toContain('Tierp;Lokusmöte Tierp;2018-01-25;Nima Najafi;Tierps kommun;Närvarande;;;själv;;');
    expect(lines.filter((l) => l.startsWith('Tierp;'))).toHaveLength(18);
    const forged = new URL(url);
    forged.searchParams.set('from', '2017-01-01');
    expect((await fetch(forged)).status).toBe(403);
  });

  it('refuses a CSV link whose end date, language or groups were changed', async () => {
    const linkOf = async (who: A.Person, text: string) =>
      new URL(findAction(cardsOf((await bot.say(conv, who, text)).replies[0])[0]! as Json, 'Ladda ner som CSV (öppnas i Excel)').action.url as string);
    const url = await linkOf(nima, 'närvaro 2018');
    expect((await fetch(url)).status).toBe(200);
    // Geli (kansli) gets a link for both her groups: the groups one could widen Nima's link to.
    const bothGroups = (await linkOf(geli, 'närvaro 2018')).searchParams.get('g')!;
    expect(bothGroups.split(',')).toHaveLength(2);
    expect(bothGroups.split(',')).toContain(url.searchParams.get('g'));
    const changed = (k: string, v: string | undefined) => {
      const u = new URL(url);
      if (v === undefined) u.searchParams.delete(k);
      else u.searchParams.set(k, v);
      return u;
    };
    const forgeries: Array<[string, URL]> = [
      ['to moved later', changed('to', '2019-12-31')],
      ['to moved earlier', changed('to', '2018-03-31')],
      ['to removed', changed('to', undefined)],
      ['lang sv → en', changed('lang', 'en')],
      ['g widened to both groups', changed('g', bothGroups)],
      ['g swapped for the other group', changed('g', bothGroups.split(',').find((g) => g !== url.searchParams.get('g'))!)],
    ];
    for (const [what, forged] of forgeries) {
      const res = await fetch(forged);
      expect(res.status, what).toBe(403);
      expect(await res.text(), what).not.toContain('Tierp;');
    }
  });

  it('refuses a period that cannot be read or ends before it starts', async () => {
    expect((await bot.say(conv, nima, 'närvaro 2018-06-30 2018-01-01')).replies[0]!.text).toBe('Från-datumet är efter till-datumet. Skriv till exempel **närvaro 2018-01-01 2018-12-31**.');
    expect((await bot.say(conv, nima, 'närvaro 30 februari 2018')).replies[0]!.text).toMatch(/^Datumet ”30 februari 2018” finns inte i kalendern/);
  });

  it('answers in English in a group set to English', async () => {
    await bot.click(conv, marika, cardsOf((await bot.say(conv, marika, 'grupp')).replies[0])[0]!, 'Spara', { language: 'en' });
    const r = await bot.say(conv, A.person('Nima Najafi', 'sv-SE'), 'attendance 2018');
    expect(cardText(cardsOf(r.replies[0])[0]!)).toContain('**Arbetsförmedlingen**: 2 of 3 meetings (67 %) – below the target');
  });
});
