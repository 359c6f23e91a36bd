import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
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
  const server = createHttpServer();
  server.keepAliveTimeout = 65_000;
  const listeners: Array<() => void> = [];
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
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    key: 'embedded-cosmos-has-no-secret',
    onWrite: (l) => void listeners.push(l),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
