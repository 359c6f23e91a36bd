import { CosmosClient, type Container } from '@azure/cosmos';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded/start.js';
import { createCosmosClient } from '../../src/store/cosmos-client.js';

/** A separate cosmosdb-server on loopback and an SDK client for it, for store-level tests. */
export async function freshCosmos(): Promise<{ server: EmbeddedCosmos; client: CosmosClient; container: (id?: string) => Promise<Container>; close(): Promise<void> }> {
  const server = await startEmbeddedCosmos();
  const client = await createCosmosClient({ endpoint: server.endpoint, key: server.key });
  const { database } = await client.databases.createIfNotExists({ id: 'test' });
  return {
    server,
    client,
    container: async (id = 'c') => (await database.containers.createIfNotExists({ id, partitionKey: { paths: ['/groupId'] } })).container,
    async close() {
      client.dispose();
      await server.close();
    },
  };
}
