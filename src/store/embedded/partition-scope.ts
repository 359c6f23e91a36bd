import { AsyncLocalStorage } from 'node:async_hooks';
import type http from 'node:http';
import { accountPrototype, installOnce } from './package-internals.js';

type Obj = Record<string, unknown> & { _rid: string };
interface Documents {
  _data: Map<string, unknown>;
  _item(keyPath: string, value: unknown, partition: unknown): { read(): Obj | undefined };
  _getPartition(data: Obj): unknown;
  _set(data: Obj): Obj;
  delete(idOrRid: string, partition?: unknown): void;
  query(params: unknown, options: unknown): unknown;
}

/** The partition key of the request being handled (as JSON), when it names one. */
const scope = new AsyncLocalStorage<string>();
/** Every container's documents by partition: rid → item, as in the container's own map. */
const byPartition = new WeakMap<Documents, Map<string, Map<string, unknown>>>();
const keyOf = (value: unknown) => JSON.stringify(value ?? null);

/** Runs a request's handler with its partition key (header `x-ms-documentdb-partitionkey`) in scope. */
export function withinPartition<T>(req: http.IncomingMessage, handle: () => T): T {
  const header = req.headers['x-ms-documentdb-partitionkey'];
  if (typeof header !== 'string') return handle();
  let values: unknown;
  try {
    values = JSON.parse(header);
  } catch {
    return handle();
  }
  return Array.isArray(values) && values.length === 1 ? scope.run(keyOf(values[0]), handle) : handle();
}

/**
 * A query sent for one partition (as the SDK does with the `partitionKey` option) reads that logical
 * partition only, as in Azure Cosmos DB; @vercel/cosmosdb-server reads every document of the
 * container. Keeps an index of each container's documents by partition. Install once per thread.
 */
export function scopeQueriesToPartitions(): void {
  installOnce('scopeQueriesToPartitions', () => {
    const Docs = accountPrototype<Documents>('documents');
    const partitionsOf = (docs: Documents) => {
      let m = byPartition.get(docs);
      if (!m) byPartition.set(docs, (m = new Map()));
      return m;
    };

    const set = Docs._set;
    Docs._set = function (this: Documents, data: Obj) {
      const result = set.call(this, data);
      const partitions = partitionsOf(this);
      const key = keyOf(this._getPartition(data));
      let part = partitions.get(key);
      if (!part) partitions.set(key, (part = new Map()));
      part.set(data._rid, this._data.get(data._rid));
      return result;
    };
    const remove = Docs.delete;
    Docs.delete = function (this: Documents, idOrRid: string, partition?: unknown) {
      const existing = this._item('/id', idOrRid, partition).read();
      remove.call(this, idOrRid, partition);
      if (existing) {
        const partitions = partitionsOf(this);
        const key = keyOf(this._getPartition(existing));
        const part = partitions.get(key);
        part?.delete(existing._rid);
        if (part?.size === 0) partitions.delete(key);
      }
    };
    const query = Docs.query;
    Docs.query = function (this: Documents, params: unknown, options: unknown) {
      const key = scope.getStore();
      if (key === undefined) return query.call(this, params, options);
      const all = this._data;
      this._data = partitionsOf(this).get(key) ?? new Map();
      try {
        return query.call(this, params, options);
      } finally {
        this._data = all;
      }
    };
  });
}
