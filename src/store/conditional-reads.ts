import type { Container } from '@azure/cosmos';
import { deepFreeze } from '../shared/deep-freeze.js';

export interface Read<V> {
  value: V;
  etag: string;
}

interface Kept<V> extends Read<V> {
  /** When Cosmos last confirmed this is the stored document, with no local write since (ms). */
  confirmedAt: number;
  /** When the value, before `amendments`, came from Cosmos (ms; -Infinity once this instance wrote it otherwise). */
  fetchedAt: number;
  /** This instance's own writes applied since, in order: laid again over a read that overlapped them. */
  amendments: Array<{ seq: number; change: (v: V) => V }>;
}

/**
 * Point reads that send the ETag of the value kept from the last read (If-None-Match): an unchanged
 * document comes back as 304 with no body and the kept value is returned, the very same object, so
 * parsing and mapping tens of kilobytes is spared on every card press and refresh, and views may
 * remember what they derived from it. Kept values are deep-frozen, as turns share them; at most `max`.
 *
 * By default every read asks Cosmos, so a change made by another instance is seen at once. A caller
 * may accept a value Cosmos confirmed at most `trustMs` ago (`read(…, { trustMs })`), or a kept value
 * as a starting point for a conditional write (`known`); writes through the repository call
 * `forget`, so this instance always reads its own writes. A write that does not bring the document
 * back (Prefer: return=minimal) is laid over the kept value with `amend`: that value is then the
 * last read plus this instance's own writes since, also when a read overlapped them.
 */
export class ConditionalReads<D extends object, V> {
  private readonly kept = new Map<string, Kept<V>>();
  /**
   * Local writes so far that replace what is kept (`forget`, `keep`): a read that overlapped one is
   * kept, but not counted as confirmed, and not shared. Amendments are not counted: a read that
   * overlapped them gets them laid over again.
   */
  private writes = 0;
  /** Numbers the amendments, so a read knows which ones it may not have seen. */
  private amendSeq = 0;
  /** Trusting reads under way, shared by the callers that come while one is (and no write since it began). */
  private readonly asking = new Map<string, { read: Promise<Read<V> | undefined>; writes: number }>();

  /** `map` turns the stored document into the value (undefined: not one of ours, read as missing). */
  constructor(private readonly container: Container, private readonly max: number, private readonly map: (doc: D, partitionKey: string) => V | undefined) {}

  async read(id: string, partitionKey: string, options: { trustMs?: number } = {}): Promise<Read<V> | undefined> {
    const key = `${partitionKey}\n${id}`;
    const cached = this.kept.get(key);
    if (cached && options.trustMs && Date.now() - cached.confirmedAt <= options.trustMs) return cached;
    if (!options.trustMs) return this.ask(key, id, partitionKey, cached);
    // A whole group pressing at once finds the copy a second old together: one of them asks.
    const asking = this.asking.get(key);
    if (asking && asking.writes === this.writes) return asking.read;
    const read = this.ask(key, id, partitionKey, cached).finally(() => {
      if (this.asking.get(key)?.read === read) this.asking.delete(key);
    });
    this.asking.set(key, { read, writes: this.writes });
    return read;
  }

  /**
   * The kept value (no request) if it came from Cosmos at most `maxAgeMs` ago, with this instance's
   * own writes since; else a read, shared with one already under way. The start of a write guarded
   * by its own condition, or what a person sees right after their own write.
   */
  async known(id: string, partitionKey: string, options: { maxAgeMs?: number } = {}): Promise<Read<V> | undefined> {
    const key = `${partitionKey}\n${id}`;
    const cached = this.kept.get(key);
    if (cached && Date.now() - cached.fetchedAt <= (options.maxAgeMs ?? Infinity)) return cached;
    return this.read(id, partitionKey, { trustMs: options.maxAgeMs ?? Infinity });
  }

  private async ask(key: string, id: string, partitionKey: string, cached: Kept<V> | undefined): Promise<Read<V> | undefined> {
    const startedAt = Date.now();
    const writesBefore = this.writes;
    const seqBefore = this.amendSeq;
    const r = await this.container.item(id, partitionKey).read<D>(cached ? { accessCondition: { type: 'IfNoneMatch', condition: cached.etag } } : {});
    const confirmedAt = this.writes === writesBefore ? startedAt : -Infinity;
    const now = this.kept.get(key);
    if (r.statusCode === 304 && cached) {
      if (now !== cached) return now ?? cached;
      cached.confirmedAt = Math.max(cached.confirmedAt, confirmedAt);
      if (cached.amendments.length === 0) cached.fetchedAt = Math.max(cached.fetchedAt, startedAt);
      return cached;
    }
    this.kept.delete(key);
    if (r.statusCode === 404 || !r.resource) return undefined;
    const read = this.store(key, r.resource, partitionKey, r.etag, confirmedAt, startedAt);
    // Own writes answered while this read was on its way may be missing from it: lay them over again
    // (each sets what it wrote, so one the read did see changes nothing).
    const late = now?.amendments.filter((a) => a.seq >= seqBefore) ?? [];
    if (!read || late.length === 0) return read;
    return this.replace(key, { ...read, value: deepFreeze(late.reduce((v, a) => a.change(v), read.value)), confirmedAt: -Infinity, amendments: late });
  }

  /**
   * A write this instance made whose answer did not bring the document back: `change` (what the
   * write set, nothing else) is laid over the kept value. Returns the value as now known, undefined
   * when nothing is kept (then read it). Its ETag stays the one last read, so the next read brings
   * the stored document.
   */
  amend(id: string, partitionKey: string, change: (v: V) => V): V | undefined {
    const key = `${partitionKey}\n${id}`;
    const cur = this.kept.get(key);
    if (!cur) return undefined;
    const amendment = { seq: this.amendSeq++, change };
    return this.replace(key, { value: deepFreeze(change(cur.value)), etag: cur.etag, confirmedAt: -Infinity, fetchedAt: cur.fetchedAt, amendments: [...cur.amendments, amendment] }).value;
  }

  /** A document as a write returned it: kept for the next If-None-Match read, not counted as confirmed. */
  keep(id: string, partitionKey: string, doc: D & { _etag?: string }): Read<V> | undefined {
    const key = `${partitionKey}\n${id}`;
    this.forget(id, partitionKey);
    if (!doc._etag) return undefined;
    // The same answer again (changes that shared one patch): the value already made from it, the very same object.
    const cur = this.kept.get(key);
    if (cur && cur.etag === doc._etag && cur.amendments.length === 0) {
      cur.fetchedAt = Date.now();
      return cur;
    }
    return this.store(key, doc, partitionKey, doc._etag, -Infinity, Date.now());
  }

  /** This instance wrote the document: the next trusting read, and the next `known`, ask Cosmos again. */
  forget(id: string, partitionKey: string): void {
    this.writes++;
    const cached = this.kept.get(`${partitionKey}\n${id}`);
    if (cached) {
      cached.confirmedAt = -Infinity;
      cached.fetchedAt = -Infinity;
    }
  }

  private store(key: string, doc: D, partitionKey: string, etag: string, confirmedAt: number, fetchedAt: number): Kept<V> | undefined {
    const value = this.map(doc, partitionKey);
    if (value === undefined) return undefined;
    return this.replace(key, { value: deepFreeze(value), etag, confirmedAt, fetchedAt, amendments: [] });
  }

  private replace(key: string, kept: Kept<V>): Kept<V> {
    this.kept.delete(key);
    if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, kept);
    return kept;
  }
}
