import type { CosmosClient } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { ensureContainers, type Containers } from './containers.js';
import { createCosmosClient } from './cosmos-client.js';
import type { EmbeddedCosmos, EmbeddedCosmosFaults } from './embedded-cosmos.js';
import { createPersistence, loadSnapshot, snapshotPath, type Persistence } from './snapshot.js';

export interface Store extends Containers {
  client: CosmosClient;
  /** True when Cosmos answers. */
  ping(): Promise<boolean>;
  /** Saves pending data (embedded mode) and closes connections. */
  close(): Promise<void>;
  /** Saves pending data now (embedded mode; no-op against a real account). */
  flush(): Promise<void>;
  describe(): string;
  /** TEST HOOKS ONLY: fault injection on the embedded server (undefined against a real account). */
  faultsForTests?: EmbeddedCosmosFaults;
}

/** Opens Cosmos: the configured account, or with none configured an embedded server persisted to disk. */
export async function openStore(cosmos: Config['cosmos'], log: Logger, credential?: TokenCredential): Promise<Store> {
  let embedded: EmbeddedCosmos | undefined;
  let persistence: Persistence | undefined;
  let client: CosmosClient;
  let description: string;

  if (cosmos.mode === 'embedded') {
    // Loaded only here: against a real account the embedded server (≈ 0.1 s, 30 MB) is never needed.
    const { startEmbeddedCosmos } = await import('./embedded-cosmos.js');
    embedded = await startEmbeddedCosmos();
    client = await createCosmosClient({ endpoint: embedded.endpoint, key: embedded.key });
    const file = snapshotPath(cosmos.dataDir);
    const { database } = await client.databases.createIfNotExists({ id: cosmos.database });
    try {
      const loaded = await loadSnapshot(file, database);
      log.info({ file, documents: loaded }, 'embedded Cosmos data loaded');
    } catch (err) {
      await embedded.close();
      throw err;
    }
    persistence = createPersistence(file, database, log);
    const p = persistence;
    embedded.onWrite(() => p.markDirty());
    description = `embedded Cosmos DB at ${embedded.endpoint}, data in ${file}`;
  } else {
    client = await createCosmosClient({ endpoint: cosmos.endpoint, key: cosmos.key, credential });
    description = `Cosmos DB at ${new URL(cosmos.endpoint).host} (${cosmos.key ? 'key' : 'Entra ID'} auth)`;
  }

  const containers = await ensureContainers(client, cosmos.database);
  return {
    ...containers,
    client,
    describe: () => description,
    faultsForTests: embedded?.faultsForTests,
    async ping() {
      try {
        await containers.database.read();
        return true;
      } catch {
        return false;
      }
    },
    async flush() {
      await persistence?.flush();
    },
    async close() {
      await persistence?.flush();
      client.dispose();
      await embedded?.close();
    },
  };
}
