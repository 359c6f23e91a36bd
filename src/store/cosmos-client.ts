import { CosmosClient } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';

export interface CosmosConnection {
  endpoint: string;
  key?: string;
  /** Used when no key is given: in Azure, the app's managed identity. */
  credential?: TokenCredential;
}

/**
 * One client per process. The SDK's default agents keep sockets alive (4× throughput against
 * loopback); passing our own agent would also switch off its plain-HTTP allowance for loopback.
 */
export async function createCosmosClient(conn: CosmosConnection): Promise<CosmosClient> {
  const url = new URL(conn.endpoint);
  const auth = conn.key
    ? { key: conn.key }
    : { aadCredentials: conn.credential ?? (await defaultCredential()) };
  return new CosmosClient({
    endpoint: conn.endpoint,
    ...auth,
    connectionPolicy: { enableEndpointDiscovery: url.protocol !== 'http:' },
  });
}

async function defaultCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}
