import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { TestBot } from '../support/test-bot.js';
import { claimIdOf } from '../../src/store/activity-claims.js';

describe('a redelivered activity is processed once', () => {
  let bot: TestBot;
  const anna = A.person('Anna Andersson');
  const conv = A.channel('once-team');

  beforeAll(async () => {
    bot = await TestBot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('answers a message once when Teams delivers it three times', async () => {
    const activity = A.message(conv, anna, bot.serviceUrl, 'hjälp');
    const first = await bot.post(activity);
    const again = await Promise.all([bot.post(activity), bot.post(activity)]);
    expect(first.status).toBe(200);
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(first.replies).toHaveLength(1);
    expect(again.flatMap((r) => r.replies)).toHaveLength(0);
  });

  it('processes the same text again when it is a new activity (another id)', async () => {
    const a = await bot.say(conv, anna, 'hjälp');
    const b = await bot.say(conv, anna, 'hjälp');
    expect(a.replies).toHaveLength(1);
    expect(b.replies).toHaveLength(1);
  });

  it('answers a redelivered card action with the answer the first delivery got', async () => {
    const press = A.cardAction(conv, anna, bot.serviceUrl, 'no.such.verb', { meetingId: 'm1' });
    const first = await bot.post(press);
    const concurrent = await Promise.all([bot.post(press), bot.post(press)]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('känns inte igen') });
    for (const r of concurrent) {
      expect(r.status).toBe(200);
      expect(r.body).toEqual(first.body);
    }
    const id = claimIdOf({ channelId: 'msteams', conversationId: conv.id, activityId: press.id, activityType: press.type });
    const claim = await bot.lokus.deps.activityClaims.get(id);
    expect(claim).toMatchObject({ state: 'done', activityType: 'invoke:adaptiveCard/action', invokeResponse: { status: 200, body: first.body } });
    expect(JSON.stringify(claim)).not.toContain('m1');
  });

  it('lets a retry through when the first delivery failed', async () => {
    const activity = A.message(conv, anna, bot.serviceUrl, 'hjälp');
    // The reply and then the error message are refused (400 is not retried): the turn fails.
    bot.connector.failNext = { count: 2, status: 400 };
    const failed = await bot.post(activity);
    expect(failed.replies).toHaveLength(0);
    const retried = await bot.post(activity);
    expect(retried.replies).toHaveLength(1);
    const again = await bot.post(activity);
    expect(again.replies).toHaveLength(0);
  });
});
