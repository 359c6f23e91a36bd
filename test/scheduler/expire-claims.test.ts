import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimIdOf } from '../../src/store/activity-claims.js';
import * as A from '../support/activities.js';
import { TestBot } from '../support/test-bot.js';

/** The embedded server ignores Cosmos DB's TTL; the scheduler deletes week-old claims in its place. */
describe('activity claims expire after a week on the embedded server', () => {
  let bot: TestBot;
  const clock = { now: new Date('2026-03-02T08:00:00Z') };
  const conv = A.channel('claims-expire');
  const anna = A.person('Anna Andersson');
  const claimOf = (activity: { id: string }) => bot.lokus.deps.activityClaims.get(claimIdOf({ channelId: 'msteams', conversationId: conv.id, activityId: activity.id, activityType: 'message' }));

  beforeAll(async () => {
    bot = await TestBot.start({ now: () => clock.now });
  });
  afterAll(async () => bot.stop());

  it('keeps a claim for a week, deletes it after, and keeps the newer ones', async () => {
    const old = A.message(conv, anna, bot.serviceUrl, 'hjälp');
    expect((await bot.post(old)).replies).toHaveLength(1);
    clock.now = new Date('2026-03-08T08:00:00Z');
    await bot.lokus.deps.scheduler.tick();
    expect(await claimOf(old)).toMatchObject({ state: 'taken' });

    const recent = A.message(conv, anna, bot.serviceUrl, 'hjälp');
    await bot.post(recent);
    clock.now = new Date('2026-03-09T09:00:00Z');
    const report = await bot.lokus.deps.scheduler.tick();
    expect(report.ran['activityClaim.expire']).toBe(1);
    expect(await claimOf(old)).toBeUndefined();
    expect(await claimOf(recent)).toMatchObject({ state: 'taken' });
  });
});
