import { packageModule } from './package-internals.js';

/**
 * What the embedded server's data is made of on disk: one JSON record a line, in the journal and in
 * the snapshot alike. A database, a container (its definition), a document as written (with its
 * system properties), or a deleted document. Replaying them in order rebuilds the server's state.
 */
export type DataRecord =
  | { db: string }
  | { db: string; coll: Obj & { id: string } }
  | { db: string; dropColl: string }
  | { dropDb: string }
  | { db: string; c: string; put: Obj & { id: string } }
  | { db: string; c: string; del: [id: string, partition: unknown] };

type Obj = Record<string, unknown>;

/** The parts of @vercel/cosmosdb-server's account model this file uses (its own, unexported types). */
interface Item {
  read(): (Obj & { id: string; _rid: string; _ts?: number; ttl?: unknown; defaultTtl?: unknown }) | undefined;
}
interface ItemsOf<T extends Item> {
  _parent: Item;
  _data: Map<string, T>;
  _ridCount: number;
  create(data: Obj): Obj & { id: string; _rid: string };
  replace(data: Obj, original: Obj): Obj & { id: string; _rid: string };
  delete(idOrRid: string, partition?: unknown): void;
  _item(keyPath: string, value: unknown, partition: unknown): T;
  _rid(n: number): string;
  _self(rid: string): string;
  _set(data: Obj): Obj;
  _getPartition(data: Obj): unknown;
}
interface CollectionItem extends Item {
  documents: ItemsOf<Item>;
}
interface DatabaseItem extends Item {
  collections: ItemsOf<CollectionItem>;
  collection(id: string): CollectionItem;
}
export interface Account {
  databases: ItemsOf<DatabaseItem>;
  database(id: string): DatabaseItem;
}

const lib = (name: string) => packageModule<{ default: { prototype: object } }>(`account/${name}.js`).default;

/** A new, empty account, as @vercel/cosmosdb-server makes one when it starts listening. */
export function newAccount(host: string, port: number): Account {
  const AccountClass = lib('index') as unknown as new (host: string, port: number) => Account;
  return new AccountClass(host, port);
}

let listener: ((record: DataRecord) => void) | undefined;
let depth = 0;
/** The database a collection item belongs to (collection items do not know it). */
const databaseOf = new WeakMap<object, string>();

const dbId = (items: ItemsOf<Item>): string => items._parent.read()!.id;
const withoutSystem = (def: Obj) => Object.fromEntries(Object.entries(def).filter(([k]) => !k.startsWith('_'))) as Obj & { id: string };

/**
 * Installs, once per thread, hooks on the account model that report every change as a record, as it
 * is made (synchronously, in the server's own order). Only the outermost call of a change reports:
 * a replace that deletes and sets inside is one record.
 */
export function reportChanges(onRecord: (record: DataRecord) => void): void {
  if (listener) throw new Error('changes are already reported in this thread');
  listener = onRecord;
  const Databases = lib('databases').prototype as ItemsOf<DatabaseItem>;
  const Collections = lib('collections').prototype as ItemsOf<CollectionItem>;
  const Documents = lib('documents').prototype as ItemsOf<Item>;

  /** Wraps a change so that its outermost call reports `record(self, args, before, result)`; `before` is read first. */
  type Self = ItemsOf<Item>;
  type Doc = Obj & { id: string; _rid: string };
  const report = <A extends unknown[], R>(original: (...args: A) => R, record: (self: Self, args: A, before: Doc | undefined, result: R) => DataRecord | undefined, read?: (self: Self, args: A) => Doc | undefined) =>
    function (this: Self, ...args: A): R {
      const before = depth === 0 && read ? read(this, args) : undefined;
      depth++;
      let result: R;
      try {
        result = original.apply(this, args);
      } finally {
        depth--;
      }
      if (depth === 0 && listener) {
        const r = record(this, args, before, result);
        if (r) listener(r);
      }
      return result;
    };
  const existingId = (self: Self, [id, partition]: [string, unknown?]) => self._item('/id', id, partition).read();

  const collSet = Collections._set;
  Collections._set = function (this: ItemsOf<CollectionItem>, data: Obj) {
    const result = collSet.call(this, data);
    databaseOf.set(this._data.get(data._rid as string)!, dbId(this));
    return result;
  };
  Databases.create = report(Databases.create, (_self, _args, _b, result) => ({ db: result.id }));
  Databases.delete = report(Databases.delete, (_self, _args, existing) => (existing ? { dropDb: existing.id } : undefined), existingId);
  const collRecord = (self: Self, _args: unknown, _b: unknown, result: Obj & { id: string }): DataRecord => ({ db: dbId(self), coll: withoutSystem(result) });
  Collections.create = report(Collections.create, collRecord);
  Collections.replace = report(Collections.replace, collRecord);
  Collections.delete = report(Collections.delete, (self, _args, existing) => (existing ? { db: dbId(self), dropColl: existing.id } : undefined), existingId);

  const docRecord = (self: Self, _args: unknown, _b: unknown, doc: Obj & { id: string }): DataRecord | undefined => {
    const db = databaseOf.get(self._parent);
    return db ? { db, c: self._parent.read()!.id, put: doc } : undefined;
  };
  Documents.create = report(Documents.create, docRecord);
  Documents.replace = report(Documents.replace, docRecord);
  Documents.delete = report(Documents.delete, (self, _args, existing) => {
    const db = databaseOf.get(self._parent);
    return existing && db ? { db, c: self._parent.read()!.id, del: [existing.id, self._getPartition(existing)] } : undefined;
  }, existingId);
}

