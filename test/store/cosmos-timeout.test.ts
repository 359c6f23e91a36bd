import { readFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COSMOS_REQUEST_TIMEOUT_MS, createCosmosClient } from '../../src/store/cosmos-client.js';
import { isCosmosUnavailable } from '../../src/store/cosmos-errors.js';

/**
 * An https "Cosmos account" (as in production) that describes itself and then answers nothing: it
 * counts the requests that hang. Over https the SDK would do endpoint discovery and, with it, retry
 * a timed-out read up to 120 times.
 */
describe('a Cosmos request that gets no answer', () => {
  let server: https.Server;
  let endpoint = '';
  let hanging = 0;
  let tlsSetting: string | undefined;

  beforeAll(async () => {
    // cosmosdb-server's test certificate (self-signed, expired); this file runs in its own process.
    tlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const dir = path.dirname(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server/package.json'));
    server = https.createServer({ cert: readFileSync(path.join(dir, 'cert.pem')), key: readFileSync(path.join(dir, 'key.pem')) }, (req, res) => {
      if (req.url !== '/') return void hanging++;
      const location = [{ name: 'Sweden Central', databaseAccountEndpoint: endpoint }];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'lokus', writableLocations: location, readableLocations: location, enableMultipleWritableLocations: false, userConsistencyPolicy: { defaultConsistencyLevel: 'Session' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (tlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tlsSetting;
  });

  it('fails once the request timeout has passed, without a retry, as "Cosmos unavailable", for reads, queries and writes', async () => {
    const client = await createCosmosClient({ endpoint, key: 'eA==' });
    const container = client.database('lokus').container('domain');
    // [name, operation, requests it sends: a query asks for its query plan beside the query itself]
    const operations: Array<[string, () => Promise<unknown>, number]> = [
      ['read', () => container.item('m1', 'g1').read(), 1],
      ['query', () => container.items.query({ query: 'SELECT * FROM c WHERE c.groupId = @g', parameters: [{ name: '@g', value: 'g1' }] }, { partitionKey: 'g1' }).fetchAll(), 2],
      ['create', () => container.items.create({ id: 'm1', groupId: 'g1' }), 1],
    ];
    try {
      for (const [name, operation, requests] of operations) {
        hanging = 0;
        const start = performance.now();
        const err = await operation().then(() => undefined, (e: unknown) => e);
        const ms = performance.now() - start;
        expect(isCosmosUnavailable(err), `${name}: ${String(err)}`).toBe(true);
        expect(ms, name).toBeGreaterThanOrEqual(COSMOS_REQUEST_TIMEOUT_MS - 50);
        expect(ms, name).toBeLessThan(COSMOS_REQUEST_TIMEOUT_MS + 1_000);
        expect(hanging, `${name}: requests sent, none retried`).toBe(requests);
      }
    } finally {
      client.dispose();
    }
  });
});
