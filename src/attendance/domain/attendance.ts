import { findMember, isForbundOrganisation, memberById, partiesOf, rolesAt, rolesLookup, type Group, type Member, type Role } from '../../groups/domain/group.js';
import { isPlanning, itemIndex, itemNumber, type AttendanceMark, type AttendanceStatus, type Meeting, type MeetingStatus } from '../../meetings/domain/meeting.js';
import { may } from '../../groups/domain/permissions.js';
import { err, ok, type DomainError, type Result } from '../../shared/result.js';

/**
 * Attendance (issue 5): who was at a meeting, marked by themselves ("Närvarande") or by the chair,
 * vice chair or secretary, with automatic presence from Teams participant events when nobody has
 * marked the member. Counts per party (organisation) and statistics against the group's target.
 */

export type AttendanceErrorCode =
  | 'ATTENDANCE.UNKNOWN_MEMBER'
  | 'ATTENDANCE.NOT_A_MEMBER'
  | 'ATTENDANCE.OTHERS_NOT_ALLOWED'
  | 'ATTENDANCE.SELF_STATUS'
  | 'ATTENDANCE.ITEMS_MISSING'
  | 'ATTENDANCE.ITEM_OUTSIDE_AGENDA'
  | 'ATTENDANCE.ITEMS_ORDER'
  | 'ATTENDANCE.SUBSTITUTE_FOR_MISSING'
  | 'ATTENDANCE.SUBSTITUTE_FOR_SELF'
  | 'ATTENDANCE.MEETING_ENDED'
  | 'ATTENDANCE.MINUTES_ADJUSTED'
  | 'ATTENDANCE.NOTICE_CLOSED';
export type AttendanceError = DomainError<AttendanceErrorCode>;

/** While a meeting is in these states anyone may change their own mark (and leaders anyone's). */
export const OPEN_STATUSES: readonly MeetingStatus[] = ['planned', 'noticed', 'started'];
/** After the meeting ended and until the minutes are adjusted (justerat) only the secretary corrects. */
const CORRECTABLE: readonly MeetingStatus[] = ['ended', 'minutesDrafted', 'inAdjustment'];
/** States in which the meeting has been held (counted in statistics). */
export const HELD_STATUSES: readonly MeetingStatus[] = ['started', 'ended', 'minutesDrafted', 'inAdjustment', 'adjusted'];
/** What a member may set on themselves. */
// A member reports förhinder for themselves from the notice (issue 25).
const SELF_STATUSES: readonly AttendanceStatus[] = ['present', 'absent', 'excused'];
/** Statuses in which the person was there (for some or all of the meeting). */
const THERE: readonly AttendanceStatus[] = ['present', 'partial', 'substitute'];

export function isOpenForMarks(m: Pick<Meeting, 'status'>): boolean {
  return OPEN_STATUSES.includes(m.status);
}

export interface MarkInput {
  /** Whose attendance is marked. */
  memberId: string;
  status: AttendanceStatus;
  /** Partial presence: first and last agenda item attended (item ids). */
  fromItemId?: string;
  toItemId?: string;
  substituteFor?: string;
  /** Who marks (from the activity); undefined when not in the group. */
  actor: Member | undefined;
  at: string;
  /** The press as Teams sent it; kept on the mark so a redelivery of it changes nothing. */
  activityId?: string;
  /** From the notice (Anmäl förhinder, Skicka ersättare): only while the meeting is being planned. */
  fromNotice?: boolean;
}

export interface Marked {
  target: Member;
  mark: AttendanceMark;
  previous?: AttendanceMark;
  /** False when the mark already said this (a double press): nothing needs writing. */
  changed: boolean;
  /** True when this corrects a meeting that has ended (secretary only; logged on the mark). */
  correction: boolean;
  /**
   * This very press was recorded before (Teams delivered it again): nothing is written. `latest`:
   * the member's mark is still the one it made.
   */
  redelivered?: { latest: boolean };
}

