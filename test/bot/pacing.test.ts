import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { Connector } from '../support/connector.js';
import { TestBot } from '../support/test-bot.js';
import { ConversationPacing, TEAMS_LIMITS } from '../../src/bot/conversation-pacing.js';

/** Teams' published limits per bot and conversation, as Teams counts them. */
const TEAMS = [
  { ms: 1_000, count: 7 },
  { ms: 2_000, count: 8 },
  { ms: 30_000, count: 60 },
];

/** The most sends any window of `ms` holds, over sorted times. */
function busiest(times: number[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('pacing what the bot sends to one conversation (Teams’ rate limits)', () => {
  it('books 300 sends at once within every one of Teams’ windows, in order, and each conversation on its own', () => {
    let clock = 0;
    const pacing = new ConversationPacing(TEAMS_LIMITS, () => clock);
    const starts = Array.from({ length: 300 }, () => pacing.reserve('19:channel@thread.tacv2'));
    for (const { ms, count } of TEAMS) expect(busiest(starts, ms)).toBeLessThanOrEqual(count);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    // Spread, not stalled: 300 at 60 per 30 s starts its fifth 60 after four windows, and those take
    // 15 s at 8 per 2 s.
    expect(starts.at(-1)!).toBeLessThan(4 * 30_100 + 16_000);
    expect(pacing.reserve('a:personal-chat')).toBe(0);
    clock = 10 * 3_600_000;
    expect(pacing.reserve('19:channel@thread.tacv2')).toBe(0);
  });

  it('holds a conversation (a 429’s Retry-After): nothing there starts sooner, a thread reply neither; other conversations go on', () => {
    let clock = 0;
    const pacing = new ConversationPacing(TEAMS_LIMITS, () => clock);
    pacing.hold('19:channel@thread.tacv2;messageid=7', 1_000);
    expect(pacing.reserve('19:channel@thread.tacv2')).toBe(1_000);
    expect(pacing.reserve('a:personal-chat')).toBe(0);
    clock = 2_000;
    expect(pacing.reserve('19:channel@thread.tacv2')).toBe(0);
  });

  it('sends one at a time per conversation, in order: the next starts when the one before has its answer', async () => {
    const pacing = new ConversationPacing(TEAMS_LIMITS);
    const log: string[] = [];
    const slow = (name: string, ms: number) => async () => {
      log.push(`${name} starts`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name} answered`);
      return name;
    };
    const answers = await Promise.all([
      pacing.send('19:channel', slow('first', 60)),
      pacing.send('19:channel;messageid=7', slow('second', 1)),
      pacing.send('a:personal', slow('elsewhere', 1)),
    ]);
    expect(answers).toEqual(['first', 'second', 'elsewhere']);
    expect(log.indexOf('second starts')).toBeGreaterThan(log.indexOf('first answered'));
    expect(log.indexOf('elsewhere starts')).toBeLessThan(log.indexOf('first answered'));
  });

  describe('over HTTP, against a connector that refuses what Teams refuses', () => {
    let bot: TestBot;
    beforeAll(async () => {
      const connector = await new Connector({ teamsRateLimits: true }).start();
      bot = await TestBot.start({ connector, paceLimits: TEAMS_LIMITS });
    });
    afterAll(async () => {
      await bot.stop();
      await bot.connector.stop();
    });

    it('delivers all of 300 replies in a burst to one channel, paced within the limits, after a 429 with Retry-After', async () => {
      const conv = A.channel('pacing-burst');
      const member = A.person('Birgitta Olsson');
      bot.connector.failNext = { count: 1, status: 429, retryAfter: 2 };
      const t0 = performance.now();
      const answers = await Promise.all(Array.from({ length: 300 }, () => bot.say(conv, member, 'hjälp')));
      expect(answers.every((a) => a.status === 200)).toBe(true);

      const delivered = bot.connector.calls.filter((c) => (c.kind === 'reply' || c.kind === 'send') && c.conversationId === conv.id);
      expect(delivered).toHaveLength(300);
      // The injected 429, and at most a few Teams' own limits refused: a machine under load can start a
      // send late and the next on time, so they arrive closer than they left. Without the pacing,
      // over 200 of the 300 were refused.
      const refused = bot.connector.calls.filter((c) => c.kind === 'other' && c.conversationId === conv.id && c.body?.failedWith === 429);
      expect(refused.length).toBe(1 + bot.connector.throttled.length);
      expect(bot.connector.throttled.length).toBeLessThanOrEqual(6);

      const times = delivered.map((c) => c.at!).sort((a, b) => a - b);
      const perSecond = new Map<number, number>();
      for (const t of times) perSecond.set(Math.floor((t - t0) / 1000), (perSecond.get(Math.floor((t - t0) / 1000)) ?? 0) + 1);
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(7);
      for (const { ms, count } of TEAMS) expect(busiest(times, ms)).toBeLessThanOrEqual(count);
    }, 240_000);
  });
});
