import type { Container } from '@azure/cosmos';
import { deepFreeze } from '../shared/deep-freeze.js';

interface Kept<V> {
  startedAt: number;
  value: Promise<V | undefined>;
}

/**
 * Point reads of the documents a whole group presses on at once (the group, a running meeting, an
 * approval request). `fresh` always asks Cosmos; `recent` gives the answer of a read that started at
 * most `maxAgeMs` ago, or is still on its way, so 200 people pressing within a second cost a few
 * reads, not 200. Only for decisions that are written under their own condition and decided again on
 * a fresh read when it fails. This instance's own writes `forget` the document, so it always reads
 * them. Values are frozen: turns share them.
 */
export class RecentReads<D extends object, V> {
  private readonly kept = new Map<string, Kept<V>>();

  /** `map` turns the stored document into the value (undefined: not one of ours, read as missing). */
  constructor(
    private readonly container: Container,
    private readonly map: (doc: D, partitionKey: string) => V | undefined,
    private readonly maxAgeMs = 1_000,
    private readonly max = 500,
  ) {}

  recent(id: string, partitionKey: string): Promise<V | undefined> {
    const kept = this.kept.get(`${partitionKey}\n${id}`);
    return kept && Date.now() - kept.startedAt <= this.maxAgeMs ? kept.value : this.fresh(id, partitionKey);
  }

  fresh(id: string, partitionKey: string): Promise<V | undefined> {
    const key = `${partitionKey}\n${id}`;
    const value = this.container
      .item(id, partitionKey)
      .read<D>()
      .then(({ resource }) => {
        const mapped = resource ? this.map(resource, partitionKey) : undefined;
        return mapped === undefined ? undefined : deepFreeze(mapped);
      });
    this.kept.delete(key);
    if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, { startedAt: Date.now(), value });
    value.catch(() => this.kept.get(key)?.value === value && this.kept.delete(key));
    return value;
  }

  forget(id: string, partitionKey: string): void {
    this.kept.delete(`${partitionKey}\n${id}`);
  }
}
