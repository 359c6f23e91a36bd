import { setTimeout as sleep } from 'node:timers/promises';
import type { Container, ItemDefinition } from '@azure/cosmos';
import { ConcurrencyError, cosmosStatus } from './cosmos-errors.js';

/** What a change function decides: write `next` (and return `result`), or write nothing. */
export type Change<T, R> = { next: T; result: R } | { next?: undefined; result: R };

export interface RetryOptions {
  maxAttempts?: number;
}

/** Jittered exponential backoff, capped, so parallel writers spread out instead of colliding again. */
function backoff(attempt: number): number {
  return Math.random() * Math.min(200, 2 ** attempt * 2);
}

/**
 * Optimistic concurrency for one document: read it, let `change` decide, then replace with If-Match
 * (or create, when it did not exist). A 412 (someone wrote in between) or 409 (someone created it
 * first) re-reads and re-applies. `change` must be pure: it may run several times.
 */
export async function updateWithRetry<T extends ItemDefinition, R>(
  container: Container,
  id: string,
  partitionKey: string,
  change: (current: T | undefined) => Change<T, R> | Promise<Change<T, R>>,
  options: RetryOptions = {},
): Promise<R> {
  const maxAttempts = options.maxAttempts ?? 60;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const read = await container.item(id, partitionKey).read<T>();
    const current = read.statusCode === 404 ? undefined : read.resource;
    const decided = await change(current);
    if (decided.next === undefined) return decided.result;
    try {
      if (current === undefined) {
        await container.items.create({ ...decided.next, id });
      } else {
        await container.item(id, partitionKey).replace({ ...decided.next, id }, {
          accessCondition: { type: 'IfMatch', condition: read.etag },
        });
      }
      return decided.result;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status !== 412 && status !== 409) throw err;
      await sleep(backoff(attempt));
    }
  }
  throw new ConcurrencyError(id, maxAttempts);
}

/** Creates a document once; a second create with the same id (a retry, a double click) is a no-op. */
export async function createOnce<T extends ItemDefinition>(container: Container, doc: T): Promise<{ created: boolean }> {
  try {
    await container.items.create(doc);
    return { created: true };
  } catch (err) {
    if (cosmosStatus(err) === 409) return { created: false };
    throw err;
  }
}
