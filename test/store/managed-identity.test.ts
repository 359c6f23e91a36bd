import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { createLogger } from '../../src/app/log.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded/start.js';
import { openStore } from '../../src/store/open-store.js';

/** A TokenCredential that hands out one known token and remembers the scopes asked for. */
class FakeCredential implements TokenCredential {
  readonly scopes: string[] = [];
  constructor(readonly token: string) {}
  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.scopes.push(...[scopes].flat());
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

interface Seen {
  method: string;
  path: string;
  authorization: string;
}

/**
 * A recording HTTPS proxy in front of the embedded Cosmos server. The SDK refuses bearer tokens
 * over plain HTTP, so the proxy speaks TLS (with the test certificate cosmosdb-server ships) and
 * forwards in plain HTTP. It rewrites the account's endpoint so the SDK keeps talking to it.
 */
async function recordingProxy(target: EmbeddedCosmos): Promise<{ endpoint: string; seen: Seen[]; close(): Promise<void> }> {
  const dir = path.dirname(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server/package.json'));
  const upstream = new URL(target.endpoint);
  const seen: Seen[] = [];
  let self = '';
  const server = https.createServer({ cert: readFileSync(path.join(dir, 'cert.pem')), key: readFileSync(path.join(dir, 'key.pem')) }, (req, res) => {
    seen.push({ method: req.method!, path: req.url!, authorization: decodeURIComponent(String(req.headers.authorization ?? '')) });
    const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      if (req.url !== '/') {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
        return;
      }
      // The database account names the server's own address as the endpoint to use; name ours.
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8').replaceAll(`:${upstream.port}/`, `:${new URL(self).port}/`);
        const { 'content-length': _length, ...headers } = answer.headers;
        res.writeHead(answer.statusCode!, { ...headers, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  self = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    endpoint: self,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('Cosmos DB with Entra ID (managed identity): COSMOS_ENDPOINT and no COSMOS_KEY', () => {
  let cosmos: EmbeddedCosmos;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let tlsSetting: string | undefined;

  beforeAll(async () => {
    // The proxy's certificate is a self-signed test one; this test file runs in its own process.
    tlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    cosmos = await startEmbeddedCosmos();
    proxy = await recordingProxy(cosmos);
  });
  afterAll(async () => {
    await proxy.close();
    await cosmos.close();
    if (tlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tlsSetting;
  });

  it('signs every request with the token of the credential passed in and never with a key', async () => {
    const config = loadConfig({ COSMOS_ENDPOINT: proxy.endpoint, COSMOS_DATABASE: 'mi' });
    expect(config.cosmos).toEqual({ mode: 'remote', endpoint: proxy.endpoint, key: undefined, database: 'mi' });
    const credential = new FakeCredential('token-from-the-managed-identity');

    const store = await openStore(config.cosmos, createLogger('silent'), credential);
    try {
      expect(store.describe()).toBe('Cosmos DB at 127.0.0.1:' + new URL(proxy.endpoint).port + ' (Entra ID auth)');
      await store.domain.items.create({ id: 'm1', groupId: 'g1', type: 'probe' });
      const { resource } = await store.domain.item('m1', 'g1').read();
      expect(resource?.type).toBe('probe');
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
    }

    // The requests reached Cosmos through the proxy: database, containers, the write and the read
    // (no account lookup: endpoint discovery is off, see src/store/cosmos-client.ts).
    expect(proxy.seen.map((s) => `${s.method} ${s.path}`)).toEqual(
      expect.arrayContaining(['GET /dbs/mi', 'POST /dbs/mi/colls/domain/docs', 'GET /dbs/mi/colls/domain/docs/m1']),
    );
    for (const s of proxy.seen) {
      expect(s.authorization, `${s.method} ${s.path}`).toBe('type=aad&ver=1.0&sig=token-from-the-managed-identity');
    }
    expect(proxy.seen.some((s) => /type=master/i.test(s.authorization))).toBe(false);
    // The token was asked for the account's own audience.
    expect(new Set(credential.scopes)).toEqual(new Set([`https://127.0.0.1:${new URL(proxy.endpoint).port}/.default`]));
  });
});
