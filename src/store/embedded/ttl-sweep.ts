import type { Account } from './records.js';

/** Documents looked at between two turns of the server's event loop. */
const CHUNK = 2_000;

/**
 * Time to live, as Azure Cosmos DB applies it: in a container with `defaultTtl` set, a document
 * expires `ttl` seconds (its own, else the container's; -1 = never) after its last write (`_ts`).
 * Expired documents are deleted as any delete is (so the journal records them), a chunk at a time,
 * so the server goes on answering meanwhile. Returns how many were deleted.
 */
export async function deleteExpired(account: Account, nowSeconds: number): Promise<number> {
  let deleted = 0;
  for (const dbItem of [...account.databases._data.values()]) {
    for (const collItem of [...dbItem.collections._data.values()]) {
      const defaultTtl = collItem.read()?.defaultTtl;
      if (typeof defaultTtl !== 'number') continue;
      const docs = collItem.documents;
      const items = [...docs._data.values()];
      for (let i = 0; i < items.length; i += CHUNK) {
        for (const item of items.slice(i, i + CHUNK)) {
          const doc = item.read();
          if (!doc) continue;
          const ttl = typeof doc.ttl === 'number' ? doc.ttl : defaultTtl;
          if (ttl > 0 && typeof doc._ts === 'number' && doc._ts + ttl <= nowSeconds && docs._data.get(doc._rid) === item) {
            docs.delete(doc.id, docs._getPartition(doc));
            deleted++;
          }
        }
        await new Promise((r) => setImmediate(r));
      }
    }
  }
  return deleted;
}
