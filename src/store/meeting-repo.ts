import type { Container } from '@azure/cosmos';
import type { ActionItem, AttendanceMark, Decision, Meeting, MeetingStatus, Note } from '../domain/meeting.js';
import type { MeetingStore } from '../domain/ports.js';
import { cosmosStatus } from './cosmos-errors.js';
import { ConditionalReads } from './conditional-reads.js';
import { withoutSystem, type Versioned } from './doc.js';
import { createOnce, updateWithRetry, type Change } from './update-with-retry.js';

/** One document per meeting in the group's partition: id `meeting-…`, type `meeting`. */
interface MeetingDoc extends Meeting {
  type: 'meeting';
}

function toDoc(m: Meeting): MeetingDoc {
  return { ...m, type: 'meeting' };
}

function fromDoc(doc: Record<string, unknown>): Meeting {
  return withoutSystem<Meeting>(doc, ['type']);
}

/** Many people write to a running meeting at once (notes): allow more attempts than the default. */
const MAX_ATTEMPTS = 200;

export class MeetingRepo implements MeetingStore {
  private readonly reads: ConditionalReads<MeetingDoc, Meeting>;

  constructor(private readonly container: Container) {
    this.reads = new ConditionalReads<MeetingDoc, Meeting>(container, 200, (doc, groupId) =>
      doc.type === 'meeting' && doc.groupId === groupId ? fromDoc(doc as unknown as Record<string, unknown>) : undefined);
  }

  async read(groupId: string, meetingId: string): Promise<Versioned<Meeting> | undefined> {
    return this.reads.read(meetingId, groupId);
  }

  /** The meeting, only if it belongs to this group (a forged id from another group finds nothing). */
  async get(groupId: string, meetingId: string): Promise<Meeting | undefined> {
    return (await this.read(groupId, meetingId))?.value;
  }

  /** The group's meetings, optionally only those in some states (unordered). */
  async list(groupId: string, statuses?: readonly MeetingStatus[]): Promise<Meeting[]> {
    const filter = statuses ? ' AND ARRAY_CONTAINS(@statuses, c.status)' : '';
    const { resources } = await this.container.items
      .query<MeetingDoc>(
        {
          query: `SELECT * FROM c WHERE c.groupId = @g AND c.type = 'meeting'${filter}`,
          parameters: [{ name: '@g', value: groupId }, ...(statuses ? [{ name: '@statuses', value: [...statuses] }] : [])],
        },
        { partitionKey: groupId },
      )
      .fetchAll();
    return resources.map((d) => fromDoc(d as unknown as Record<string, unknown>));
  }

  async create(meeting: Meeting): Promise<{ created: boolean }> {
    return createOnce(this.container, toDoc(meeting));
  }

  /**
   * Read → change → replace with If-Match, retried on 412. `change` gets undefined when the meeting
   * does not exist in this group; it must then decide no write.
   */
  async update<R>(groupId: string, meetingId: string, change: (m: Meeting | undefined) => Change<Meeting, R>): Promise<R> {
    return updateWithRetry<MeetingDoc, R>(
      this.container,
      meetingId,
      groupId,
      (doc) => {
        const current = doc && doc.type === 'meeting' && doc.groupId === groupId ? fromDoc(doc as unknown as Record<string, unknown>) : undefined;
        const decided = change(current);
        if (decided.next === undefined) return { result: decided.result };
        if (!current) throw new Error(`meeting ${meetingId} does not exist; update may not create it`);
        return { next: toDoc(decided.next), result: decided.result };
      },
      { maxAttempts: MAX_ATTEMPTS },
    );
  }

  /**
   * Appends one record (note, decision, action item) in one round trip: a conditional Cosmos patch
   * that only applies while the meeting is running and the record's id is not there yet, so parallel
   * writers never collide on the ETag and a redelivered activity is not recorded twice. False when the
   * condition failed (ended meeting, duplicate) or the meeting is missing: then re-check with `update`.
   */
  async appendRecord(groupId: string, meetingId: string, key: 'notes' | 'decisions' | 'actionItems', record: Note | Decision | ActionItem, at: string): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]+$/.test(record.id)) throw new Error(`record id ${record.id} is not safe in a patch condition`);
    try {
      await this.container.item(meetingId, groupId).patch({
        operations: [
          { op: 'add', path: `/${key}/-`, value: record },
          { op: 'set', path: '/updatedAt', value: at },
        ],
        condition: `FROM c WHERE c.type = 'meeting' AND c.status = 'started' AND NOT ARRAY_CONTAINS(c.${key}, {"id": "${record.id}"}, true)`,
      });
      return true;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 404 || status === 412) return false;
      throw err;
    }
  }

  /**
   * One member's attendance in one round trip (no 412 storm when everyone checks in at once): a
   * Cosmos patch on `/attendance/<memberId>`, conditional on the meeting being in one of `onlyIn`
   * (so a press that races "avsluta möte" is not written after the end). Setting the same mark twice
   * is harmless. False when the meeting is not there or no longer in those states.
   */
  async setAttendance(groupId: string, meetingId: string, memberId: string, mark: AttendanceMark, onlyIn?: readonly MeetingStatus[]): Promise<boolean> {
    const states = onlyIn ? ` AND ARRAY_CONTAINS(${JSON.stringify(onlyIn.filter((x) => /^[A-Za-z]+$/.test(x)))}, c.status)` : '';
    try {
      await this.container.item(meetingId, groupId).patch({
        operations: [{ op: 'set', path: `/attendance/${pointerEscape(memberId)}`, value: mark }],
        condition: `FROM c WHERE c.type = 'meeting'${states}`,
      });
      return true;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 404 || status === 412) return false;
      throw err;
    }
  }
}

/** JSON Pointer escaping for a map key used in a patch path. */
function pointerEscape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
