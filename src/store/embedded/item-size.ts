import { accountPrototype, installOnce } from './package-internals.js';

/**
 * Azure Cosmos DB's largest item: 2 MB, the UTF-8 length of the item's JSON. A create, upsert,
 * replace or patch that would store a larger one is refused with 413 (RequestEntityTooLarge) and
 * changes nothing; @vercel/cosmosdb-server stores items of any size.
 */
export const MAX_ITEM_BYTES = 2 * 1024 * 1024;

/** Thrown inside a write that would store an item over MAX_ITEM_BYTES; the server answers it with 413. */
export class ItemTooLargeError extends Error {
  readonly tooLarge = true;
  constructor(readonly bytes: number) {
    super(`Request size is too large: the item is ${bytes} bytes, Azure Cosmos DB stores items up to ${MAX_ITEM_BYTES} bytes.`);
  }
}

type Obj = Record<string, unknown>;
interface Documents {
  create(data: Obj): Obj;
  replace(data: Obj, original: Obj): Obj;
}

/**
 * Makes every document write of @vercel/cosmosdb-server refuse an item over MAX_ITEM_BYTES before it
 * changes anything (creates and upserts go through `create`, replaces and patches through `replace`).
 * Install once per thread, before serving.
 */
export function limitItemSize(): void {
  installOnce('limitItemSize', () => {
    const Docs = accountPrototype<Documents>('documents');
    const check = (data: Obj) => {
      const bytes = Buffer.byteLength(JSON.stringify(data), 'utf8');
      if (bytes > MAX_ITEM_BYTES) throw new ItemTooLargeError(bytes);
    };
    const create = Docs.create;
    Docs.create = function (this: Documents, data: Obj) {
      check(data);
      return create.call(this, data);
    };
    const replace = Docs.replace;
    Docs.replace = function (this: Documents, data: Obj, original: Obj) {
      check(data);
      return replace.call(this, data, original);
    };
  });
}
