import { itemIndex, itemNumber, meetingSortKey, openActions, type ActionItem, type CarriedAction, type Decision, type FollowUpStatus, type Meeting } from '../../meetings/domain/meeting.js';
import { err, ok, type DomainError, type Result } from '../../shared/result.js';
import { addDays, isLocalDate, stockholmDate, toInstant, type LocalDate } from '../../shared/swedish-date.js';
import { matchesQuery } from '../../shared/text-search.js';

/**
 * Issue 7: the decision log, decision follow-ups, action items to done, reminders and carry-over.
 * Decisions and action items stay where they were recorded (in their meeting's document); this
 * module reads across a group's meetings and changes one record at a time.
 */

export type FollowUpErrorCode =
  | 'ACTION.NOT_FOUND'
  | 'ACTION.NOT_OWNER'
  | 'ACTION.DONE'
  | 'DECISION.NOT_FOUND'
  | 'DATE.INVALID'
  | 'PERIOD.INVALID';
export type FollowUpError = DomainError<FollowUpErrorCode>;

/** Reminders go out at this Stockholm time. */
export const REMINDER_TIME = '08:00';
export const DEFAULT_REMINDER_DAYS = 2;
export const MAX_REMINDER_DAYS = 14;
/** Entries per decision-log card. */
export const LOG_PAGE_SIZE = 10;

// ---- the decision log -----------------------------------------------------------------------

export interface DecisionLogEntry {
  groupId: string;
  meetingId: string;
  meetingTitle: string;
  /** The meeting's date, or the day it was held when it had none. */
  date?: LocalDate;
  /** "§3" or "3" (the item's number in its meeting), '' when the item is gone. */
  number: string;
  itemTitle: string;
  decisionId: string;
  text: string;
  attSatser: string[];
  at: string;
  responsibleName?: string;
  followUpDate?: LocalDate;
  status?: FollowUpStatus;
}

export interface LogFilter {
  query?: string;
  from?: LocalDate;
  to?: LocalDate;
  meetingId?: string;
}

export function meetingDate(m: Pick<Meeting, 'date' | 'startedAt'>): LocalDate | undefined {
  return m.date ?? (m.startedAt ? stockholmDate(new Date(m.startedAt)) : undefined);
}

function logEntry(m: Meeting, d: Decision): DecisionLogEntry {
  const i = itemIndex(m, d.itemId);
  const date = meetingDate(m);
  const f = d.followUp;
  return {
    groupId: m.groupId,
    meetingId: m.id,
    meetingTitle: m.title,
    ...(date ? { date } : {}),
    number: i === -1 ? '' : itemNumber(m, i),
    itemTitle: m.items[i]?.title ?? '',
    decisionId: d.id,
    text: d.text,
    attSatser: d.attSatser,
    at: d.at,
    ...(f?.responsibleName ? { responsibleName: f.responsibleName } : {}),
    ...(f?.date ? { followUpDate: f.date } : {}),
    ...(f ? { status: f.status } : {}),
  };
}

/** A period must run forwards and use real dates. */
export function checkFilter(f: LogFilter): Result<LogFilter, FollowUpError> {
  for (const d of [f.from, f.to]) if (d !== undefined && !isLocalDate(d)) return err('DATE.INVALID', { text: d });
  if (f.from && f.to && f.from > f.to) return err('PERIOD.INVALID', { from: f.from, to: f.to });
  return ok(f);
}

/**
 * The decisions of these meetings that match the filter, newest first (by meeting date, then by when
 * they were recorded). The search word matches the decision, its att-satser and its item's title,
 * case-insensitively and across Swedish inflections.
 */
export function decisionLog(meetings: Meeting[], filter: LogFilter = {}): DecisionLogEntry[] {
  const entries = meetings
    .filter((m) => !filter.meetingId || m.id === filter.meetingId)
    .flatMap((m) => m.decisions.map((d) => logEntry(m, d)))
    .filter((e) => (!filter.from || (e.date !== undefined && e.date >= filter.from)) && (!filter.to || (e.date !== undefined && e.date <= filter.to)))
    .filter((e) => !filter.query || matchesQuery(`${e.text}\n${e.itemTitle}\n${e.responsibleName ?? ''}`, filter.query));
  return entries.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.at.localeCompare(a.at) || b.decisionId.localeCompare(a.decisionId));
}

