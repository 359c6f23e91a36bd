import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { tierpStarted } from '../support/attendance-helpers.js';
import { cardText } from '../support/cards.js';
import { freshCosmos } from '../support/embedded.js';
import { FreezingProxy } from '../support/freezing-proxy.js';
import { TIERP, answered } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';

const DB_DOWN = 'Lokus når inte databasen just nu. Försök igen om en stund.';

/** How long `f` took, in ms, with what it gave. */
async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
}

describe('Cosmos stops answering (silent, not refusing)', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let proxy: FreezingProxy;
  let bot: TestBot;
  const { marika, nima } = TIERP;

  beforeAll(async () => {
    cosmos = await freshCosmos();
    proxy = await FreezingProxy.start(cosmos.server.endpoint);
    // Remote mode: the bot's Cosmos is the proxy in front of a Cosmos server of its own.
    bot = await TestBot.start({ env: { COSMOS_ENDPOINT: proxy.url, COSMOS_KEY: cosmos.server.key } });
  });
  afterAll(async () => {
    proxy?.unfreeze();
    await bot?.stop();
    await proxy?.close();
    await cosmos?.close();
  });

  it('a message, a card press and /healthz answer in time with the database message, and recover by themselves', async () => {
    const { conv, card, groupId, meeting } = await tierpStarted(bot, 'hang-team');
    const health = async () => (await fetch(`${bot.url}/healthz`)).status;
    expect(await health()).toBe(200);

    proxy.freeze();
    let held = proxy.held;
    const note = A.message(conv, marika, bot.serviceUrl, 'anteckning Budgeten för 2018 diskuterades');
    const said = await timed(() => bot.post(note));
    expect(said.value.status).toBe(200);
    expect(said.value.replies.map((r) => r.text)).toEqual([DB_DOWN]);
    expect(said.ms).toBeLessThan(5_000);
    expect(proxy.held, 'the message reached the silent Cosmos').toBeGreaterThan(held);

    held = proxy.held;
    const pressed = await timed(() => bot.click(conv, nima, card, 'Närvarande'));
    expect(pressed.value.status).toBe(200);
    expect(pressed.value.message).toBe(DB_DOWN);
    expect(pressed.ms).toBeLessThan(5_000);
    expect(proxy.held, 'the press reached the silent Cosmos').toBeGreaterThan(held);

    held = proxy.held;
    const checked = await timed(health);
    expect(checked.value).toBe(503);
    expect(checked.ms).toBeLessThan(3_000);
    expect(proxy.held).toBeGreaterThan(held);

    // Cosmos answers again: no restart, the same bot.
    proxy.unfreeze();
    await bot.settle();
    expect(await health()).toBe(200);
    // Teams delivers the failed message again: it is recorded now, once.
    expect((await bot.post(note)).replies.map((r) => r.text)).toEqual(['Antecknat under punkt 1.']);
    const mine = answered(await bot.click(conv, nima, card, 'Närvarande'));
    expect(cardText(mine)).toContain('Du är markerad som närvarande.');
    const stored = (await bot.lokus.deps.meetings.get(groupId, meeting.id))!;
    expect(stored.notes.map((n) => n.text)).toEqual(['Budgeten för 2018 diskuterades']);
  });
});
