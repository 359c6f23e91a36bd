import type { Container } from '@azure/cosmos';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Point reads that send the ETag of the value kept from the last read (If-None-Match): an unchanged
 * document comes back as 304 with no body and the kept value is returned, the very same object, so
 * parsing and mapping tens of kilobytes is spared on every card press and refresh, and views may
 * remember what they derived from it. Every read still asks Cosmos, so a change made by another
 * instance is seen at once. Kept values are deep-frozen, as turns share them; at most `max`.
 */
export class ConditionalReads<D extends object, V> {
  private readonly kept = new Map<string, { value: V; etag: string }>();

  /** `map` turns the stored document into the value (undefined: not one of ours, read as missing). */
  constructor(private readonly container: Container, private readonly max: number, private readonly map: (doc: D, partitionKey: string) => V | undefined) {}

  async read(id: string, partitionKey: string): Promise<{ value: V; etag: string } | undefined> {
    const key = `${partitionKey}\n${id}`;
    const cached = this.kept.get(key);
    const r = await this.container.item(id, partitionKey).read<D>(cached ? { accessCondition: { type: 'IfNoneMatch', condition: cached.etag } } : {});
    if (r.statusCode === 304 && cached) return cached;
    this.kept.delete(key);
    const value = r.statusCode === 404 || !r.resource ? undefined : this.map(r.resource, partitionKey);
    if (value === undefined) return undefined;
    const read = { value: deepFreeze(value), etag: r.etag };
    if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, read);
    return read;
  }
}