/** "§1-4" (protokoll) or "1-4" (minnesanteckningar); one item alone: "§3". */
export function itemSpan(m: Meeting, fromItemId: string, toItemId: string): string {
  const a = itemNumber(m, itemIndex(m, fromItemId));
  const b = itemNumber(m, itemIndex(m, toItemId)).replace(/^§/, '');
  return fromItemId === toItemId ? a : `${a}-${b}`;
}

function sameMark(a: AttendanceMark | undefined, b: AttendanceMark): boolean {
  return !!a && a.status === b.status && a.fromItemId === b.fromItemId && a.toItemId === b.toItemId && a.substituteFor === b.substituteFor;
}

/** Is this member the meeting's secretary (by the meeting's plan, or by role at the moment)? */
function isSecretary(group: Group, m: Meeting, member: Member, at: string): boolean {
  return m.secretaryId === member.id || rolesAt(group, member.id, at).includes('secretary');
}

/** Presses remembered per member's mark: Teams redelivers within seconds, so a few are plenty. */
export const MARK_ACTIVITY_IDS = 5;

/**
 * Checks and builds one mark. Members may mark only themselves (present, or absent to undo) while
 * the meeting is open; chair, vice chair and secretary may mark anyone of the group, including
 * people who are not in Teams. After the meeting ended only the secretary may correct, and the
 * correction is logged on the mark. Marking what is already marked changes nothing.
 */
export function markAttendance(m: Meeting, group: Group, input: MarkInput): Result<Marked, AttendanceError> {
  const actor = input.actor && !input.actor.removedAt ? input.actor : undefined;
  if (!actor) return err('ATTENDANCE.NOT_A_MEMBER');
  const target = memberById(group, input.memberId);
  if (!target || target.removedAt) return err('ATTENDANCE.UNKNOWN_MEMBER', { memberId: input.memberId });
  const recorded = m.attendance[target.id];
  const ids = recorded?.activityIds ?? [];
  if (input.activityId && ids.includes(input.activityId)) {
    return ok({ target, mark: recorded!, previous: recorded, changed: false, correction: false, redelivered: { latest: ids.at(-1) === input.activityId } });
  }
  // Once the meeting has begun the notice's buttons answer nothing: the check-in card and its leaders decide.
  if (input.fromNotice && !isPlanning(m)) return err('ATTENDANCE.NOTICE_CLOSED');
  const self = target.id === actor.id;
  const leader = may(group, actor, 'attendance.markOthers', input.at);
  // A member sends their own ersättare (issue 25): the substitute may be marked as standing in for them.
  // Never over someone's own answer: an ersättare who reported förhinder or was sent by another stays so.
  const ownSubstitute = !self && input.status === 'substitute' && input.substituteFor === actor.id && recorded?.source !== 'self' && isPlanning(m);
  if (!self && !leader && !ownSubstitute) return err('ATTENDANCE.OTHERS_NOT_ALLOWED', { name: target.name });
  if (self && !leader && !SELF_STATUSES.includes(input.status)) return err('ATTENDANCE.SELF_STATUS');

  let correction = false;
  if (!isOpenForMarks(m)) {
    if (m.status === 'adjusted') return err('ATTENDANCE.MINUTES_ADJUSTED');
    if (!CORRECTABLE.includes(m.status) || !isSecretary(group, m, actor, input.at)) return err('ATTENDANCE.MEETING_ENDED');
    correction = true;
  }

  const activityIds = [...ids, ...(input.activityId ? [input.activityId] : [])].slice(-MARK_ACTIVITY_IDS);
  const mark: AttendanceMark = { status: input.status, source: self ? 'self' : 'marked', at: input.at, by: actor.id, byName: actor.name, ...(activityIds.length ? { activityIds } : {}) };
  if (input.status === 'partial') {
    if (!input.fromItemId || !input.toItemId) return err('ATTENDANCE.ITEMS_MISSING');
    const from = itemIndex(m, input.fromItemId);
    const to = itemIndex(m, input.toItemId);
    if (from === -1 || to === -1) return err('ATTENDANCE.ITEM_OUTSIDE_AGENDA', { count: m.items.length });
    if (from > to) return err('ATTENDANCE.ITEMS_ORDER');
    Object.assign(mark, { fromItemId: input.fromItemId, toItemId: input.toItemId, items: itemSpan(m, input.fromItemId, input.toItemId) });
  }
  if (input.status === 'substitute') {
    const forWhom = memberById(group, input.substituteFor);
    if (!forWhom || forWhom.removedAt) return err('ATTENDANCE.SUBSTITUTE_FOR_MISSING');
    if (forWhom.id === target.id) return err('ATTENDANCE.SUBSTITUTE_FOR_SELF');
    mark.substituteFor = forWhom.id;
  }

  const previous = m.attendance[target.id];
  if (sameMark(previous, mark)) return ok({ target, mark: previous!, previous, changed: false, correction: false });
  if (previous?.corrections) mark.corrections = previous.corrections;
  if (correction) {
    const { corrections: _c, activityIds: _a, ...before } = previous ?? ({} as AttendanceMark);
    mark.corrections = [...(mark.corrections ?? []), { at: input.at, by: actor.id, byName: actor.name, ...(previous ? { previous: before } : {}) }];
  }
  return ok({ target, mark, ...(previous ? { previous } : {}), changed: true, correction });
}

