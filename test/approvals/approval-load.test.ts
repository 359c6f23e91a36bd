import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tally } from '../../src/approvals/domain/approval-tally.js';
import { groupIdOf } from '../../src/bot/context.js';
import * as A from '../support/activities.js';
import { cardText } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';
import { seedGroup, startRequest } from './approval-fixtures.js';

const clock = new Date('2018-01-29T08:00:00.000Z');
const MEMBERS = Array.from({ length: 100 }, (_, i) => A.person(`Ledamot ${String(i + 1).padStart(3, '0')}`));

describe('100 members answering at once, each clicking twice', () => {
  let bot: TestBot;
  const conv = A.channel('lokus-stor-grupp');
  beforeAll(async () => {
    bot = await TestBot.start({ now: () => clock });
    await seedGroup(bot, conv, clock, MEMBERS);
  });
  afterAll(() => bot.stop());

  it('keeps every answer exactly once, answers every invoke with a card, and the channel card ends exact', async () => {
    const req = await startRequest(bot, conv, { voters: MEMBERS, rule: 'all' });
    const card = req.card();
    const presses = MEMBERS.flatMap((p) => [p, p]).map((p) => bot.click(conv, p, card, 'Godkänn'));
    const results = await Promise.all(presses);
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(200));
    expect(results.filter((r) => !r.card)).toEqual([]);
    const texts = results.map((r) => cardText(r.card!));
    expect(texts.filter((x) => x.includes('Ditt godkännande är sparat.'))).toHaveLength(100);
    expect(texts.filter((x) => x.includes('Det svaret var redan sparat.'))).toHaveLength(100);

    const stored = (await bot.lokus.deps.approvals.get(groupIdOf(conv.tenantId, conv.id), req.approvalId))!.approval;
    expect(Object.values(stored.answers).map((m) => m.log.length)).toEqual(Array(100).fill(1));
    expect(tally(stored)).toMatchObject({ approve: 100, none: 0, total: 100 });
    expect(stored.status).toBe('approved');
    expect(stored.history.filter((h) => h.kind === 'outcome')).toHaveLength(1);

    await bot.idle();
    const final = cardText(req.card());
    expect(final).toContain('100 av 100 har godkänt.');
    expect(final).toContain('Godkänt');
    // Per-user refresh goes to at most 60 people (Teams' limit); the rest see the shared card.
    expect(req.card().refresh.userIds).toHaveLength(60);
  });
});
