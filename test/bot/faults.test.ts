import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';

const DB_DOWN = 'Lokus når inte databasen just nu. Försök igen om en stund.';

describe('faults: Cosmos down or throttling, the Bot Connector failing', () => {
  let bot: TestBot;
  const lines: string[] = [];
  const anna = A.person('Anna Andersson');
  const conv = A.channel('fault-team');
  const health = async () => (await fetch(`${bot.url}/healthz`)).status;
  const textOf = (r: { replies: Array<Record<string, any>> }) => r.replies.map((a) => a.text ?? (cardsOf(a).length ? '[card]' : ''));

  beforeAll(async () => {
    bot = await TestBot.start({ logTo: (l) => void lines.push(l) });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('tells the user when Cosmos is unreachable, for messages and card actions, and recovers by itself', async () => {
    const faults = bot.lokus.store.faultsForTests!;
    expect(textOf(await bot.say(conv, anna, 'hjälp'))).toEqual(['[card]']);
    expect(await health()).toBe(200);

    await faults.stopServer();
    expect(await health()).toBe(503);
    const failedId = A.nextActivityId();
    const message = await bot.post(A.message(conv, anna, bot.serviceUrl, 'hjälp', { id: failedId }));
    expect(message.status).toBe(200);
    expect(textOf(message)).toEqual([DB_DOWN]);
    const press = await bot.post(A.cardAction(conv, anna, bot.serviceUrl, 'some.verb', {}));
    expect(press.status).toBe(200);
    expect(press.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: DB_DOWN });

    await faults.restartServer();
    expect(await health()).toBe(200);
    expect(textOf(await bot.say(conv, anna, 'hjälp'))).toEqual(['[card]']);
    // The message that failed while Cosmos was down is processed when Teams delivers it again.
    expect(textOf(await bot.post(A.message(conv, anna, bot.serviceUrl, 'hjälp', { id: failedId })))).toEqual(['[card]']);
  });

  it('tells the user when Cosmos keeps throttling (429), then works again', async () => {
    const faults = bot.lokus.store.faultsForTests!;
    await faults.throttleNext(1_000);
    expect(textOf(await bot.say(conv, anna, 'hjälp'))).toEqual([DB_DOWN]);
    const press = await bot.post(A.cardAction(conv, anna, bot.serviceUrl, 'some.verb', {}));
    expect(press.body).toMatchObject({ value: DB_DOWN });
    await faults.throttleNext(0);
    expect(textOf(await bot.say(conv, anna, 'hjälp'))).toEqual(['[card]']);
  });

  it('rides out a short throttle without the user noticing (the SDK retries after Retry-After)', async () => {
    await bot.lokus.store.faultsForTests!.throttleNext(3);
    expect(textOf(await bot.say(conv, anna, 'hjälp'))).toEqual(['[card]']);
  });

  it('retries a reply the Bot Connector failed (5xx) and does not run the turn twice', async () => {
    const activity = A.message(conv, anna, bot.serviceUrl, 'hjälp');
    bot.connector.failNext = { count: 1, status: 503 };
    const before = bot.connector.calls.length;
    const r = await bot.post(activity);
    const calls = bot.connector.calls.slice(before);
    expect(calls.map((c) => c.kind)).toEqual(['other', 'reply']);
    expect(calls[0]!.body).toEqual({ failedWith: 503 });
    expect(r.replies).toHaveLength(1);
    // Teams retrying the same activity does not repeat the work.
    expect((await bot.post(activity)).replies).toHaveLength(0);
  });

  it('logs a reply the Bot Connector keeps refusing, and the user-visible turn error', async () => {
    lines.length = 0;
    bot.connector.failNext = { count: 2, status: 403 };
    await bot.say(conv, anna, 'hjälp');
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged).toContainEqual(expect.objectContaining({ level: 40, status: 403, msg: 'sending failed at the Bot Connector' }));
    expect(logged).toContainEqual(expect.objectContaining({ level: 50, msg: 'turn failed' }));
  });
});