// ---- effective attendance ---------------------------------------------------------------------

export type AttendanceSource = 'self' | 'marked' | 'auto' | 'none';

export interface Effective {
  member: Member;
  /** `none`: nobody marked the member and Teams saw them neither. */
  status: AttendanceStatus | 'none';
  source: AttendanceSource;
  mark?: AttendanceMark;
  /** From Teams participant events (first join, last leave after it). */
  joinedAt?: string;
  leftAt?: string;
  /** Expected at this meeting (a member then; not only a substitute). */
  expected: boolean;
  /** Förbund staff (kansli): attends, is listed, but counts for no party. */
  staff?: boolean;
}

/** The moment whose roster and roles a meeting is judged by. */
export function meetingMoment(m: Meeting): string {
  return m.startedAt ?? (m.date ? `${m.date}T${m.time?.start ?? '00:00'}:00` : m.createdAt);
}

/**
 * Was the member in the group for this meeting: not removed before it began, and added before it
 * ended (someone added while the meeting runs counts too).
 */
function memberFor(m: Meeting, member: Member, at: string): boolean {
  return (!m.endedAt || member.addedAt <= m.endedAt) && (!member.removedAt || member.removedAt > at);
}

/** Join and leave times per member from the meeting's Teams participant events. */
export function participantTimes(m: Meeting, group: Group): Map<string, { joinedAt: string; leftAt?: string }> {
  const out = new Map<string, { joinedAt: string; leftAt?: string }>();
  const events = [...m.participantEvents].sort((a, b) => a.at.localeCompare(b.at));
  for (const e of events) {
    const member = memberById(group, e.memberId) ?? findMember(group, { ...(e.teamsId ? { teamsId: e.teamsId } : {}), ...(e.aadObjectId ? { aadObjectId: e.aadObjectId } : {}) });
    if (!member) continue;
    const cur = out.get(member.id);
    if (e.kind === 'join') out.set(member.id, cur ? { joinedAt: cur.joinedAt } : { joinedAt: e.at });
    else if (cur) out.set(member.id, { ...cur, leftAt: e.at });
  }
  return out;
}

/**
 * Every member who was expected or has any attendance, in roster order, with what counts: a mark
 * made by a person first, else presence seen by Teams, else nothing.
 */
export function effectiveAttendance(m: Meeting, group: Group): Effective[] {
  const at = meetingMoment(m);
  const seen = participantTimes(m, group);
  const rolesOf = rolesLookup(group);
  const out: Effective[] = [];
  for (const member of group.members) {
    const e = effectiveOf(m, member, at, rolesOf, seen.get(member.id));
    if (e) out.push(e);
  }
  return out;
}

