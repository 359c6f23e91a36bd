import { createRequire } from 'node:module';

type Params = { query: string; parameters?: Array<{ name: string; value: unknown }> };
interface ItemsLike {
  _data: Map<string, unknown>;
  query(params: Params, options: unknown): unknown;
}
interface PatchInput {
  id: string;
  partitionKey: unknown;
  condition?: string;
  ifMatch?: string;
  operations: Op[];
}
type Op = { op: string; path: string; value?: unknown };
type Obj = Record<string, unknown>;
interface CollectionLike {
  document(id: string, partition: unknown): { read(): (Obj & { _rid?: string; _etag?: string }) | null | undefined };
  documents: { replace(data: Obj, original: Obj): Obj; query(params: Params, options: unknown): { result: unknown[] } };
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
 * Patches in @vercel/cosmosdb-server, made to behave (and cost) as in Cosmos DB; install once, before
 * serving. Conditions: see below; several operations under one object: `asOneOperation`.
 *
 * @vercel/cosmosdb-server checks a conditional patch (`FROM c WHERE …`) by running
 * `SELECT * FROM c WHERE c.id = @id AND (…)` over every document in the container: one check-in
 * costs a scan of the whole database (300 ms with 10,000 documents, on the bot's own event loop in
 * the embedded default), and a document with the same id in another partition can satisfy it.
 * Cosmos DB checks the one document being patched; so does this, by running that query over that
 * document only. It also lower-cases the whole condition before running it, so `c.at = "…T08:00Z"`
 * never matched; Cosmos DB compares as written, and so does this, with the condition as sent. The
 * server is synchronous from reading the document to writing it, so the swap is safe.
 */
export function fixPatches(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const Items = (require('@vercel/cosmosdb-server/lib/account/items.js') as { default: { prototype: ItemsLike } }).default;
  const patches = require('@vercel/cosmosdb-server/lib/handler/_patch-operations.js') as { patchOperation: PatchOperation };
  const { parsePartitionKey } = require('@vercel/cosmosdb-server/lib/utils/get-partition-from-header.js') as { parsePartitionKey(header: unknown, id: string): unknown };

  const patchOperation = patches.patchOperation;
  patches.patchOperation = (collection, input) => {
    const doc = collection.document(input.id, parsePartitionKey(input.partitionKey, input.id)).read();
    patching = doc?._rid;
    condition = input.condition;
    const operations = asOneOperation(doc, input.operations);
    try {
      return setOneField(collection, doc, input, operations) ?? patchOperation(collection, operations === input.operations ? input : { ...input, operations });
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
    const asSent = condition && FROM_C_WHERE.test(condition) ? conditionQueries(condition, params) : [params];
    try {
      // The conjuncts in turn: the condition holds when each returns its row.
      let answer: unknown;
      for (const q of asSent) {
        answer = query.call(this, q, options);
        if ((answer as { result?: unknown[] } | null)?.result?.length === 0) break;
      }
      return answer;
    } finally {
      this._data = all;
    }
  };
}

/**
 * One `set` of a field, or of a field of an object field (`/attendance/m_1`), as the server would do
 * it, but without its deep copy of the whole document (a 40 KB meeting for every check-in): the new
 * version shares what did not change with the old one, which the server never changes in place.
 * Undefined for anything else, and whenever the server would refuse or fail (missing document,
 * If-Match): the server's own patch then answers.
 */
function setOneField(collection: CollectionLike, doc: (Obj & { _etag?: string }) | null | undefined, input: PatchInput, operations: Op[]): { statusCode: number; body: unknown } | undefined {
  if (!doc || (input.ifMatch && input.ifMatch !== doc._etag) || operations.length !== 1) return undefined;
  const [o] = operations;
  const path = o!.path.split('/').slice(1);
  if (o!.op !== 'set' || path.length < 1 || path.length > 2 || path.some((seg) => seg === '' || seg.includes('~') || seg === 'id' || seg.startsWith('_'))) return undefined;
  const [field, sub] = path as [string, string | undefined];
  const parent = doc[field];
  if (sub !== undefined && (!parent || typeof parent !== 'object' || Array.isArray(parent))) return undefined;
  if (input.condition && !FROM_C_WHERE.test(input.condition)) return undefined;
  if (input.condition) {
    try {
      // The server's own query shape, so it goes through the one-document check above, as the server's would.
      const found = collection.documents.query({ query: `SELECT * FROM c WHERE c.id = @id AND (${input.condition.replace(FROM_C_WHERE, '')})`, parameters: [{ name: '@id', value: input.id }] }, {});
      if (found.result.length === 0) return { statusCode: 412, body: { code: 'PreconditionFailed', message: 'Condition specified in the patch request is not satisfied.' } };
    } catch {
      return undefined;
    }
  }
  const next: Obj = { ...doc, [field]: sub === undefined ? o!.value : { ...(parent as Obj), [sub]: o!.value } };
  try {
    return { statusCode: 200, body: collection.documents.replace(next, doc) };
  } catch {
    return undefined;
  }
}

/**
 * The server deep-copies the whole document for every operation of a patch: three operations on a
 * voter's answers copy a 40 KB request three times, and a hundred answers at once queue behind it.
 * Operations that `set` or `add` (append with `-`) under one object are applied here to a copy of
 * that object and sent on as one `set` of it. This runs inside the server's synchronous handler,
 * right before it checks If-Match and the condition on the same document, so nothing can come in
 * between. Anything else (other operations, array indexes, escaped names, no common object) goes
 * to the server as sent.
 */
function asOneOperation(doc: Obj | null | undefined, operations: Op[]): Op[] {
  if (!doc || !Array.isArray(operations) || operations.length < 2 || !operations.every((o) => (o.op === 'set' || o.op === 'add') && typeof o.path === 'string')) return operations;
  const paths = operations.map((o) => o.path.split('/').slice(1));
  if (paths.some((p) => p.length < 2 || p.some((seg) => seg === '' || seg.includes('~')))) return operations;
  const shortest = Math.min(...paths.map((p) => p.length));
  let common = 0;
  while (common < shortest - 1 && paths.every((p) => p[common] === paths[0]![common])) common++;
  if (common === 0) return operations;
  const prefix = paths[0]!.slice(0, common);
  let base: unknown = doc;
  for (const seg of prefix) base = base && typeof base === 'object' && !Array.isArray(base) ? (base as Obj)[seg] : undefined;
  if (!base || typeof base !== 'object' || Array.isArray(base)) return operations;
  const copy = structuredClone(base) as Obj;
  for (const [i, o] of operations.entries()) {
    const rest = paths[i]!.slice(common);
    const last = rest.pop()!;
    let parent: unknown = copy;
    for (const seg of rest) {
      if (!parent || typeof parent !== 'object' || Array.isArray(parent)) return operations;
      const p = parent as Obj;
      if (p[seg] === undefined) p[seg] = {};
      parent = p[seg];
    }
    if (Array.isArray(parent)) {
      if (o.op !== 'add' || last !== '-') return operations;
      parent.push(o.value);
    } else if (parent && typeof parent === 'object') {
      (parent as Obj)[last] = o.value;
    } else {
      return operations;
    }
  }
  return [{ op: 'set', path: `/${prefix.join('/')}`, value: copy }];
}

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

/**
 * The condition as sent, as one query per conjunct of its top-level ANDs, string literals passed as
 * parameters. The server parses every new query text (milliseconds each, tens of milliseconds for a
 * long one) on its one thread, so that conditions naming a member or a time, and patches that join
 * several members' conditions, are all the same few short texts, parsed once. Object constants
 * (`{"id": "…"}`) must stay constant, and a top-level OR or a BETWEEN does not split on AND: such a
 * condition is one query, as written.
 */
function conditionQueries(condition: string, params: Params): Params[] {
  const where = condition.replace(FROM_C_WHERE, '').trim();
  // Only whether a row comes back counts: `VALUE 1` spares the server a copy of the whole document.
  const asQuery = (w: string, parameters: Params['parameters']) => ({ query: `SELECT VALUE 1 FROM c WHERE c.id = @id AND (${w})`, parameters });
  if (where.includes('{')) return [asQuery(where, params.parameters)];
  return splitAnd(where).map((conjunct) => {
    const parameters = [...(params.parameters ?? [])];
    const parameterized = conjunct.replace(STRING_LITERAL, (literal) => {
      const name = `@lit${parameters.length}`;
      const body = literal.slice(1, -1);
      parameters.push({ name, value: literal.startsWith('"') ? (JSON.parse(literal) as string) : body.replace(/\\(.)/g, '$1') });
      return name;
    });
    return asQuery(parameterized, parameters);
  });
}

/** The conjuncts of a top-level AND chain outside brackets and strings; the whole as one when it has a top-level OR, a BETWEEN or a `?`. */
function splitAnd(where: string): string[] {
  const blanked = where.replace(STRING_LITERAL, (literal) => '_'.repeat(literal.length));
  if (/\bBETWEEN\b|\?/i.test(blanked)) return [where];
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < blanked.length; i++) {
    const ch = blanked[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && /\s/.test(ch)) {
      const word = /^\s(AND|OR)\s/i.exec(blanked.slice(i, i + 5));
      if (word?.[1]!.toUpperCase() === 'OR') return [where];
      if (word) {
        parts.push(where.slice(from, i).trim());
        from = i + word[0].length;
        i += word[0].length - 1;
      }
    }
  }
  parts.push(where.slice(from).trim());
  return parts.some((p) => p === '') ? [where] : parts;
}
