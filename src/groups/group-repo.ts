import type { Container } from '@azure/cosmos';
import type { Group } from './domain/group.js';
import type { GroupStore } from '../shared/ports.js';
import { withoutSystem } from '../store/doc.js';
import { RecentReads } from '../store/recent-reads.js';
import { createOnce, updateWithRetry, type Change } from '../store/update-with-retry.js';

/** The group's one document in its own partition: id `group`, type `group`. */
export const GROUP_DOC_ID = 'group';

interface GroupDoc extends Group {
  id: typeof GROUP_DOC_ID;
  type: 'group';
}

function toDoc(g: Group): GroupDoc {
  return { ...g, id: GROUP_DOC_ID, type: 'group' };
}

function fromDoc(doc: Record<string, unknown>): Group {
  return withoutSystem<Group>(doc, ['id', 'type']);
}

export class GroupRepo implements GroupStore {
  private readonly reads: RecentReads<GroupDoc, Group>;

  constructor(private readonly container: Container) {
    this.reads = new RecentReads<GroupDoc, Group>(container, (doc) => fromDoc(doc as unknown as Record<string, unknown>));
  }

  async get(groupId: string): Promise<Group | undefined> {
    return this.reads.fresh(GROUP_DOC_ID, groupId);
  }

  /**
   * The group as read at most a second ago: for the card presses a whole group makes at once. This
   * instance's own changes show at once; another instance's may take that long, so a refusal read
   * this way must be checked again with `get`.
   */
  async recent(groupId: string): Promise<Group | undefined> {
    return this.reads.recent(GROUP_DOC_ID, groupId);
  }

  /** Creates the group unless it exists (two people setting it up at once: the first one wins). */
  async create(group: Group): Promise<{ created: boolean; group: Group }> {
    const { created } = await createOnce(this.container, toDoc(group));
    this.reads.forget(GROUP_DOC_ID, group.groupId);
    if (created) return { created, group };
    return { created, group: (await this.get(group.groupId))! };
  }

  /**
   * Read → change → replace with If-Match, retried on 412 (`updateWithRetry`). `change` gets the
   * group (undefined when there is none yet) and must be pure: it may run several times.
   */
  async update<R>(groupId: string, change: (g: Group | undefined) => Change<Group, R>): Promise<R> {
    try {
      return await updateWithRetry<GroupDoc, R>(this.container, GROUP_DOC_ID, groupId, (doc) => {
        const decided = change(doc ? fromDoc(doc as unknown as Record<string, unknown>) : undefined);
        return decided.next === undefined ? { result: decided.result } : { next: toDoc(decided.next), result: decided.result };
      });
    } finally {
      // After the write: a trusting read asks again, and one that started during it is not confirmed.
      this.reads.forget(GROUP_DOC_ID, groupId);
    }
  }

  /**
   * The groups of this tenant where this person is a member: for the förbund office (kansli), whose
   * statistics span its groups. A cross-partition query on purpose (the only one); tenant-bound.
   */
  async withPerson(tenantId: string, who: { aadObjectId?: string; teamsId?: string }): Promise<Group[]> {
    if (!who.aadObjectId && !who.teamsId) return [];
    const { resources } = await this.container.items
      .query<GroupDoc>({
        query: "SELECT VALUE c FROM c JOIN m IN c.members WHERE c.type = 'group' AND c.tenantId = @t AND ((IS_DEFINED(m.aadObjectId) AND m.aadObjectId = @aad) OR (IS_DEFINED(m.teamsId) AND m.teamsId = @tid))",
        parameters: [
          { name: '@t', value: tenantId },
          { name: '@aad', value: who.aadObjectId ?? '' },
          { name: '@tid', value: who.teamsId ?? '' },
        ],
      })
      .fetchAll();
    const seen = new Set<string>();
    return resources
      .map((d) => fromDoc(d as unknown as Record<string, unknown>))
      .filter((g) => !seen.has(g.groupId) && seen.add(g.groupId));
  }
}
