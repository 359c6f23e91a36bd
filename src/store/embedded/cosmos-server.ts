import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ItemTooLargeError, limitItemSize } from './item-size.js';
import { withinPartition } from './partition-scope.js';
import type { Account } from './records.js';
import { packageModule } from './package-internals.js';

type Handler = (account: Account, req: http.IncomingMessage, res: http.ServerResponse, params: Record<string, string>) => unknown;
type Body = (Record<string, unknown> & { _etag?: string; message?: string }) | undefined;

const route = packageModule<{ default: (req: http.IncomingMessage) => [Record<string, string>, Handler] | undefined }>('routes.js').default;

/** What the package answers when query metrics are asked for (the SDK reads them). */
const QUERY_METRICS = 'totalExecutionTimeInMs=0.00;queryCompileTimeInMs=0.00;queryLogicalPlanBuildTimeInMs=0.00;queryPhysicalPlanBuildTimeInMs=0.00;queryOptimizationTimeInMs=0.00;VMExecutionTimeInMs=0.00;indexLookupTimeInMs=0.00;documentLoadTimeInMs=0.00;systemFunctionExecuteTimeInMs=0.00;userFunctionExecuteTimeInMs=0.00;retrievedDocumentCount=0;retrievedDocumentSize=0;outputDocumentCount=1;outputDocumentSize=0;writeOutputTimeInMs=0.00;indexUtilizationRatio=0.00';

export interface ServeOptions {
  /** Waits until every change made so far is on disk; undefined when it already is. */
  durable?: () => Promise<void> | undefined;
  onError?: (err: Error) => void;
}

export interface TestFaults {
  /** Answers the next `count` requests with 429 (retry after `retryAfterMs`). */
  throttleNext(count: number, retryAfterMs: number): void;
}

/**
 * An HTTP server speaking the Cosmos DB protocol over `account`, with @vercel/cosmosdb-server's
 * routes and handlers. The answer is held until the change it made (and any before it) is durable,
 * so that nothing is acknowledged, or seen by another request, before it is on disk. Answers as
 * Azure Cosmos DB does where the package does not: 304 for a read whose If-None-Match still holds,
 * and no body for a write sent with `Prefer: return=minimal`, and 413 for a write that would store an
 * item over 2 MB (item-size.ts).
 */
export function createCosmosServer(account: Account, options: ServeOptions = {}): { server: http.Server; faults: TestFaults } {
  limitItemSize();
  let throttle = { count: 0, retryAfterMs: 1 };
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    if (throttle.count > 0) {
      throttle.count--;
      res.writeHead(429, { 'content-type': 'application/json', 'x-ms-retry-after-ms': String(throttle.retryAfterMs), 'x-ms-substatus': '3200' });
      res.end(JSON.stringify({ code: 'TooManyRequests', message: 'Request rate is large (injected by a test)' }));
      return;
    }
    answer(account, req, res, options).catch((err: Error) => {
      options.onError?.(err);
      if (!res.headersSent) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'ServiceUnavailable', message: `The embedded Cosmos DB cannot save data: ${err.message}` }));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  return { server, faults: { throttleNext: (count, retryAfterMs) => void (throttle = { count, retryAfterMs }) } };
}

async function answer(account: Account, req: http.IncomingMessage, res: http.ServerResponse, options: ServeOptions): Promise<void> {
  const found = route(req);
  let body: Body;
  if (!found) {
    res.statusCode = 400;
    body = { message: 'no route' };
  } else {
    try {
      body = (await withinPartition(req, () => found[1](account, req, res, found[0]))) as Body;
    } catch (err) {
      if (err instanceof ItemTooLargeError) {
        res.statusCode = 413;
        body = { code: 'RequestEntityTooLarge', message: err.message };
      } else {
        options.onError?.(err as Error);
        res.statusCode = 500;
        body = { message: (err as Error).message };
      }
    }
  }
  if (res.statusCode > 399 && body && !body.message) body.message = '';
  const waiting = options.durable?.();
  if (waiting) await waiting;

  if (body?._etag) res.setHeader('etag', body._etag);
  res.setHeader('content-location', `https://${req.headers.host}${req.url}`);
  res.setHeader('connection', 'keep-alive');
  res.setHeader('x-ms-activity-id', randomUUID());
  res.setHeader('x-ms-request-charge', '1');
  if (req.headers['x-ms-documentdb-populatequerymetrics']) res.setHeader('x-ms-documentdb-query-metrics', QUERY_METRICS);
  const notModified = req.method === 'GET' && res.statusCode === 200 && !!req.headers['if-none-match'] && req.headers['if-none-match'] === body?._etag && !req.headers['a-im'];
  const minimal = /^(POST|PUT|PATCH)$/.test(req.method ?? '') && res.statusCode < 300 && /\breturn=minimal\b/i.test(String(req.headers.prefer ?? ''));
  if (notModified) res.statusCode = 304;
  if (notModified || minimal || res.statusCode === 204) {
    res.end();
    return;
  }
  if (req.headers['a-im'] && res.statusCode === 200) {
    // The change feed, as the package answers it.
    if (req.headers['if-none-match']) res.statusCode = 304;
    res.setHeader('etag', '1');
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}
