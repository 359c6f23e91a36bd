import { CosmosClient } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';

/**
 * How long one Cosmos request may take before the SDK aborts it (`connectionPolicy.requestTimeout`,
 * 60 s by default). A silent Cosmos then costs a turn about this long and the user gets "Lokus kan
 * inte nå databasen"; a turn whose claim must also be released on the way out waits twice (4 s),
 * still inside Teams' invoke deadline (about 5 s). Cosmos answers a point operation in milliseconds.
 */
export const COSMOS_REQUEST_TIMEOUT_MS = 2_000;

export interface CosmosConnection {
  endpoint: string;
  key?: string;
  /** Used when no key is given: in Azure, the app's managed identity. */
  credential?: TokenCredential;
}

/**
 * One client per process. The SDK's default agents keep sockets alive (4× throughput against
 * loopback); passing our own agent would also switch off its plain-HTTP allowance for loopback.
 *
 * Endpoint discovery is off: with it on, @azure/cosmos 4.9 answers a timed-out request with its
 * "timeout failover" retry (TimeoutFailoverRetryPolicy: up to 120 attempts, no pause, against the
 * same region when the account has only one, as infra/ deploys it), so a silent Cosmos would hold a
 * turn for 120 × the request timeout. Off, a timeout is final (no retry policy takes it) and every
 * request goes to the configured endpoint, which for a single-region account is that region.
 */
export async function createCosmosClient(conn: CosmosConnection): Promise<CosmosClient> {
  const auth = conn.key
    ? { key: conn.key }
    : { aadCredentials: conn.credential ?? (await defaultCredential()) };
  return new CosmosClient({
    endpoint: conn.endpoint,
    ...auth,
    connectionPolicy: { enableEndpointDiscovery: false, requestTimeout: COSMOS_REQUEST_TIMEOUT_MS },
  });
}

async function defaultCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}