/** Runs `fn` without reporting its changes (replaying what is already on disk). */
function quietly<T>(fn: () => T): T {
  const was = listener;
  listener = undefined;
  try {
    return fn();
  } finally {
    listener = was;
  }
}

/** Why a record cannot be applied; undefined when it was. */
export function applyRecord(account: Account, r: DataRecord): string | undefined {
  return quietly(() => {
    if ('dropDb' in r) {
      if (account.database(r.dropDb).read()) account.databases.delete(r.dropDb, r.dropDb);
      return undefined;
    }
    if (typeof r.db !== 'string') return 'a record names no database';
    if (!account.database(r.db).read()) account.databases.create({ id: r.db });
    const db = account.database(r.db);
    if (Object.keys(r).length === 1) return undefined;
    if ('coll' in r) {
      // An existing container is kept as it is: the package's replace would make it anew, empty.
      if (!db.collection(r.coll.id).read()) db.collections.create(r.coll);
      return undefined;
    }
    if ('dropColl' in r) {
      if (db.collection(r.dropColl).read()) db.collections.delete(r.dropColl, r.dropColl);
      return undefined;
    }
    if (!('c' in r)) return 'a record of an unknown kind';
    const coll = db.collection(r.c);
    if (!coll.read()) return `a document of container "${r.c}", which does not exist`;
    const docs = coll.documents;
    if ('put' in r) {
      const doc = r.put;
      const existing = docs._item('/id', doc.id, docs._getPartition(doc)).read();
      const rid = existing?._rid ?? docs._rid(++docs._ridCount);
      if (existing) docs.delete(existing.id, docs._getPartition(existing));
      docs._set({ ...doc, _rid: rid, _self: docs._self(rid) });
      return undefined;
    }
    if ('del' in r) {
      const [id, partition] = r.del;
      if (docs._item('/id', id, partition).read()) docs.delete(id, partition);
      return undefined;
    }
    return 'a record of an unknown kind';
  });
}

/**
 * The whole state as records, taken at once (synchronously): a database, then each of its
 * containers followed by its documents. Documents are never changed in place by the server (a
 * write makes a new object), so the list stays what it was while it is written out.
 */
export function captureState(account: Account): DataRecord[] {
  const out: DataRecord[] = [];
  for (const dbItem of account.databases._data.values()) {
    const db = dbItem.read();
    if (!db) continue;
    out.push({ db: db.id });
    for (const collItem of dbItem.collections._data.values()) {
      const coll = collItem.read();
      if (!coll) continue;
      out.push({ db: db.id, coll: withoutSystem(coll) });
      for (const docItem of collItem.documents._data.values()) {
        const doc = docItem.read();
        if (doc) out.push({ db: db.id, c: coll.id, put: doc });
      }
    }
  }
  return out;
}

/** Documents in the account. */
export function countDocuments(account: Account): number {
  let n = 0;
  for (const dbItem of account.databases._data.values()) for (const c of dbItem.collections._data.values()) n += c.documents._data.size;
  return n;
}