export interface Page<T> {
  entries: T[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
  total: number;
}

export function pageOf<T>(all: T[], page: number, size = LOG_PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  return { entries: all.slice(p * size, (p + 1) * size), page: p, pages, total: all.length };
}

// ---- decision follow-up -----------------------------------------------------------------------

export interface FollowUpInput {
  decisionId: string;
  responsibleId?: string;
  responsibleName?: string;
  date?: LocalDate;
  status: FollowUpStatus;
  /** Member id of who changes it. */
  by?: string;
  /** May change responsible and date (decision.followUp); the responsible person alone may change the status. */
  mayManage: boolean;
}

/** Sets a decision's follow-up; the responsible person (without a managing role) can only move its status. */
export function setFollowUp(m: Meeting, input: FollowUpInput, at: string): Result<{ meeting: Meeting; decision: Decision }, FollowUpError> {
  const d = m.decisions.find((x) => x.id === input.decisionId);
  if (!d) return err('DECISION.NOT_FOUND');
  if (input.date !== undefined && !isLocalDate(input.date)) return err('DATE.INVALID', { text: input.date });
  const current = d.followUp;
  const isResponsible = !!input.by && current?.responsibleId === input.by;
  if (!input.mayManage && !isResponsible) return err('ACTION.NOT_OWNER');
  const base = input.mayManage
    ? {
        ...(input.responsibleId ? { responsibleId: input.responsibleId } : {}),
        ...(input.responsibleName ? { responsibleName: input.responsibleName } : {}),
        ...(input.date ? { date: input.date } : {}),
      }
    : {
        ...(current?.responsibleId ? { responsibleId: current.responsibleId } : {}),
        ...(current?.responsibleName ? { responsibleName: current.responsibleName } : {}),
        ...(current?.date ? { date: current.date } : {}),
      };
  const decision: Decision = { ...d, followUp: { ...base, status: input.status, updatedAt: at, ...(input.by ? { updatedBy: input.by } : {}) } };
  return ok({ meeting: { ...m, decisions: m.decisions.map((x) => (x.id === d.id ? decision : x)), updatedAt: at }, decision });
}

// ---- action items -------------------------------------------------------------------------------

export interface ActionEntry {
  groupId: string;
  meetingId: string;
  meetingTitle: string;
  meetingDate?: LocalDate;
  actionId: string;
  ownerId?: string;
  ownerName: string;
  text: string;
  due?: LocalDate;
  overdue: boolean;
}

/**
 * Open action items of these meetings (optionally one owner's), earliest due date first, undated
 * last; `overdue` when the due date is before `today`.
 */
export function openActionList(meetings: Meeting[], today: LocalDate, ownerId?: string): ActionEntry[] {
  return meetings
    .flatMap((m) => m.actionItems.filter((a) => a.status === 'open' && (!ownerId || a.ownerId === ownerId)).map((a) => actionEntry(m, a, today)))
    .sort((a, b) => (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') || a.text.localeCompare(b.text, 'sv'));
}

/** One action item as lists and reminders show it (a done item is never overdue). */
export function actionEntry(m: Meeting, a: ActionItem, today: LocalDate): ActionEntry {
  const date = meetingDate(m);
  return {
    groupId: m.groupId,
    meetingId: m.id,
    meetingTitle: m.title,
    ...(date ? { meetingDate: date } : {}),
    actionId: a.id,
    ...(a.ownerId ? { ownerId: a.ownerId } : {}),
    ownerName: a.ownerName,
    text: a.text,
    ...(a.due ? { due: a.due } : {}),
    overdue: a.status === 'open' && !!a.due && a.due < today,
  };
}

export interface ActorRights {
  /** Member id of who acts. */
  memberId?: string;
  /** Holds a role that may manage everyone's items (action.manage). */
  mayManage: boolean;
}

function changeAction(m: Meeting, actionId: string, who: ActorRights, f: (a: ActionItem) => Result<ActionItem, FollowUpError>, at: string): Result<{ meeting: Meeting; action: ActionItem; changed: boolean }, FollowUpError> {
  const a = m.actionItems.find((x) => x.id === actionId);
  if (!a) return err('ACTION.NOT_FOUND');
  if (!who.mayManage && (!who.memberId || a.ownerId !== who.memberId)) return err('ACTION.NOT_OWNER', { owner: a.ownerName });
  const r = f(a);
  if (!r.ok) return r;
  if (r.value === a) return ok({ meeting: m, action: a, changed: false });
  return ok({ meeting: { ...m, actionItems: m.actionItems.map((x) => (x.id === actionId ? r.value : x)), updatedAt: at }, action: r.value, changed: true });
}

/** The owner (or a secretary/chair) marks an item done; done twice is done once. */
export function markActionDone(m: Meeting, actionId: string, who: ActorRights, at: string) {
  return changeAction(m, actionId, who, (a) => (a.status === 'done' ? ok(a) : ok({ ...a, status: 'done', doneAt: at, ...(who.memberId ? { doneBy: who.memberId } : {}) })), at);
}

/** A new due date; the reminders start over for it. An item already done cannot be rescheduled. */
export function rescheduleAction(m: Meeting, actionId: string, due: LocalDate, who: ActorRights, at: string) {
  if (!isLocalDate(due)) return err('DATE.INVALID', { text: due });
  return changeAction(
    m,
    actionId,
    who,
    (a) => {
      if (a.status === 'done') return err('ACTION.DONE');
      if (a.due === due) return ok(a);
      const { reminded: _r, ...rest } = a;
      const entry = { ...(a.due ? { from: a.due } : {}), to: due, at, ...(who.memberId ? { by: who.memberId } : {}) };
      return ok({ ...rest, due, rescheduled: [...(a.rescheduled ?? []), entry] });
    },
    at,
  );
}

// ---- reminders ----------------------------------------------------------------------------------

export type ReminderKind = 'before' | 'due';

export function reminderDays(settings: { actionReminderDays?: number }): number {
  const d = settings.actionReminderDays;
  return d === undefined || !Number.isInteger(d) || d < 0 ? DEFAULT_REMINDER_DAYS : Math.min(d, MAX_REMINDER_DAYS);
}

/** When the owner is reminded: `days` before the due date (none for 0) and on it, at 08:00 Stockholm. */
export function reminderTimes(due: LocalDate, days: number): { before?: Date; due: Date } {
  return { ...(days > 0 ? { before: toInstant(addDays(due, -days), REMINDER_TIME) } : {}), due: toInstant(due, REMINDER_TIME) };
}

/**
 * The reminder due for an item now, if any: the one on the due date once it has come (and was not
 * sent), else the one before it. Once the day's reminder has gone, the earlier one is never sent late.
 */
export function dueReminder(a: ActionItem, days: number, now: Date): ReminderKind | undefined {
  if (a.status !== 'open' || !a.due || a.reminded?.due) return undefined;
  const times = reminderTimes(a.due, days);
  if (now >= times.due) return 'due';
  if (times.before && now >= times.before && !a.reminded?.before) return 'before';
  return undefined;
}

/** Records that the reminder went out; undefined when it is no longer due (already sent, done, moved). */
export function markReminded(m: Meeting, actionId: string, kind: ReminderKind, days: number, now: Date): Meeting | undefined {
  const a = m.actionItems.find((x) => x.id === actionId);
  if (!a || dueReminder(a, days, now) !== kind) return undefined;
  const at = now.toISOString();
  const next: ActionItem = { ...a, reminded: { ...a.reminded, [kind]: at } };
  return { ...m, actionItems: m.actionItems.map((x) => (x.id === actionId ? next : x)) };
}

/** The last Stockholm date whose reminders may be due now (for the query that finds candidates). */
export function reminderHorizon(now: Date): LocalDate {
  return addDays(stockholmDate(now), MAX_REMINDER_DAYS);
}

// ---- overdue items for the chair before the next meeting ------------------------------------------

/** The chair hears of overdue items the day before the meeting, at 08:00. */
export function overdueDigestAt(m: Pick<Meeting, 'date'>): Date | undefined {
  return m.date ? toInstant(addDays(m.date, -1), REMINDER_TIME) : undefined;
}

export function overdueDigestDue(m: Meeting, now: Date): boolean {
  const when = overdueDigestAt(m);
  return !!when && (m.status === 'planned' || m.status === 'noticed') && !m.overdueDigestSentAt && now >= when;
}

/** Open action items of the earlier meetings that are past their due date on the meeting's day. */
export function overdueBefore(m: Meeting, earlier: Meeting[]): ActionEntry[] {
  const day = m.date ?? '9999-12-31';
  return openActionList(earlier.filter((e) => e.id !== m.id), day).filter((e) => e.overdue);
}

// ---- carry-over -----------------------------------------------------------------------------------

/** Meetings held before `m` (ended or later), whose open items `m`'s agenda carries. */
export function heldBefore(m: Meeting, meetings: Meeting[]): Meeting[] {
  const key = meetingSortKey(m);
  return meetings.filter((x) => x.id !== m.id && !['planned', 'noticed', 'started'].includes(x.status) && meetingSortKey(x) <= key);
}

/**
 * Brings a planned meeting's carried list up to date (an item was done, rescheduled or followed up
 * since it was planned). Unchanged when nothing differs, so callers can skip the write.
 */
export function refreshCarried(m: Meeting, earlier: Meeting[], at: string): Meeting {
  if (m.status !== 'planned' && m.status !== 'noticed') return m;
  const carried: CarriedAction[] = openActions(heldBefore(m, earlier));
  const prev = m.items.find((i) => i.standing === 'previousMinutes');
  if (!prev || JSON.stringify(prev.carriedActions ?? []) === JSON.stringify(carried)) return m;
  const items = m.items.map((i) => {
    if (i !== prev) return i;
    const { carriedActions: _c, ...rest } = i;
    return carried.length ? { ...rest, carriedActions: carried } : rest;
  });
  return { ...m, items, updatedAt: at };
}

// ---- settings -------------------------------------------------------------------------------------

/** The group's reminder setting: days before the due date (0–14; 0 = only on the day). */
export function setReminderDays<G extends { settings: { actionReminderDays?: number }; updatedAt: string }>(group: G, days: number, at: string): Result<G, FollowUpError> {
  if (!Number.isInteger(days) || days < 0 || days > MAX_REMINDER_DAYS) return err('DATE.INVALID', { text: String(days) });
  return ok({ ...group, settings: { ...group.settings, actionReminderDays: days }, updatedAt: at });
}
