import type { Container } from '@azure/cosmos';
import type { MinutesDocument } from './domain/minutes.js';
import type { Minutes, MinutesVersionInfo } from './domain/minutes-record.js';
import { withoutSystem } from '../store/doc.js';
import { createOnce, updateWithRetry, type Change } from '../store/update-with-retry.js';

/**
 * The minutes of a meeting in the group's partition: one head document (`type: 'minutes'`, the
 * current text, status, signatures, locked versions) and one document per version
 * (`type: 'minutesVersion'`, id `<minutesId>-v<n>`), written once and never changed, so every text
 * the secretary ever saved can be read back and exported.
 */

interface MinutesDoc extends Minutes {
  type: 'minutes';
}

export interface MinutesVersionDoc extends MinutesVersionInfo {
  id: string;
  type: 'minutesVersion';
  groupId: string;
  minutesId: string;
  doc: MinutesDocument;
}

export function minutesIdOf(meetingId: string): string {
  return `minutes-${meetingId.replace(/^meeting-/, '')}`;
}

function fromDoc(doc: Record<string, unknown>): Minutes {
  return withoutSystem<Minutes>(doc, ['type']);
}

export class MinutesRepo {
  constructor(private readonly container: Container) {}

  async get(groupId: string, id: string): Promise<Minutes | undefined> {
    const r = await this.container.item(id, groupId).read<MinutesDoc>();
    if (r.statusCode === 404 || !r.resource || r.resource.type !== 'minutes' || r.resource.groupId !== groupId) return undefined;
    return fromDoc(r.resource as unknown as Record<string, unknown>);
  }

  async list(groupId: string): Promise<Minutes[]> {
    const { resources } = await this.container.items
      .query<MinutesDoc>({ query: "SELECT * FROM c WHERE c.groupId = @g AND c.type = 'minutes'", parameters: [{ name: '@g', value: groupId }] }, { partitionKey: groupId })
      .fetchAll();
    return resources.map((d) => fromDoc(d as unknown as Record<string, unknown>));
  }

  /** The text of version `n` (the head for the current one). */
  async version(groupId: string, id: string, n: number): Promise<MinutesDocument | undefined> {
    const head = await this.get(groupId, id);
    if (!head) return undefined;
    if (n === head.version) return head.doc;
    const r = await this.container.item(`${id}-v${n}`, groupId).read<MinutesVersionDoc>();
    if (r.statusCode === 404 || r.resource?.type !== 'minutesVersion' || r.resource.minutesId !== id) return undefined;
    return r.resource.doc;
  }

  /** Creates the minutes once (a second draft for the same meeting finds the first one). */
  async create(m: Minutes): Promise<{ created: boolean; minutes: Minutes }> {
    const { created } = await createOnce(this.container, { ...m, type: 'minutes' });
    if (created) await this.keepVersion(m);
    return { created, minutes: created ? m : ((await this.get(m.groupId, m.id)) ?? m) };
  }

  private async keepVersion(m: Minutes): Promise<void> {
    const info = m.history.find((h) => h.version === m.version)!;
    const doc: MinutesVersionDoc = { ...info, id: `${m.id}-v${m.version}`, type: 'minutesVersion', groupId: m.groupId, minutesId: m.id, doc: m.doc };
    await createOnce(this.container, doc);
  }

  /**
   * Read → change → replace with If-Match, retried on 412: two edits at once both land, each on
   * the other's result. A new version's text is kept as its own document.
   */
  async update<R>(groupId: string, id: string, change: (m: Minutes | undefined) => Change<Minutes, R>): Promise<{ result: R; minutes?: Minutes }> {
    let written: Minutes | undefined;
    const result = await updateWithRetry<MinutesDoc, R>(this.container, id, groupId, (doc) => {
      const current = doc && doc.type === 'minutes' && doc.groupId === groupId ? fromDoc(doc as unknown as Record<string, unknown>) : undefined;
      written = undefined;
      const decided = change(current);
      if (decided.next === undefined) return { result: decided.result };
      if (!current) throw new Error(`minutes ${id} do not exist; update may not create them`);
      written = decided.next;
      return { next: { ...decided.next, type: 'minutes' }, result: decided.result };
    });
    const before = written;
    if (before && before.history.some((h) => h.version === before.version)) await this.keepVersion(before);
    return { result, ...(written ? { minutes: written } : {}) };
  }
}
