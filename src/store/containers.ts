import type { Container, CosmosClient, Database } from '@azure/cosmos';

/** Container names and partition keys; infra/ and the Bicep cross-check read these. */
export const CONTAINERS = {
  /** All domain documents, one logical partition per group, told apart by `type`. */
  domain: { id: 'domain', partitionKey: '/groupId' },
  /**
   * Bot-framework-level records (activity de-duplication, scheduler leases). Per-item TTL is on
   * (defaultTtl -1: nothing expires unless it says so); activity claims expire after a week.
   */
  bot: { id: 'bot', partitionKey: '/pk', defaultTtl: -1 },
} as const;

export interface Containers {
  database: Database;
  domain: Container;
  bot: Container;
}

/** Creates the database and containers when missing and returns handles to them. */
export async function ensureContainers(client: CosmosClient, databaseId: string): Promise<Containers> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  const [domain, bot] = await Promise.all(
    [CONTAINERS.domain, CONTAINERS.bot].map(async (c) =>
      (await database.containers.createIfNotExists({
        id: c.id,
        partitionKey: { paths: [c.partitionKey] },
        ...('defaultTtl' in c ? { defaultTtl: c.defaultTtl } : {}),
      })).container,
    ),
  );
  return { database, domain: domain!, bot: bot! };
}
