import type { Container } from '@azure/cosmos';
import { cosmosStatus } from './cosmos-errors.js';

/** A named lease in the `bot` container: whoever holds it (until `until`) does the work. */
export interface LeaseDoc {
  id: string;
  pk: 'lease';
  name: string;
  holder: string;
  until: string;
}

/**
 * Leases for work only one bot instance may do at a time (the scheduler). Taking one is a create
 * or an If-Match replace, so of several instances racing for it exactly one wins.
 */
export class LeaseRepo {
  constructor(private readonly container: Container) {}

  /** True when `holder` now holds the lease until now + ttl (taken fresh, renewed, or taken over after expiry). */
  async tryAcquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const id = `lease:${name}`;
    const doc: LeaseDoc = { id, pk: 'lease', name, holder, until: new Date(now.getTime() + ttlMs).toISOString() };
    const read = await this.container.item(id, 'lease').read<LeaseDoc>();
    try {
      if (read.statusCode === 404 || !read.resource) {
        await this.container.items.create(doc);
        return true;
      }
      const current = read.resource;
      if (current.holder !== holder && current.until > now.toISOString()) return false;
      await this.container.item(id, 'lease').replace(doc, { accessCondition: { type: 'IfMatch', condition: read.etag } });
      return true;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 409 || status === 412) return false;
      throw err;
    }
  }

  /** Gives the lease up early (at shutdown), if `holder` still holds it. */
  async release(name: string, holder: string): Promise<void> {
    const id = `lease:${name}`;
    const read = await this.container.item(id, 'lease').read<LeaseDoc>();
    if (!read.resource || read.resource.holder !== holder) return;
    try {
      await this.container.item(id, 'lease').delete({ accessCondition: { type: 'IfMatch', condition: read.etag } });
    } catch (err) {
      const status = cosmosStatus(err);
      if (status !== 404 && status !== 412) throw err;
    }
  }
}
