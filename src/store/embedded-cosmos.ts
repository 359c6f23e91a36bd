import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { answerAsCosmos, fixPatches } from './embedded-fixes.js';

/**
 * TEST HOOKS ONLY (fault tests): make the embedded server unreachable or throttling, keeping its data.
 * Nothing in the bot calls these.
 */
export interface EmbeddedCosmosFaults {
  /** Stops listening and drops every connection: clients get ECONNREFUSED. */
  stopServer(): Promise<void>;
  /** Listens again on the same port with the same data. */
  restartServer(): Promise<void>;
  /** Answers the next `count` requests with 429 (retry after `retryAfterMs`). */
  throttleNext(count: number, retryAfterMs?: number): void;
}

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  faultsForTests: EmbeddedCosmosFaults;
  /** Called after every request that changed data has been answered. */
  onWrite(listener: () => void): void;
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);

function isWrite(req: http.IncomingMessage): boolean {
  if (WRITE_METHODS.has(req.method ?? '')) return true;
  if (req.method !== 'POST') return false;
  const isQuery = String(req.headers['x-ms-documentdb-isquery'] ?? '').toLowerCase() === 'true'
    || String(req.headers['content-type'] ?? '').startsWith('application/query+json');
  return !isQuery;
}

/**
 * Starts @vercel/cosmosdb-server in this process on loopback, over plain HTTP (its bundled TLS
 * certificate has expired) with keep-alive. The bot talks to it through the real @azure/cosmos SDK.
 */
export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedCosmos> {
  fixPatches();
  const server = createHttpServer({ keepAlive: true });
  server.keepAliveTimeout = 65_000;
  const listeners: Array<() => void> = [];
  // The fault hooks sit in front of cosmosdb-server's own request handler.
  const cosmosHandlers = server.listeners('request') as Array<(req: http.IncomingMessage, res: http.ServerResponse) => void>;
  server.removeAllListeners('request');
  let throttle = { count: 0, retryAfterMs: 1 };
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (throttle.count > 0) {
      throttle.count--;
      res.writeHead(429, { 'content-type': 'application/json', 'x-ms-retry-after-ms': String(throttle.retryAfterMs), 'x-ms-substatus': '3200' });
      res.end(JSON.stringify({ code: 'TooManyRequests', message: 'Request rate is large (injected by a test)' }));
      return;
    }
    answerAsCosmos(req, res);
    for (const h of cosmosHandlers) h(req, res);
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!isWrite(req)) return;
    res.on('finish', () => {
      if (res.statusCode < 300) for (const l of listeners) l();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  const faultsForTests: EmbeddedCosmosFaults = {
    stopServer: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    async restartServer() {
      // cosmosdb-server makes a fresh, empty account on 'listening'; keep the one holding the data.
      server.removeAllListeners('listening');
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(actual, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    throttleNext(count, retryAfterMs = 1) {
      throttle = { count, retryAfterMs };
    },
  };
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    key: 'embedded-cosmos-has-no-secret',
    faultsForTests,
    onWrite: (l) => void listeners.push(l),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
