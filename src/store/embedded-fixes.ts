import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Params = { query: string; parameters?: Array<{ name: string; value: unknown }> };
type Doc = { _rid?: string } | null | undefined;
interface ItemsLike {
  _data: Map<string, unknown>;
  query(params: Params, options: unknown): unknown;
}
interface PatchInput {
  id: string;
  partitionKey: unknown;
  condition?: string;
}
interface CollectionLike {
  document(id: string, partition: unknown): { read(): Doc };
}
type PatchOperation = (collection: CollectionLike, input: PatchInput) => unknown;

/** The query @vercel/cosmosdb-server builds to check a patch's condition on its document. */
const CONDITION_QUERY = /^SELECT \* FROM c WHERE c\.id = @id AND \(/;
let installed = false;
/** The document whose patch condition is being checked, and the condition as sent (set only during that call). */
let patching: string | undefined;
let condition: string | undefined;
const FROM_C_WHERE = /^\s*from\s+c\s+where\s/i;

/**
 * @vercel/cosmosdb-server checks a conditional patch (`FROM c WHERE …`) by running
 * `SELECT * FROM c WHERE c.id = @id AND (…)` over every document in the container: one check-in
 * costs a scan of the whole database (300 ms with 10,000 documents, on the bot's own event loop in
 * the embedded default), and a document with the same id in another partition can satisfy it.
 * Cosmos DB checks the one document being patched; so does this, by running that query over that
 * document only. It also lower-cases the whole condition before running it, so `c.at = "…T08:00Z"`
 * never matched; Cosmos DB compares as written, and so does this, with the condition as sent. The
 * server is synchronous from reading the document to writing it, so the swap is safe.
 */
export function checkPatchConditionsOnOneDocument(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const Items = (require('@vercel/cosmosdb-server/lib/account/items.js') as { default: { prototype: ItemsLike } }).default;
  const patches = require('@vercel/cosmosdb-server/lib/handler/_patch-operations.js') as { patchOperation: PatchOperation };
  const { parsePartitionKey } = require('@vercel/cosmosdb-server/lib/utils/get-partition-from-header.js') as { parsePartitionKey(header: unknown, id: string): unknown };

  const patchOperation = patches.patchOperation;
  patches.patchOperation = (collection, input) => {
    patching = collection.document(input.id, parsePartitionKey(input.partitionKey, input.id)).read()?._rid;
    condition = input.condition;
    try {
      return patchOperation(collection, input);
    } finally {
      patching = undefined;
      condition = undefined;
    }
  };

  const query = Items.prototype.query;
  Items.prototype.query = function (this: ItemsLike, params: Params, options: unknown) {
    if (patching === undefined || typeof params?.query !== 'string' || !CONDITION_QUERY.test(params.query)) return query.call(this, params, options);
    const all = this._data;
    const item = all.get(patching);
    this._data = new Map(item ? [[patching, item]] : []);
    const asSent = condition && FROM_C_WHERE.test(condition) ? conditionQuery(condition, params) : params;
    try {
      return query.call(this, asSent, options);
    } finally {
      this._data = all;
    }
  };
}

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

/**
 * The condition as sent, its string literals passed as parameters: the server parses every new query
 * text (milliseconds each) and keeps it forever, and conditions naming a member or a time are all
 * different. As parameters they share one parsed query. Object constants (`{"id": "…"}`) must stay
 * constant: such a condition is passed as written.
 */
function conditionQuery(condition: string, params: Params): Params {
  const parameters = [...(params.parameters ?? [])];
  const where = condition.replace(FROM_C_WHERE, '').trim();
  if (where.includes('{')) return { query: `SELECT * FROM c WHERE c.id = @id AND (${where})`, parameters };
  const parameterized = where.replace(STRING_LITERAL, (literal) => {
    const name = `@lit${parameters.length}`;
    const body = literal.slice(1, -1);
    parameters.push({ name, value: literal.startsWith('"') ? (JSON.parse(literal) as string) : body.replace(/\\(.)/g, '$1') });
    return name;
  });
  return { query: `SELECT * FROM c WHERE c.id = @id AND (${parameterized})`, parameters };
}

/**
 * A point read with If-None-Match answers 304 with no body when the document's ETag still matches,
 * as Cosmos DB does (the server only does this for its change feed). Call it for every request,
 * before the server's own handler.
 */
export function answerNotModified(req: IncomingMessage, res: ServerResponse): void {
  const tag = req.headers['if-none-match'];
  if (req.method !== 'GET' || !tag || req.headers['a-im']) return;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (res.statusCode === 200 && res.getHeader('etag') === tag) {
      res.statusCode = 304;
      res.removeHeader('content-type');
      return end();
    }
    return end(...args);
  }) as ServerResponse['end'];
}
