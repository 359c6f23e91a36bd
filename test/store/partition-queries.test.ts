import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container, CosmosClient } from '@azure/cosmos';
import { createCosmosClient } from '../../src/store/cosmos-client.js';
import { ensureContainers } from '../../src/store/containers.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded/start.js';

/** A query for one partition reads that logical partition only, as in Azure Cosmos DB. */
describe('queries with a partition key on the embedded server', () => {
  let server: EmbeddedCosmos;
  let client: CosmosClient;
  let domain: Container;
  const ids = async (query: string, partitionKey?: string) =>
    (await domain.items.query<string>(query, partitionKey ? { partitionKey } : {}).fetchAll()).resources.sort();

  beforeAll(async () => {
    server = await startEmbeddedCosmos();
    client = await createCosmosClient({ endpoint: server.endpoint, key: server.key });
    domain = (await ensureContainers(client, 'partitions')).domain;
    for (const g of ['g1', 'g2']) for (const n of [1, 2]) await domain.items.create({ id: `m${n}-${g}`, groupId: g, type: 'meeting' });
  });
  afterAll(async () => {
    client.dispose();
    await server.close();
  });

  it('answers from the named partition only, and from all without one', async () => {
    expect(await ids("SELECT VALUE c.id FROM c WHERE c.type = 'meeting'", 'g1')).toEqual(['m1-g1', 'm2-g1']);
    expect(await ids("SELECT VALUE c.id FROM c WHERE c.type = 'meeting'")).toEqual(['m1-g1', 'm1-g2', 'm2-g1', 'm2-g2']);
    expect(await ids('SELECT VALUE c.id FROM c', 'g3')).toEqual([]);
  });

  it('follows replaces, patches and deletes', async () => {
    await domain.item('m1-g2', 'g2').replace({ id: 'm1-g2', groupId: 'g2', type: 'meeting', title: 'ny' });
    await domain.item('m2-g2', 'g2').patch([{ op: 'set', path: '/title', value: 'lappad' }]);
    await domain.item('m1-g1', 'g1').delete();
    expect(await ids("SELECT VALUE c.title FROM c WHERE IS_DEFINED(c.title)", 'g2')).toEqual(['lappad', 'ny']);
    expect(await ids('SELECT VALUE c.id FROM c', 'g1')).toEqual(['m2-g1']);
  });
});
