/**
 * The embedded Cosmos DB server in its own process (in production Cosmos is remote, so it must not
 * share the bot's event loop). Counts requests and RU charge for the parent.
 */
import type http from 'node:http';
import { fixPatches } from '../../src/store/embedded/cosmos-fidelity.js';
import { createCosmosServer } from '../../src/store/embedded/cosmos-server.js';
import { scopeQueriesToPartitions } from '../../src/store/embedded/partition-scope.js';
import { newAccount } from '../../src/store/embedded/records.js';
import { serveChild } from './ipc.js';

let requests = 0;
let connections = 0;
let requestCharge = 0;
let byKind: Record<string, number> = {};
/** Slowest requests per kind (ms from request to response finish): shows a scan on a hot path. */
let slowest: Record<string, number> = {};

/** "GET docs", "POST docs (query)", "PATCH docs": the method and the resource type of the path. */
function kindOf(req: http.IncomingMessage): string {
  const parts = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean);
  const resource = parts.length === 0 ? 'account' : parts.length % 2 === 1 ? parts[parts.length - 1]! : parts[parts.length - 2]!;
  const query = String(req.headers['x-ms-documentdb-isquery'] ?? '').toLowerCase() === 'true'
    || String(req.headers['content-type'] ?? '').startsWith('application/query+json');
  return `${req.method} ${resource}${query ? ' (query)' : ''}`;
}

// The same server as the embedded default's thread runs (keep-alive, 304 for unchanged reads, no body
// for `return=minimal`, conditional patches on their one document, partition-scoped queries), in
// memory only: production has no journal here.
fixPatches();
scopeQueriesToPartitions();
const { server } = createCosmosServer(newAccount('127.0.0.1', 0));
server.on('connection', () => connections++);
server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
  requests++;
  const kind = kindOf(req);
  byKind[kind] = (byKind[kind] ?? 0) + 1;
  const t0 = performance.now();
  res.on('finish', () => {
    const ms = performance.now() - t0;
    if (ms > (slowest[kind] ?? 0)) slowest[kind] = ms;
    const charge = Number(res.getHeader('x-ms-request-charge'));
    if (Number.isFinite(charge)) requestCharge += charge;
  });
});

await serveChild(
  server,
  () => ({ requests, connections, requestCharge, byKind: { ...byKind }, slowest: { ...slowest } }),
  () => {
    requests = 0;
    connections = 0;
    requestCharge = 0;
    byKind = {};
    slowest = {};
  },
);