/** One member's line of `effectiveAttendance` (undefined: not on it). */
export function effectiveFor(m: Meeting, group: Group, memberId: string): Effective | undefined {
  const member = memberById(group, memberId);
  return member && effectiveOf(m, member, meetingMoment(m), rolesLookup(group), participantTimes(m, group).get(member.id));
}

function effectiveOf(m: Meeting, member: Member, at: string, rolesOf: (member: Member, at: string) => Role[], times: { joinedAt: string; leftAt?: string } | undefined): Effective | undefined {
  const mark = m.attendance[member.id];
  const inGroup = memberFor(m, member, at);
  const roles = inGroup ? rolesOf(member, member.addedAt > at ? member.addedAt : at) : [];
  const expected = inGroup && !(roles.length === 1 && roles[0] === 'substitute');
  if (!expected && !mark && !times) return undefined;
  const e = withMark({ member, expected }, mark, times);
  if (isForbundOrganisation(member.organisation) || roles.includes('kansli')) e.staff = true;
  return e;
}

/** The line for a member as `expected` says, with their mark, else what Teams saw, else nothing. */
function withMark(base: Pick<Effective, 'member' | 'expected' | 'staff'>, mark: AttendanceMark | undefined, times: { joinedAt: string; leftAt?: string } | undefined): Effective {
  const { member, expected } = base;
  // Built field by field, not by spreading: this runs for every member on every check-in.
  const e: Effective = mark
    ? { member, expected, status: mark.status, source: mark.source ?? 'marked', mark }
    : times ? { member, expected, status: 'present', source: 'auto' } : { member, expected, status: 'none', source: 'none' };
  if (times) {
    e.joinedAt = times.joinedAt;
    if (times.leftAt) e.leftAt = times.leftAt;
  }
  if (base.staff) e.staff = true;
  return e;
}

export function isThere(e: Pick<Effective, 'status'>): boolean {
  return e.status !== 'none' && THERE.includes(e.status);
}

export interface PartyCount {
  /** The party; undefined for members without an organisation (and for the staff line). */
  organisation?: string;
  /** The förbund's staff (kansli): listed last, counted for nobody (present and expected 0). */
  staff?: boolean;
  /** Expected members whose seat is filled (present, partly present, or by a substitute). */
  present: number;
  expected: number;
  people: Effective[];
}

/** The party a person counts for: a substitute counts for the party of whom they stand in for. */
function partyOf(group: Group, e: Effective): string | undefined {
  const forWhom = e.status === 'substitute' ? memberById(group, e.mark?.substituteFor) : undefined;
  return (forWhom ?? e.member).organisation;
}

/**
 * Present / expected per party, in the group's order of parties (members without one after them).
 * The förbund's staff (kansli) are no party: they come last on a line of their own that counts
 * for nobody, so a party's share and the meeting's total are the member organisations' alone.
 */
export function partyCounts(m: Meeting, group: Group): PartyCount[] {
  const everyone = effectiveAttendance(m, group);
  const all = everyone.filter((e) => !e.staff);
  const staff = everyone.filter((e) => e.staff);
  const substituted = substitutedIds(everyone);
  const orgs: Array<string | undefined> = [...partiesOf(group)];
  for (const e of all) {
    const o = partyOf(group, e);
    if (o !== undefined && !orgs.includes(o)) orgs.push(o);
  }
  if (all.some((e) => partyOf(group, e) === undefined)) orgs.push(undefined);
  const counts: PartyCount[] = orgs
    .map((organisation) => {
      const people = all.filter((e) => partyOf(group, e) === organisation);
      const expected = people.filter((e) => e.expected && e.member.organisation === organisation).length;
      return { ...(organisation !== undefined ? { organisation } : {}), present: seated(people, organisation, substituted), expected, people };
    })
    .filter((p) => p.people.length > 0);
  if (staff.length) counts.push({ staff: true, present: 0, expected: 0, people: staff });
  return counts;
}

function substitutedIds(all: Effective[]): Set<string> {
  return new Set(all.filter((e) => e.status === 'substitute' && e.mark?.substituteFor).map((e) => e.mark!.substituteFor!));
}

