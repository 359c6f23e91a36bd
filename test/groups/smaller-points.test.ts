import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, setUpTierp } from '../support/seed-group.js';

type Json = Record<string, any>;

/** Every Input.Toggle on a card, with what it shows as its label and its own text. */
function toggles(card: Json): Array<{ label: string; title: string }> {
  const out: Array<{ label: string; title: string }> = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (o.type === 'Input.Toggle') out.push({ label: o.label, title: o.title });
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

describe('issue 25, the smaller points', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start();
  });
  afterAll(async () => bot.stop());

  it('the welcome in a channel tells people to mention @Lokus', async () => {
    const conv = A.channel('welcome-mention');
    await bot.post(A.botAdded(conv, TIERP.marika, bot.serviceUrl));
    const welcome = bot.connector.posted(conv.id).map((a) => String(a.text)).find((t) => t.startsWith('Hej! Jag är Lokus'));
    expect(welcome).toContain('Skriv **@Lokus hjälp** för att komma igång – i en kanal nämner du mig först.');
  });

  it('each box in "Ändra gruppen" says its text once: a short label above, the sentence beside the box', async () => {
    const conv = A.channel('toggle-labels');
    await setUpTierp(bot, conv);
    const card = cardsOf((await bot.say(conv, TIERP.marika, 'grupp')).replies[0])[0]!;
    expect(toggles(card)).toEqual([
      { label: 'Anteckningar', title: 'Alla deltagare får anteckna' },
      { label: 'Godkännanden', title: 'Alla deltagare får begära godkännande' },
    ]);
  });
});
