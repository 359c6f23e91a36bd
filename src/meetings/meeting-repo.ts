import type { Container } from '@azure/cosmos';
import type { ActionItem, AttendanceMark, Decision, Meeting, MeetingStatus, Note } from './domain/meeting.js';
import type { MeetingStore } from '../shared/ports.js';
import { CoalescedPatches, conditionalSet } from '../store/coalesced-patches.js';
import { cosmosStatus } from '../store/cosmos-errors.js';
import { withoutSystem } from '../store/doc.js';
import { RecentReads } from '../store/recent-reads.js';
import { createOnce, updateWithRetry, type Change } from '../store/update-with-retry.js';

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
  private readonly reads: RecentReads<MeetingDoc, Meeting>;
  /** Check-ins that come while three patches of the meeting are on their way go together (see `setAttendance`). */
  private readonly marks: CoalescedPatches<MeetingDoc>;

  constructor(private readonly container: Container) {
    this.reads = new RecentReads<MeetingDoc, Meeting>(container, (doc, groupId) =>
      doc.type === 'meeting' && doc.groupId === groupId ? fromDoc(doc as unknown as Record<string, unknown>) : undefined);
    this.marks = new CoalescedPatches<MeetingDoc>(container, { initialHeaders: { Prefer: 'return=minimal' } });
  }

  /** The meeting, only if it belongs to this group (a forged id from another group finds nothing). */
  async get(groupId: string, meetingId: string): Promise<Meeting | undefined> {
    return this.reads.fresh(meetingId, groupId);
  }

  /**
   * The meeting as read at most a second ago, with this instance's own writes: the start of a write
   * guarded by its own condition (`setAttendance` with `expected`), when a whole group checks in.
   */
  async recent(groupId: string, meetingId: string): Promise<Meeting | undefined> {
    return this.reads.recent(meetingId, groupId);
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
    try {
      return await createOnce(this.container, toDoc(meeting));
    } finally {
      this.reads.forget(meeting.id, meeting.groupId);
    }
  }

  /**
   * Read → change → replace with If-Match, retried on 412. `change` gets undefined when the meeting
   * does not exist in this group; it must then decide no write.
   */
  async update<R>(groupId: string, meetingId: string, change: (m: Meeting | undefined) => Change<Meeting, R>): Promise<R> {
    try {
      return await this.replaceWithRetry(groupId, meetingId, change);
    } finally {
      this.reads.forget(meetingId, groupId);
    }
  }

  private async replaceWithRetry<R>(groupId: string, meetingId: string, change: (m: Meeting | undefined) => Change<Meeting, R>): Promise<R> {
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
    } finally {
      this.reads.forget(meetingId, groupId);
    }
  }

  /**
   * One member's attendance in one round trip (no 412 storm when everyone checks in at once): a
   * Cosmos patch on `/attendance/<memberId>`, conditional on the meeting being in one of `onlyIn`
   * (so a press that races "avsluta möte" is not written after the end) and, when `expected` is
   * given, on the member's mark still being that one (null: none), so a decision taken on an older
   * copy of the meeting is never written over a newer mark. False when it is not there or a
   * condition failed: then decide again on a fresh read.
   *
   * When a whole group presses at once, the marks that come while three patches of the meeting are on
   * their way go together in the next one, each with its own condition (`CoalescedPatches`), and
   * Cosmos does not send the 40 KB meeting back (Prefer: return=minimal). A mark does not make
   * `recent` read again (200 marks in a second would cost 200 reads): the next press is decided on
   * the copy and written only if that member's mark is still what the copy says.
   */
  async setAttendance(groupId: string, meetingId: string, memberId: string, mark: AttendanceMark, onlyIn?: readonly MeetingStatus[], expected?: AttendanceMark | null): Promise<boolean> {
    const states = onlyIn ? ` AND ARRAY_CONTAINS(${JSON.stringify(onlyIn.filter((x) => /^[A-Za-z]+$/.test(x)))}, c.status)` : '';
    const same = expected === undefined ? '' : sameMarkCondition(memberId, expected);
    if (same === undefined) return false;
    const outcome = await this.marks.apply(meetingId, groupId, `FROM c WHERE c.type = 'meeting'${states}`, conditionalSet(`/attendance/${pointerEscape(memberId)}`, mark, same));
    return outcome.written;
  }
}

const SAFE_ID = /^[A-Za-z0-9_-]+$/;
const SAFE_VALUE = /^[A-Za-z0-9_.:+-]+$/;

/** "The member's mark is still `expected`" as a patch condition; undefined when a value is not safe to put in one. */
function sameMarkCondition(memberId: string, expected: AttendanceMark | null): string | undefined {
  if (!SAFE_ID.test(memberId)) return undefined;
  const path = `c.attendance["${memberId}"]`;
  if (expected === null) return ` AND NOT IS_DEFINED(${path})`;
  const fields = { at: expected.at, status: expected.status, source: expected.source, by: expected.by };
  if (!Object.values(fields).every((v) => v === undefined || SAFE_VALUE.test(v))) return undefined;
  return Object.entries(fields).map(([k, v]) => (v === undefined ? ` AND NOT IS_DEFINED(${path}["${k}"])` : ` AND ${path}["${k}"] = "${v}"`)).join('');
}

/** JSON Pointer escaping for a map key used in a patch path. */
function pointerEscape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

