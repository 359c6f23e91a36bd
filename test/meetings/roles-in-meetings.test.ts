import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { endMeeting } from '../support/meeting-steps.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, choiceValue, memberIdOn, setUpTierp } from '../support/seed-group.js';

type Json = Record<string, any>;
let clock = Date.parse('2026-12-06T09:00:00Z');
const now = () => new Date((clock += 1000));

/** The Tierp group with one more role given on the settings card, as the secretary gives it. */
async function tierpWithRole(bot: TestBot, conv: A.Conversation, who: A.Person, roles: string): Promise<void> {
  const settings = await setUpTierp(bot, conv);
  const saved = answered(await bot.click(conv, TIERP.marika, settings, 'Spara roll', { roleMemberId: memberIdOn(settings, who.name), roles, effective: 'now' }));
  expect(cardText(saved)).toContain(who.name);
}

/** Runs today's meeting through and ends it; the secretary's draft arrives in her personal chat. */
async function holdMeeting(bot: TestBot, conv: A.Conversation, chair: A.Person): Promise<Json> {
  await bot.say(conv, chair, 'starta möte');
  await bot.say(conv, TIERP.marika, 'anteckning Minnesanteckningarna lades till handlingarna.');
  await endMeeting(bot, conv, chair);
  await bot.settle();
  return bot.lastCard(A.personalChat(TIERP.marika).id);
}

describe('issue 25, point 2: the group\'s roles reach the meeting and its justering', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now });
  });
  afterAll(async () => bot.stop());

  it('Wictoria, justerare of the group, is the new meeting\'s justerare, and Skicka för justering goes to the chair and her', async () => {
    const conv = A.channel('tierp-roles-adjuster');
    await tierpWithRole(bot, conv, TIERP.wictoria, 'adjuster');
    const plan = cardsOf((await bot.say(conv, TIERP.marika, 'nytt möte idag 13-15 Kommunhuset')).replies[0])[0]!;
    const facts = cardText(plan);
    expect(facts).toContain('Ordförande Birgitta Olsson');
    expect(facts).toContain('Sekreterare Marika Blomgren');
    expect(facts).toContain('Justerare Wictoria Palmetorp');
    expect(facts).not.toContain('Obs!');

    const draft = await holdMeeting(bot, conv, TIERP.birgitta);
    const sent = answered(await bot.click(A.personalChat(TIERP.marika), TIERP.marika, draft, 'Skicka för justering'));
    expect(cardText(sent)).toContain('Skickat för justering till Birgitta Olsson, Wictoria Palmetorp.');
    expect(cardText(sent)).not.toContain('Obs!');
    await bot.settle();
    expect(cardText(bot.lastCard(A.personalChat(TIERP.wictoria).id))).toContain('Marika Blomgren har skickat protokollet för justering.');
    expect(cardText(bot.lastCard(A.personalChat(TIERP.birgitta).id))).toContain('Marika Blomgren har skickat protokollet för justering.');
  });

  it('warns on the planning card when the secretary would adjust her own minutes, and the warning goes once the chair picks a justerare', async () => {
    const conv = A.channel('tierp-roles-self');
    // Marika is secretary and also the group's only justerare.
    await tierpWithRole(bot, conv, TIERP.marika, 'secretary,kansli,adjuster');
    const planned = cardsOf((await bot.say(conv, TIERP.marika, 'nytt möte idag 13-15 Kommunhuset')).replies[0])[0]!;
    expect(cardText(planned)).toContain('Obs! Marika Blomgren är sekreterare och skulle justera sitt eget protokoll. Välj en justerare under **Ändra mötet**.');
    expect(cardText(planned)).toContain('Justerare Marika Blomgren');

    // The chair changes the justerare on the planning card: Wictoria instead.
    const saved = answered(await bot.click(conv, TIERP.birgitta, planned, 'Spara', { adjusterIds: choiceValue(planned, 'adjusterIds', 'Wictoria Palmetorp') }));
    expect(cardText(saved)).toContain('Justerare Wictoria Palmetorp');
    expect(cardText(saved)).not.toContain('Obs!');
  });

  it('warns when the justering would go only to the secretary (she is the chair too, no justerare)', async () => {
    const conv = A.channel('tierp-roles-chair-secretary');
    await tierpWithRole(bot, conv, TIERP.birgitta, 'member');
    const settings = cardsOf((await bot.say(conv, TIERP.marika, 'grupp')).replies[0])[0]!;
    answered(await bot.click(conv, TIERP.marika, settings, 'Spara roll', { roleMemberId: memberIdOn(settings, 'Marika Blomgren'), roles: 'chair,secretary,kansli', effective: 'now' }));
    const planned = cardsOf((await bot.say(conv, TIERP.marika, 'nytt möte idag 13-15 Kommunhuset')).replies[0])[0]!;
    expect(cardText(planned)).toContain('Obs! Marika Blomgren är sekreterare och skulle justera sitt eget protokoll.');
    const draft = await holdMeeting(bot, conv, TIERP.marika);
    const sent = answered(await bot.click(A.personalChat(TIERP.marika), TIERP.marika, draft, 'Skicka för justering'));
    expect(cardText(sent)).toContain('Skickat för justering till Marika Blomgren. Obs! Sekreteraren är den enda som justerar. Protokollet bör justeras av någon mer än den som skrev det.');
  });
});
