import type { Container } from '@azure/cosmos';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Point reads that send the ETag of the copy kept from the last read (If-None-Match): an unchanged
 * document comes back as 304 with no body and the kept copy is used, which spares parsing tens of
 * kilobytes on every card press and refresh. Every read still asks Cosmos, so a change made by
 * another instance is seen at once. Kept copies are frozen, as turns share them; at most `max`.
 */
export class ConditionalReads<D extends object> {
  private readonly kept = new Map<string, { doc: D; etag: string }>();

  constructor(private readonly container: Container, private readonly max: number) {}

  async read(id: string, partitionKey: string): Promise<{ doc: D; etag: string } | undefined> {
    const key = `${partitionKey}\n${id}`;
    const cached = this.kept.get(key);
    const r = await this.container.item(id, partitionKey).read<D>(cached ? { accessCondition: { type: 'IfNoneMatch', condition: cached.etag } } : {});
    if (r.statusCode === 304 && cached) return cached;
    this.kept.delete(key);
    if (r.statusCode === 404 || !r.resource) return undefined;
    const read = { doc: deepFreeze(r.resource), etag: r.etag };
    if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, read);
    return read;
  }
}
