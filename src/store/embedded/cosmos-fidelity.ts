import { accountPrototype, installOnce, packageModule } from './package-internals.js';

type Params = { query: string; parameters?: Array<{ name: string; value: unknown }> };
interface ItemsLike {
  _data: Map<string, unknown>;
  query(params: Params, options: unknown): unknown;
}
interface PatchInput {
  id: string;
  partitionKey: unknown;
  condition?: string;
  operations: Op[];
}
type Op = { op: string; path: string; value?: unknown };
type Obj = Record<string, unknown>;
interface CollectionLike {
  document(id: string, partition: unknown): { read(): (Obj & { _rid?: string }) | null | undefined };
}
type PatchOperation = (collection: CollectionLike, input: PatchInput) => unknown;

/** The query @vercel/cosmosdb-server builds to check a patch's condition on its document. */
const CONDITION_QUERY = /^SELECT \* FROM c WHERE c\.id = @id AND \(/;
/** The document whose patch condition is being checked, and the condition as sent (set only during that call). */
let patching: string | undefined;
let condition: string | undefined;
const FROM_C_WHERE = /^\s*from\s+c\s+where\s/i;

/**
 * Patch conditions in @vercel/cosmosdb-server, made to behave as in Cosmos DB; install once, before
 * serving.
 *
 * @vercel/cosmosdb-server checks a conditional patch (`FROM c WHERE …`) by running
 * `SELECT * FROM c WHERE c.id = @id AND (…)` over every document in the container: one check-in
 * costs a scan of the whole database (300 ms with 10,000 documents, on the bot's own event loop in
 * the embedded default), and a document with the same id in another partition can satisfy it.
 * Cosmos DB checks the one document being patched; so does this, by running that query over that
 * document only. It also lower-cases the whole condition before running it, so `c.at = "…T08:00Z"`
 * never matched; Cosmos DB compares as written, and so does this, with the condition as sent. The
 * server is synchronous from reading the document to writing it, so the swap is safe.
 *
 * The package compiles every new query text into JavaScript (milliseconds, more for a long one) and
 * keeps the last hundred; a condition that names a member or a record is a new text at every press.
 * Its string literals are therefore passed as parameters (`conditionQuery`), so a check-in's or a
 * note's condition is one text whoever sends it: a patch then costs the embedded server about what it
 * costs Cosmos DB (a 10-mark patch of a 200-member meeting: 7 ms instead of 31 ms). Compiling a new
 * text per note (`NOT ARRAY_CONTAINS(c.notes, {"id": "…"}, true)`) cost 30 ms, and 100–400 ms on a
 * busy machine: fifty members noting at once queued the server's thread past the SDK's 2 s request
 * timeout, and those members were told the database could not be reached.
 *
 * It also copies the whole document for every operation of a patch (ten marks: ten copies of a 40 KB
 * meeting), where Cosmos DB applies a patch's operations together: operations under one object
 * go to it as one `set` of that object (`asOneOperation`).
 */
export function fixPatches(): void {
  installOnce('fixPatches', () => {
    const items = accountPrototype<ItemsLike>('items');
    const patches = packageModule<{ patchOperation: PatchOperation }>('handler/_patch-operations.js');
    const { parsePartitionKey } = packageModule<{ parsePartitionKey(header: unknown, id: string): unknown }>('utils/get-partition-from-header.js');

    const patchOperation = patches.patchOperation;
    patches.patchOperation = (collection, input) => {
      const doc = collection.document(input.id, parsePartitionKey(input.partitionKey, input.id)).read();
      patching = doc?._rid;
      condition = input.condition;
      const operations = asOneOperation(doc, input.operations);
      try {
        return patchOperation(collection, operations === input.operations ? input : { ...input, operations });
      } finally {
        patching = undefined;
        condition = undefined;
      }
    };

    const query = items.query;
    items.query = function (this: ItemsLike, params: Params, options: unknown) {
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
  });
}

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
/** A `:` right after a literal (sticky: tried where the literal ends). */
const COLON_NEXT = /\s*:/y;

/**
 * The condition as sent, on the one document, with its string literals as parameters; only whether
 * a row comes back counts (`VALUE 1`). A literal followed by `:` stays as written: it is the name of
 * a property in an object constant (`{"id": "…"}`, whose value does go as a parameter), or a
 * ternary's middle, which is the same value either way.
 */
function conditionQuery(condition: string, params: Params): Params {
  const where = condition.replace(FROM_C_WHERE, '');
  const parameters = [...(params.parameters ?? [])];
  const text = where.replace(STRING_LITERAL, (literal, offset: number) => {
    COLON_NEXT.lastIndex = offset + literal.length;
    if (COLON_NEXT.test(where)) return literal;
    const name = `@lit${parameters.length}`;
    parameters.push({ name, value: literal.startsWith('"') ? (JSON.parse(literal) as string) : literal.slice(1, -1).replace(/\\(.)/g, '$1') });
    return name;
  });
  return { query: `SELECT VALUE 1 FROM c WHERE c.id = @id AND (${text})`, parameters };
}

/**
 * Operations that `set` or `add` (append with `-`) under one object, applied to a copy of that object
 * and sent on as one `set` of it. This runs inside the server's synchronous handler, right before it
 * checks If-Match and the condition on the same document, so nothing can come in between. Anything
 * else (other operations, array indexes, escaped names, no common object) goes as sent.
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
