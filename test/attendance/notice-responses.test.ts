import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { checkInCard } from '../support/attendance-helpers.js';
import { endMeeting } from '../support/meeting-steps.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, choiceValue, groupIdFor, setUpTierp } from '../support/seed-group.js';

type Json = Record<string, any>;
let clock = Date.parse('2018-03-16T08:00:00Z');
const now = () => new Date((clock += 1000));

describe('issue 25, point 6: members act on the notice', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now });
  });
  afterAll(async () => bot.stop());

  it('Wictoria reports förhinder, Nima sends Karin as ersättare; the check-in card and närvaro count them', async () => {
    const conv = A.channel('tierp-notice-responses');
    const settings = await setUpTierp(bot, conv);
    answered(await bot.click(conv, TIERP.marika, settings, 'Lägg till', { memberName: 'Karin Häll', memberOrganisation: 'Tierps kommun', memberRole: 'substitute' }));
    const plan = cardsOf((await bot.say(conv, TIERP.marika, 'nytt möte idag 13-15 Regionens hus')).replies[0])[0]!;
    answered(await bot.click(conv, TIERP.marika, plan, 'Skicka kallelse'));
    await bot.settle();
    const notice = bot.lastCard(conv.id);
    expect(cardText(notice)).toMatch(/^Kallelse: /);

    const excused = await bot.click(conv, TIERP.wictoria, notice, 'Anmäl förhinder');
    expect(excused.message).toBe('Ditt förhinder till Lokusmöte Tierp är anmält.');
    const sent = await bot.click(conv, TIERP.nima, notice, 'Anmäl ersättaren', { substituteId: choiceValue(notice, 'substituteId', 'Karin Häll') });
    expect(sent.message).toBe('Karin Häll är anmäld som din ersättare till Lokusmöte Tierp, och ditt förhinder är anmält.');
    const meeting = (await bot.documents(groupIdFor(conv))).find((d: Json) => d.type === 'meeting')!;
    const idOf = (name: string) => choiceValue(notice, 'substituteId', name);
    expect(meeting.attendance[idOf('Wictoria Palmetorp')]).toMatchObject({ status: 'excused', source: 'self' });
    expect(meeting.attendance[idOf('Nima Najafi')]).toMatchObject({ status: 'excused', source: 'self' });
    expect(meeting.attendance[idOf('Karin Häll')]).toMatchObject({ status: 'substitute', substituteFor: idOf('Nima Najafi'), byName: 'Nima Najafi' });

    // The meeting starts: the check-in card already counts them.
    await bot.say(conv, TIERP.birgitta, 'starta möte');
    await bot.settle();
    const checkIn = cardText(checkInCard(bot, conv).card);
    expect(checkIn).toContain('**Arbetsförmedlingen** 0 av 1\n- Wictoria Palmetorp: anmält förhinder');
    expect(checkIn).toContain('**Tierps kommun** 1 av 1\n- Nima Najafi: anmält förhinder\n- Karin Häll: ersättare för Nima Najafi');

    // Once the meeting runs, the notice's buttons change nothing: Birgitta, checked in, cannot be made
    // Marika Söderberg's ersättare, and a late förhinder does not undo her own check-in.
    answered(await bot.click(conv, TIERP.birgitta, checkInCard(bot, conv).card, 'Närvarande'));
    const before = (await bot.documents(groupIdFor(conv))).find((d: Json) => d.type === 'meeting')!.attendance;
    const late = await bot.click(conv, TIERP.marikaS, notice, 'Anmäl ersättaren', { substituteId: idOf('Birgitta Olsson') });
    expect(late.message).toBe('Mötet har redan börjat. Säg till ordföranden eller sekreteraren, som markerar närvaron på närvarokortet.');
    const lateExcuse = await bot.click(conv, TIERP.birgitta, notice, 'Anmäl förhinder');
    expect(lateExcuse.message).toBe('Mötet har redan börjat. Säg till ordföranden eller sekreteraren, som markerar närvaron på närvarokortet.');
    expect((await bot.documents(groupIdFor(conv))).find((d: Json) => d.type === 'meeting')!.attendance).toEqual(before);
    await endMeeting(bot, conv, TIERP.birgitta);
    await bot.settle();
    const stats = cardText(cardsOf((await bot.say(conv, TIERP.marika, 'närvaro 2018-01-01 2018-12-31')).replies[0])[0]!);
    // Tierps kommun's seat was filled by the ersättare; Arbetsförmedlingen's was not.
    expect(stats).toContain('**Tierps kommun**: 1 av 1 möten (100 %) – uppfyller målet');
    expect(stats).toContain('**Arbetsförmedlingen**: 0 av 1 möten (0 %) – under målet');
    expect(stats).toContain('Wictoria Palmetorp (Arbetsförmedlingen): 0 av 1 möten (0 %) · anmält förhinder 1 gång');
    expect(stats).toContain('Nima Najafi (Tierps kommun): 0 av 1 möten (0 %) · anmält förhinder 1 gång');
  });
});
