import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { createLogger } from '../../src/app/log.js';
import { openStore } from '../../src/store/open-store.js';
import * as A from '../support/activities.js';
import { Connector } from '../support/connector.js';
import { groupIdFor } from '../support/seed-group.js';
import { spawnBot } from '../support/spawn-bot.js';

const KILLS = 5;
const CONCURRENT = 16;

/** Installs the bot in new teams, as fast as it answers, until stopped; returns the acknowledged ones. */
function installStream(url: string, serviceUrl: string, round: number) {
  const acknowledged: A.Conversation[] = [];
  let stopped = false;
  let n = 0;
  const by = A.person('Anna Andersson');
  const worker = async () => {
    while (!stopped) {
      const conv = A.channel(`crash-${round}-${n++}`);
      try {
        const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(A.botAdded(conv, by, serviceUrl)) });
        if (res.status === 200) acknowledged.push(conv);
      } catch {
        // The bot was killed while this one was under way: never acknowledged.
      }
    }
  };
  const all = Promise.all(Array.from({ length: CONCURRENT }, worker));
  return { acknowledged, stop: () => ((stopped = true), all) };
}

describe('the embedded default after a crash (kill -9)', () => {
  it(`finds every acknowledged write after ${KILLS} kills in the middle of a stream of writes`, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lokus-crash-'));
    const connector = await new Connector().start();
    const cosmos = loadConfig({ LOKUS_DATA_DIR: dataDir }).cosmos;
    const everything: A.Conversation[] = [];
    for (let round = 0; round < KILLS; round++) {
      const bot = await spawnBot({ LOKUS_DATA_DIR: dataDir });
      const stream = installStream(bot.url, connector.url, round);
      // Killed at a different moment each round, while writes are in flight (counted from the first
      // acknowledged one: a busy machine can take a while over a fresh process's first answers).
      for (let waited = 0; stream.acknowledged.length === 0 && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 400 + round * 150));
      await bot.stop('SIGKILL');
      await stream.stop();
      expect(stream.acknowledged.length, `round ${round}: writes acknowledged before the kill`).toBeGreaterThan(5);
      everything.push(...stream.acknowledged);

      // What a restart finds on disk: every team installed in any round so far, with its welcome.
      const store = await openStore(cosmos, createLogger('silent'));
      const missing: string[] = [];
      for (const conv of everything) {
        const [ref, welcome] = await Promise.all([store.domain.item('conversation', groupIdFor(conv)).read(), store.domain.item('welcome', groupIdFor(conv)).read()]);
        if (ref.resource?.reference?.conversation?.id !== conv.id || !welcome.resource) missing.push(conv.id);
      }
      await store.close();
      expect(missing, `round ${round}: acknowledged installs lost`).toEqual([]);
    }
    // The restarted bot serves again on the same folder.
    const bot = await spawnBot({ LOKUS_DATA_DIR: dataDir });
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(await bot.stop('SIGTERM')).toBe(0);
    await connector.stop();
    console.log(`crash test: ${everything.length} acknowledged installs over ${KILLS} kills, 0 lost`);
  }, 120_000);
});
