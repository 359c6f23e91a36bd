import type { CosmosClient } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import path from 'node:path';
import type { Config } from '../app/config.js';
import type { Logger } from '../app/log.js';
import { ensureContainers, type Containers } from './containers.js';
import { createCosmosClient } from './cosmos-client.js';
import type { EmbeddedCosmos, EmbeddedCosmosFaults } from './embedded/start.js';

export interface Store extends Containers {
  client: CosmosClient;
  /** True when Cosmos answers. */
  ping(): Promise<boolean>;
  /** Closes connections (and the embedded server, compacting its data folder). */
  close(): Promise<void>;
  describe(): string;
  /** TEST HOOKS ONLY: fault injection on the embedded server (undefined against a real account). */
  faultsForTests?: EmbeddedCosmosFaults;
}

/** Opens Cosmos: the configured account, or with none configured an embedded server with its data on disk. */
export async function openStore(cosmos: Config['cosmos'], log: Logger, credential?: TokenCredential): Promise<Store> {
  let embedded: EmbeddedCosmos | undefined;
  let client: CosmosClient;
  let description: string;

  if (cosmos.mode === 'embedded') {
    // Loaded only here: against a real account the embedded server is never needed.
    const { startEmbeddedCosmos } = await import('./embedded/start.js');
    const dataDir = path.resolve(cosmos.dataDir);
    embedded = await startEmbeddedCosmos({ dataDir, database: cosmos.database, log: (level, fields, msg) => log[level](fields, msg) });
    log.info({ dataDir, documents: embedded.documents }, 'embedded Cosmos data loaded');
    client = await createCosmosClient({ endpoint: embedded.endpoint, key: embedded.key });
    description = `embedded Cosmos DB at ${embedded.endpoint}, data in ${dataDir}`;
  } else {
    client = await createCosmosClient({ endpoint: cosmos.endpoint, key: cosmos.key, credential });
    description = `Cosmos DB at ${new URL(cosmos.endpoint).host} (${cosmos.key ? 'key' : 'Entra ID'} auth)`;
  }

  let containers: Containers;
  try {
    containers = await ensureContainers(client, cosmos.database);
  } catch (err) {
    client.dispose();
    await embedded?.close();
    throw err;
  }
  return {
    ...containers,
    client,
    describe: () => description,
    faultsForTests: embedded?.faultsForTests,
    async ping() {
      // A silent Cosmos is down too: the answer comes within 2.5 s whatever the request does.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2_500)));
      try {
        return await Promise.race([containers.database.read().then(() => true), late]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      client.dispose();
      await embedded?.close();
    },
  };
}
