import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosmosClient } from '@azure/cosmos';
import { ActivityClaims, type ActivityRef } from '../../src/store/activity-claims.js';
import { ensureContainers } from '../../src/store/containers.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded/start.js';
import { createCosmosClient } from '../../src/store/cosmos-client.js';

describe('ActivityClaims on the embedded Cosmos server', () => {
  let server: EmbeddedCosmos;
  let client: CosmosClient;
  let claims: ActivityClaims;
  const t0 = new Date('2026-03-16T12:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);
  let n = 0;
  const ref = (): ActivityRef => ({ channelId: 'msteams', conversationId: '19:x@thread.tacv2;messageid=1', activityId: `1700000000${++n}`, activityType: 'message' });

  beforeAll(async () => {
    server = await startEmbeddedCosmos();
    client = await createCosmosClient({ endpoint: server.endpoint, key: server.key });
    claims = new ActivityClaims((await ensureContainers(client, 'claims')).bot, 60_000);
  });
  afterAll(async () => {
    client.dispose();
    await server.close();
  });

  it('claims an activity once, even when ten deliveries race', async () => {
    const r = ref();
    const results = await Promise.all(Array.from({ length: 10 }, () => claims.claim(r, t0)));
    expect(results.filter((x) => x.claimed)).toHaveLength(1);
  });

  it('keeps the answer of a finished invoke for the redelivery', async () => {
    const r = { ...ref(), activityType: 'invoke:adaptiveCard/action' };
    const first = await claims.claim(r, t0);
    await claims.complete(first.id, r.activityType, t0.toISOString(), later(50), { status: 200, body: { ok: true } });
    const again = await claims.claim(r, later(100));
    expect(again).toMatchObject({ claimed: false, existing: { state: 'done', invokeResponse: { status: 200, body: { ok: true } } } });
  });

  it('lets a released claim be taken again', async () => {
    const r = ref();
    const first = await claims.claim(r, t0);
    await claims.release(first.id);
    await claims.release(first.id); // twice is fine
    expect((await claims.claim(r, later(10))).claimed).toBe(true);
  });

  it('takes over an invoke left running by a crashed process, but not a finished one', async () => {
    const crashed = { ...ref(), activityType: 'invoke:adaptiveCard/action' };
    await claims.claim(crashed, t0);
    expect((await claims.claim(crashed, later(30_000))).claimed).toBe(false);
    expect((await claims.claim(crashed, later(61_000))).claimed).toBe(true);
    const done = { ...ref(), activityType: 'invoke:adaptiveCard/action' };
    const c = await claims.claim(done, t0);
    await claims.complete(c.id, done.activityType, t0.toISOString(), later(10));
    expect((await claims.claim(done, later(3_600_000))).claimed).toBe(false);
  });

  it('keeps a message claim as taken with no done mark: an hour later it is still not processed again', async () => {
    const r = ref();
    const c = await claims.claim(r, t0);
    expect(await claims.get(c.id)).toMatchObject({ state: 'taken' });
    expect((await claims.claim(r, later(3_600_000))).claimed).toBe(false);
  });

  it('gives ids Cosmos accepts for any conversation and activity id', async () => {
    const r: ActivityRef = { channelId: 'msteams', conversationId: 'a:1/2\\3?4#5', activityId: 'f:1/x#y?z', activityType: 'message' };
    const c = await claims.claim(r, t0);
    expect(c.id).toMatch(/^act_[0-9a-f]{40}$/);
    expect(await claims.get(c.id)).toMatchObject({ state: 'taken', ttl: 604800 });
  });
});
