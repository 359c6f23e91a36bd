import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, groupIdFor, setUpTierp } from '../support/seed-group.js';
import { endMeeting } from '../support/meeting-steps.js';

/**
 * Issue 24: Azure Cosmos DB refuses items over 2 MB, so a meeting may not grow without bound. 300
 * long notes once made one meeting document 2.55 MB. A meeting now records at most 100 000 characters
 * of notes, decisions and action items (about 50 pages); past that the secretary is told where to
 * write the rest, and nothing is written.
 */
const NOW = new Date('2018-03-16T12:30:00Z');
const { marika } = TIERP;
const MB2 = 2 * 1024 * 1024;

describe('a meeting stays under Cosmos DB’s 2 MB', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now: () => NOW });
  });
  afterAll(async () => bot.stop());

  it('takes 300 long notes up to its bound, refuses the rest in words, and its documents stay under 2 MB', async () => {
    const conv = A.channel('tierp-many-notes');
    await setUpTierp(bot, conv);
    await bot.say(conv, marika, 'nytt möte idag 13-15 Regionens hus');
    await bot.say(conv, marika, 'starta möte');
    await bot.settle();
    const answers: string[] = [];
    for (let i = 1; i <= 300; i++) {
      const note = `Anteckning ${i}: ${'Parterna redogjorde för läget i sina verksamheter och för behovet av samordnade insatser. '.repeat(45)}`.slice(0, 4000);
      const r = await bot.say(conv, marika, `anteckning ${note}`);
      answers.push(String(r.replies[0]?.text ?? ''));
    }
    const refused = answers.filter((a) => a.startsWith('Texten får inte plats'));
    expect(answers.length - refused.length).toBe(25);
    expect(refused).toHaveLength(275);
    expect(refused[0]).toBe('Texten får inte plats: ett möte rymmer högst 100\u00a0000 tecken anteckningar, beslut och uppdrag. Skriv det som återstår direkt i protokollsutkastet när mötet är avslutat.');

    const meeting = (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'meeting')!;
    expect(meeting.notes).toHaveLength(25);
    expect(Buffer.byteLength(JSON.stringify(meeting))).toBeLessThan(MB2 / 4);

    await endMeeting(bot, conv, marika);
    await bot.settle();
    const docs = await bot.documents(groupIdFor(conv));
    const minutes = docs.find((d) => d.type === 'minutes')!;
    expect(minutes.doc.items.map((i: { body?: string; notes?: string[] }) => JSON.stringify(i)).join('')).toContain('Anteckning 25:');
    for (const d of docs) expect(Buffer.byteLength(JSON.stringify(d))).toBeLessThan(MB2 / 4);
  }, 120_000);
});
