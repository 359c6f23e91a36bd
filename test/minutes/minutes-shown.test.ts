import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { tierpStarted } from '../support/attendance-helpers.js';
import { endMeeting } from '../support/meeting-steps.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered } from '../support/seed-group.js';

let clock = Date.parse('2018-03-16T12:00:00Z');
const now = () => new Date((clock += 1000));

describe('issue 25, point 5: the minutes as people read them', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now });
  });
  afterAll(async () => bot.stop());

  it('attendance one person per line with organisation, and `protokoll` shows the minnesanteckningar themselves under their own heading', async () => {
    const { conv, card } = await tierpStarted(bot, 'tierp-minutes-shown');
    for (const who of [TIERP.birgitta, TIERP.nima]) answered(await bot.click(conv, who, card, 'Närvarande'));
    await bot.say(conv, TIERP.marika, 'anteckning Inget att tillägga');
    await endMeeting(bot, conv, TIERP.birgitta);
    await bot.settle();

    // The secretary's draft: one person per line.
    const draft = cardText(bot.lastCard(A.personalChat(TIERP.marika).id));
    expect(draft).toContain('Närvarande:\n\nBirgitta Olsson, Region Uppsala\n\nNima Najafi, Tierps kommun');

    // `protokoll` in the channel: the minutes, headed as minnesanteckningar, with the export links.
    const shown = cardText(cardsOf((await bot.say(conv, TIERP.wictoria, 'protokoll')).replies[0])[0]!);
    expect(shown).toMatch(/^Minnesanteckningar: Lokusmöte Tierp, 2018-03-16\n/);
    expect(shown).toContain('Birgitta Olsson, Region Uppsala\n\nNima Najafi, Tierps kommun');
    expect(shown).toContain('**1. Föregående minnesanteckningar**\nInget att tillägga');
    expect(shown).toContain('Word (.docx)');
  });
});
