import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosClient } from '@azure/cosmos';
import { createCosmosClient } from '../../src/store/cosmos-client.js';
import { ensureContainers, type Containers } from '../../src/store/containers.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded/start.js';

/** The embedded server deletes documents past their time to live, as Azure Cosmos DB does. */
describe('time to live on the embedded server', () => {
  let server: EmbeddedCosmos;
  let client: CosmosClient;
  let c: Containers;

  beforeAll(async () => {
    server = await startEmbeddedCosmos({ ttlSweepMs: 100 });
    client = await createCosmosClient({ endpoint: server.endpoint, key: server.key });
    c = await ensureContainers(client, 'ttl');
  });
  afterAll(async () => {
    client.dispose();
    await server.close();
  });

  it('deletes a document whose own ttl has passed, keeps one without, and ignores ttl where the container has none', async () => {
    await c.bot.items.create({ id: 'short', pk: 'short', ttl: 1 });
    await c.bot.items.create({ id: 'week', pk: 'week', ttl: 604_800 });
    await c.bot.items.create({ id: 'forever', pk: 'forever' });
    // The domain container has no defaultTtl: TTL is off there, whatever a document says.
    await c.domain.items.create({ id: 'kept', groupId: 'g1', ttl: 1 });
    await new Promise((r) => setTimeout(r, 2_300));
    expect((await c.bot.item('short', 'short').read()).statusCode).toBe(404);
    expect((await c.bot.item('week', 'week').read()).resource?.id).toBe('week');
    expect((await c.bot.item('forever', 'forever').read()).resource?.id).toBe('forever');
    expect((await c.domain.item('kept', 'g1').read()).resource?.id).toBe('kept');
  });
});