/** Expected members of the party whose seat is filled. */
function seated(people: Effective[], organisation: string | undefined, substituted: Set<string>): number {
  return people.filter((e) => e.expected && e.member.organisation === organisation && (isThere(e) || substituted.has(e.member.id))).length;
}

// ---- statistics --------------------------------------------------------------------------------

export interface Period {
  /** Inclusive, YYYY-MM-DD (Europe/Stockholm). */
  from?: string;
  to?: string;
}

export interface Ratio {
  called: number;
  attended: number;
  /** Rounded percent; undefined when never called. */
  percent?: number;
}

export interface PartyStat extends Ratio {
  organisation?: string;
  meetsTarget: boolean;
}

export interface PersonStat extends Ratio {
  memberId: string;
  name: string;
  organisation?: string;
  /** Meetings the person reported förhinder for (issue 25). */
  excused: number;
}

export interface AttendanceStats {
  targetPercent: number;
  meetings: Meeting[];
  parties: PartyStat[];
  people: PersonStat[];
}

/** The day a meeting was held on: its planned date, else the day it started (UTC date; callers pass Stockholm dates). */
export function meetingDay(m: Meeting, stockholmDay: (iso: string) => string): string {
  return m.date ?? stockholmDay(m.startedAt ?? m.createdAt);
}

function ratio(called: number, attended: number): Ratio {
  return { called, attended, ...(called > 0 ? { percent: Math.round((attended * 100) / called) } : {}) };
}

/**
 * Over the held meetings in the period: per party, meetings it was called to (had an expected
 * member) against meetings it attended (at least one seat filled), and whether that meets the
 * group's target; per person, meetings called against attended.
 */
export function attendanceStats(group: Group, meetings: Meeting[], period: Period, stockholmDay: (iso: string) => string): AttendanceStats {
  const held = meetings
    .filter((m) => HELD_STATUSES.includes(m.status))
    .filter((m) => {
      const day = meetingDay(m, stockholmDay);
      return (!period.from || day >= period.from) && (!period.to || day <= period.to);
    })
    .sort((a, b) => meetingDay(a, stockholmDay).localeCompare(meetingDay(b, stockholmDay)) || meetingMoment(a).localeCompare(meetingMoment(b)));
  const party = new Map<string | undefined, { called: number; attended: number }>();
  const person = new Map<string, { called: number; attended: number; excused: number }>();
  for (const o of partiesOf(group)) party.set(o, { called: 0, attended: 0 });
  for (const m of held) {
    for (const p of partyCounts(m, group)) {
      if (p.staff || p.expected === 0) continue;
      const s = party.get(p.organisation) ?? { called: 0, attended: 0 };
      party.set(p.organisation, { called: s.called + 1, attended: s.attended + (p.present > 0 ? 1 : 0) });
    }
    for (const e of effectiveAttendance(m, group)) {
      // Förbund staff attend without being called as a party's representative: not in the statistics.
      if (e.staff || (!e.expected && !isThere(e))) continue;
      const s = person.get(e.member.id) ?? { called: 0, attended: 0, excused: 0 };
      person.set(e.member.id, { called: s.called + (e.expected ? 1 : 0), attended: s.attended + (isThere(e) ? 1 : 0), excused: s.excused + (e.status === 'excused' ? 1 : 0) });
    }
  }
  const target = group.settings.attendanceTargetPercent;
  const parties: PartyStat[] = [...party.entries()]
    .filter(([, s]) => s.called > 0)
    .map(([organisation, s]) => ({ ...(organisation !== undefined ? { organisation } : {}), ...ratio(s.called, s.attended), meetsTarget: s.attended * 100 >= target * s.called }));
  const people: PersonStat[] = group.members
    .filter((x) => person.has(x.id))
    .map((x) => {
      const s = person.get(x.id)!;
      return { memberId: x.id, name: x.name, ...(x.organisation ? { organisation: x.organisation } : {}), ...ratio(s.called, s.attended), excused: s.excused };
    });
  return { targetPercent: target, meetings: held, parties, people };
}
