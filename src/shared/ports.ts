import type { Group } from '../groups/domain/group.js';
import type { ActionItem, AttendanceMark, Decision, Meeting, MeetingStatus, Note } from '../meetings/domain/meeting.js';

/**
 * Repository ports (STYLE habit 10). The Cosmos implementations live in src/store. A `change`
 * function decides what to write from the current state: `{ next, result }` writes `next`,
 * `{ result }` writes nothing. It must be pure: on an ETag conflict it runs again on fresh data.
 */
export type Outcome<T, R> = { next: T; result: R } | { next?: undefined; result: R };

export interface GroupStore {
  get(groupId: string): Promise<Group | undefined>;
  create(group: Group): Promise<{ created: boolean; group: Group }>;
  update<R>(groupId: string, change: (g: Group | undefined) => Outcome<Group, R>): Promise<R>;
}

export interface MeetingStore {
  get(groupId: string, meetingId: string): Promise<Meeting | undefined>;
  list(groupId: string, statuses?: readonly MeetingStatus[]): Promise<Meeting[]>;
  create(meeting: Meeting): Promise<{ created: boolean }>;
  update<R>(groupId: string, meetingId: string, change: (m: Meeting | undefined) => Outcome<Meeting, R>): Promise<R>;
  appendRecord(groupId: string, meetingId: string, key: 'notes' | 'decisions' | 'actionItems', record: Note | Decision | ActionItem, at: string): Promise<boolean>;
  /** True when written; false when the meeting is missing or a condition failed (decide again on a fresh read). */
  setAttendance(groupId: string, meetingId: string, memberId: string, mark: AttendanceMark, onlyIn?: readonly MeetingStatus[], expected?: AttendanceMark | null): Promise<boolean>;
}
