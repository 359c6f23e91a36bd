import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { Arende } from './domain/arende.js';
import type { Insats } from './domain/insats.js';
import { withoutSystem } from '../store/doc.js';
import { createOnce, updateWithRetry, type Change } from '../store/update-with-retry.js';

/**
 * The förbund office's documents: ärenden, their yearly diarienummer counters and insatser, in one
 * logical partition of the `domain` container per förbund (tenant), keyed like a group's
 * (`groupId: o_…`), so no group's partition grows with them and one query reads the office's own.
 */
export function officePartition(tenantId: string): string {
  return `o_${createHash('sha256').update(`office\n${tenantId}`).digest('hex').slice(0, 32)}`;
}

interface ArendeDoc extends Arende {
  type: 'arende';
  groupId: string;
  /** Where the decision goes back to: the origin group's conversation (Bot Framework reference). */
  originReference?: Record<string, unknown>;
  /** `placement.meetingId`, queried when a body's meeting ends. */
  meetingId?: string;
}

interface CounterDoc {
  id: string;
  type: 'arende-counter';
  groupId: string;
  year: number;
  next: number;
  /** Numbers already given, by ärende id: a retried open gets the same number. */
  given: Record<string, number>;
}

interface InsatsDoc extends Insats {
  type: 'insats';
  groupId: string;
}

export interface StoredArende {
  arende: Arende;
  originReference?: Record<string, unknown>;
}

const fromArende = (doc: ArendeDoc): StoredArende => ({
  arende: withoutSystem<Arende>(doc as unknown as Record<string, unknown>, ['type', 'groupId', 'originReference', 'meetingId']),
  ...(doc.originReference ? { originReference: doc.originReference } : {}),
});

const toArende = (a: Arende, originReference?: Record<string, unknown>): ArendeDoc => ({
  ...a,
  type: 'arende',
  groupId: officePartition(a.tenantId),
  ...(originReference ? { originReference } : {}),
  ...(a.placement ? { meetingId: a.placement.meetingId } : {}),
});

export class OfficeRepo {
  constructor(private readonly container: Container) {}

  /** The ärende's number within the förbund's year: the same ärende id always gets the same one. */
  async numberFor(tenantId: string, year: number, arendeId: string): Promise<number> {
    const pk = officePartition(tenantId);
    return updateWithRetry<CounterDoc, number>(this.container, `arende-counter-${year}`, pk, (c) => {
      const current: CounterDoc = c ?? { id: `arende-counter-${year}`, type: 'arende-counter', groupId: pk, year, next: 1, given: {} };
      const given = current.given[arendeId];
      if (given !== undefined) return { result: given };
      return { next: { ...current, next: current.next + 1, given: { ...current.given, [arendeId]: current.next } }, result: current.next };
    });
  }

  async createArende(a: Arende, originReference?: Record<string, unknown>): Promise<{ created: boolean }> {
    return createOnce(this.container, toArende(a, originReference));
  }

  /** A point read in the tenant's office partition: an id from another förbund is not found. */
  async getArende(tenantId: string, id: string): Promise<StoredArende | undefined> {
    const { resource } = await this.container.item(id, officePartition(tenantId)).read<ArendeDoc>();
    return resource?.type === 'arende' ? fromArende(resource) : undefined;
  }

  async updateArende<R>(tenantId: string, id: string, change: (a: Arende | undefined) => Change<Arende, R>): Promise<R> {
    return updateWithRetry<ArendeDoc, R>(this.container, id, officePartition(tenantId), (doc) => {
      const stored = doc?.type === 'arende' ? fromArende(doc) : undefined;
      const decided = change(stored?.arende);
      return decided.next === undefined ? { result: decided.result } : { next: toArende(decided.next, stored?.originReference), result: decided.result };
    });
  }

  /** The ärenden placed on a meeting (a body's meeting that has just ended). */
  async placedOn(tenantId: string, groupId: string, meetingId: string): Promise<StoredArende[]> {
    const pk = officePartition(tenantId);
    const { resources } = await this.container.items
      .query<ArendeDoc>({ query: "SELECT * FROM c WHERE c.groupId = @pk AND c.type = 'arende' AND c.meetingId = @m AND c.placement.groupId = @g", parameters: [{ name: '@pk', value: pk }, { name: '@m', value: meetingId }, { name: '@g', value: groupId }] }, { partitionKey: pk })
      .fetchAll();
    return resources.map(fromArende);
  }

  async createInsats(i: Insats): Promise<{ created: boolean }> {
    return createOnce<InsatsDoc>(this.container, { ...i, type: 'insats', groupId: officePartition(i.tenantId) });
  }

  /** A point read in the tenant's office partition. */
  async getInsats(tenantId: string, id: string): Promise<Insats | undefined> {
    const { resource } = await this.container.item(id, officePartition(tenantId)).read<InsatsDoc>();
    return resource?.type === 'insats' ? withoutSystem<Insats>(resource as unknown as Record<string, unknown>, ['type', 'groupId']) : undefined;
  }

  async insatser(tenantId: string): Promise<Insats[]> {
    const pk = officePartition(tenantId);
    const { resources } = await this.container.items
      .query<InsatsDoc>({ query: "SELECT * FROM c WHERE c.groupId = @pk AND c.type = 'insats'", parameters: [{ name: '@pk', value: pk }] }, { partitionKey: pk })
      .fetchAll();
    return resources.map((d) => withoutSystem<Insats>(d as unknown as Record<string, unknown>, ['type', 'groupId'])).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }
}
