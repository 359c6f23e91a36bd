import { membersWithRole, type AgendaItemKind, type Group, type GroupKind, type MinutesFormat, type StandingItem } from '../../groups/domain/group.js';
import { err, ok, type DomainError, type Result } from '../../shared/result.js';
import type { MeetingFormal } from '../../formal/domain/formal-meeting.js';
import { checkRange, isLocalDate, type LocalDate, type TimeRange } from '../../shared/swedish-date.js';

/**
 * One meeting of a group, as one Cosmos document in the group's partition: its plan (when, where,
 * who), its agenda, its lifecycle, and what was recorded while it ran (notes, decisions, action
 * items, item moves, Teams participant events, attendance marks). Records carry stable ids derived
 * from the Teams activity that caused them, so a retried activity records once.
 */

export { AGENDA_ITEM_KINDS, type AgendaItemKind, type MinutesFormat } from '../../groups/domain/group.js';

export const MEETING_STATUSES = ['planned', 'noticed', 'started', 'ended', 'minutesDrafted', 'inAdjustment', 'adjusted'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Lifecycle events and the states they may leave from. */
export const TRANSITIONS = {
  notice: { from: ['planned'], to: 'noticed' },
  start: { from: ['planned', 'noticed'], to: 'started' },
  end: { from: ['started'], to: 'ended' },
  draftMinutes: { from: ['ended'], to: 'minutesDrafted' },
  sendForAdjustment: { from: ['minutesDrafted'], to: 'inAdjustment' },
  returnToDraft: { from: ['inAdjustment'], to: 'minutesDrafted' },
  adjust: { from: ['inAdjustment'], to: 'adjusted' },
} as const satisfies Record<string, { from: readonly MeetingStatus[]; to: MeetingStatus }>;
export type MeetingEvent = keyof typeof TRANSITIONS;

/**
 * An open action item from an earlier meeting, listed under "Föregående minnesanteckningar". A
 * decision's open follow-up is carried the same way: then `decisionId` is set, `ownerName` is the
 * responsible person, `text` the decision and `due` the follow-up date.
 */
export interface CarriedAction {
  meetingId: string;
  actionId: string;
  ownerName: string;
  text: string;
  due?: LocalDate;
  decisionId?: string;
  /** A decision follow-up's status (issue 7). */
  status?: FollowUpStatus;
}

export interface AgendaItem {
  id: string;
  title: string;
  kind: AgendaItemKind;
  /** Who presents it: a member's name or anyone else's. */
  presenter?: string;
  text?: string;
  /** Which standing item this is, when it is one. */
  standing?: StandingItem['key'];
  /** "Utgår": kept on the agenda (and its number kept) but not handled. */
  dropped?: boolean;
  addedDuringMeeting?: boolean;
  carriedActions?: CarriedAction[];
}

/** A card the bot posted and will update in place (PUT): where it is and its activity id. */
export interface CardRef {
  activityId: string;
  conversationId: string;
  /** The Bot Framework conversation reference (opaque to the domain). */
  reference: Record<string, unknown>;
  postedAt: string;
}

export type NoticeChange = 'date' | 'time' | 'place';

export interface Announced {
  date?: LocalDate;
  time?: TimeRange;
  place?: string;
  room?: string;
}

/** The kallelse as posted, and what has changed since (for "Obs! Ändrad dag och tid"). */
export interface Notice extends CardRef {
  announced: Announced;
  changed?: { at: string; what: NoticeChange[]; previous: Announced };
}

interface RecordBase {
  /** Stable id (from the Teams activity id), unique within the meeting. */
  id: string;
  itemId: string;
  at: string;
  /** Member id of who recorded it (absent for someone not in the roster). */
  by?: string;
  byName: string;
}

export interface Note extends RecordBase {
  text: string;
}

export interface Decision extends RecordBase {
  /** The decision in the group's own words, as written. */
  text: string;
  /** The att-satser as a list, when the decision has them ("att godkänna …", "att uppdra åt …"). */
  attSatser: string[];
  /** Who follows the decision up, by when, and how far it has come (issue 7). */
  followUp?: DecisionFollowUp;
}

export const FOLLOW_UP_STATUSES = ['notStarted', 'inProgress', 'done'] as const;
/** ej påbörjad / pågår / klar */
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export interface DecisionFollowUp {
  /** Member id of the responsible person (absent for someone outside the roster). */
  responsibleId?: string;
  responsibleName?: string;
  date?: LocalDate;
  status: FollowUpStatus;
  updatedAt: string;
  updatedBy?: string;
}

export interface ActionItem extends RecordBase {
  ownerId?: string;
  ownerName: string;
  text: string;
  due?: LocalDate;
  status: 'open' | 'done';
  doneAt?: string;
  /** Member id of who marked it done (issue 7). */
  doneBy?: string;
  /** Earlier due dates, when it was rescheduled (issue 7). */
  rescheduled?: Array<{ from?: LocalDate; to: LocalDate; at: string; by?: string }>;
  /** When the owner was reminded before and on the due date (issue 7); a new due date clears it. */
  reminded?: { before?: string; due?: string };
}

export interface ItemMove {
  id: string;
  from?: string;
  to: string;
  at: string;
  by?: string;
}

/** A Teams meetingParticipantJoin/Leave event, kept for attendance. */
export interface ParticipantEvent {
  id: string;
  kind: 'join' | 'leave';
  teamsId?: string;
  aadObjectId?: string;
  name?: string;
  memberId?: string;
  at: string;
}

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused', 'substitute', 'partial'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/**
 * One member's attendance as marked by a person (issue 5; see domain/attendance.ts for the rules).
 * Keyed by member id on the meeting so each mark is one Cosmos patch on its own path. Automatic
 * presence from Teams participant events is derived from `participantEvents`, never stored here:
 * a mark made by a person always wins.
 */
export interface AttendanceMark {
  status: AttendanceStatus;
  /** Partial presence: the first and last agenda item attended (item ids). */
  fromItemId?: string;
  toItemId?: string;
  /** Partial presence as written in minutes, e.g. "§1-4" (kept as shown when marked). */
  items?: string;
  /** Member id of whom a substitute (ersättare) stands in for. */
  substituteFor?: string;
  /** `self`: the member checked in; `marked`: the chair, vice chair or secretary marked them. */
  source?: 'self' | 'marked';
  at: string;
  /** Member id of who made the mark. */
  by?: string;
  byName?: string;
  /** Corrections made after the meeting ended (secretary only), oldest first. */
  corrections?: AttendanceCorrection[];
  /**
   * The Teams activities (presses) that made this member's marks, the latest last (at most
   * MARK_ACTIVITY_IDS): a redelivery of one of them is recognised and changes nothing.
   */
  activityIds?: string[];
}

/** A logged correction after the meeting ended: who, when, and the mark it replaced. */
export interface AttendanceCorrection {
  at: string;
  by: string;
  byName: string;
  previous?: Omit<AttendanceMark, 'corrections'>;
}

export interface TransitionRecord {
  event: MeetingEvent;
  from: MeetingStatus;
  to: MeetingStatus;
  at: string;
  by?: string;
}

export interface Meeting {
  id: string;
  groupId: string;
  title: string;
  kind: GroupKind;
  format: MinutesFormat;
  date?: LocalDate;
  time?: TimeRange;
  place?: string;
  room?: string;
  chairId?: string;
  secretaryId?: string;
  adjusterIds: string[];
  items: AgendaItem[];
  /** Number of the first item (a board's § numbering may run over the year). */
  firstNumber: number;
  status: MeetingStatus;
  currentItemId?: string;
  notice?: Notice;
  /** Set while a notice is being posted (so two clicks post one card); cleared by `recordNotice`. */
  noticePostingSince?: string;
  liveCard?: CardRef;
  /** The newest planning card posted (by `nytt möte` or `dagordning`), redrawn after `punkt` (issue 25). */
  planningCard?: CardRef;
  /** The check-in (närvaro) card in the channel, updated in place as people check in (issue 5). */
  attendanceCard?: CardRef;
  notes: Note[];
  decisions: Decision[];
  actionItems: ActionItem[];
  moves: ItemMove[];
  participantEvents: ParticipantEvent[];
  attendance: Record<string, AttendanceMark>;
  /** Jäv, yrkanden, votes, reservations and the justering date of a formal meeting (issue 26). */
  formal?: MeetingFormal;
  /** Teams online meeting id, when the meeting is tied to one. */
  teamsMeetingId?: string;
  history: TransitionRecord[];
  createdAt: string;
  createdBy?: string;
  updatedAt: string;
  /** When the chair was sent the overdue action items before this meeting (issue 7). */
  overdueDigestSentAt?: string;
  startedAt?: string;
  endedAt?: string;
}

export type MeetingErrorCode =
  | 'MEETING.ILLEGAL_TRANSITION'
  | 'MEETING.NOT_STARTED'
  | 'MEETING.LOCKED'
  | 'MEETING.NO_ITEMS'
  | 'MEETING.NO_NEXT_ITEM'
  | 'MEETING.NO_PREVIOUS_ITEM'
  | 'AGENDA.ITEM_NOT_FOUND'
  | 'AGENDA.TITLE_MISSING'
  | 'TEXT.MISSING'
  | 'TEXT.TOO_LONG'
  | 'MEETING.RECORD_FULL'
  | 'DATE.INVALID'
  | 'TIME.END_BEFORE_START'
  /** A formal body's § justerad omedelbart takes nothing more (issue 26). */
  | 'FORMAL.ALREADY_ADJUSTED';
export type MeetingError = DomainError<MeetingErrorCode>;

export const MAX_TITLE = 200;
export const MAX_TEXT = 4000;
/**
 * What one meeting may record in all (notes, decisions, action items): about 50 pages. It keeps the
 * meeting, and its minutes with their signed versions, well under Cosmos DB's 2 MB per document.
 */
export const MAX_RECORDED_TEXT = 100_000;

function recordedText(m: Pick<Meeting, 'notes' | 'decisions' | 'actionItems'>): number {
  let n = 0;
  for (const list of [m.notes, m.decisions, m.actionItems]) for (const r of list) n += r.text.length;
  return n;
}

export function emptyRecords(): Pick<Meeting, 'notes' | 'decisions' | 'actionItems' | 'moves' | 'participantEvents' | 'attendance' | 'history'> {
  return { notes: [], decisions: [], actionItems: [], moves: [], participantEvents: [], attendance: {}, history: [] };
}

/** What a new meeting may be planned with from the start (the rest is the group's and the roles'). */
type PlannedFacts = Partial<Pick<Meeting, 'format' | 'date' | 'time' | 'place' | 'room' | 'chairId' | 'secretaryId' | 'adjusterIds'>>;

export interface NewMeetingInput extends PlannedFacts {
  id: string;
  group: Group;
  title: string;
  /** Ids for the standing items, one per `group.settings.standingItems`. */
  itemIds: string[];
  /** Open action items of earlier meetings, listed under the previous-minutes item. */
  carriedActions?: CarriedAction[];
  at: string;
  by?: string;
  /** When the meeting is held (for whose roles apply); defaults to `at`. */
  rolesAt?: string;
}

/** A new planned meeting with the group's standing items; chair and secretary from the roles then. */
export function newMeeting(input: NewMeetingInput): Result<Meeting, MeetingError> {
  const g = input.group;
  const title = input.title.trim();
  if (!title) return err('AGENDA.TITLE_MISSING');
  if (input.date !== undefined && !isLocalDate(input.date)) return err('DATE.INVALID', { text: input.date });
  if (input.time) {
    const r = checkRange(input.time);
    if (!r.ok) return err('TIME.END_BEFORE_START', r.error.details);
  }
  const at = input.rolesAt ?? input.at;
  const items: AgendaItem[] = g.settings.standingItems.map((s, i) => ({
    id: input.itemIds[i] ?? `${input.id}-s${i}`,
    title: s.title,
    kind: s.kind,
    standing: s.key,
    ...(s.key === 'previousMinutes' && input.carriedActions?.length ? { carriedActions: input.carriedActions } : {}),
  }));
  // Items at the start first, then those at the end, each in the group's order.
  const ordered = [...items.filter((_, i) => g.settings.standingItems[i]!.position === 'start'), ...items.filter((_, i) => g.settings.standingItems[i]!.position === 'end')];
  return ok({
    id: input.id,
    groupId: g.groupId,
    title,
    kind: g.kind,
    format: input.format ?? g.settings.defaultFormat,
    ...(input.date ? { date: input.date } : {}),
    ...(input.time ? { time: input.time } : {}),
    ...(input.place ? { place: input.place } : {}),
    ...(input.room ? { room: input.room } : {}),
    chairId: input.chairId ?? membersWithRole(g, 'chair', at)[0]?.id,
    secretaryId: input.secretaryId ?? membersWithRole(g, 'secretary', at)[0]?.id,
    adjusterIds: input.adjusterIds ?? membersWithRole(g, 'adjuster', at).map((x) => x.id),
    items: ordered,
    firstNumber: 1,
    status: 'planned',
    ...emptyRecords(),
    createdAt: input.at,
    ...(input.by ? { createdBy: input.by } : {}),
    updatedAt: input.at,
  });
}

// ---- lifecycle ------------------------------------------------------------------------------

export function canTransition(m: Meeting, event: MeetingEvent): boolean {
  return (TRANSITIONS[event].from as readonly MeetingStatus[]).includes(m.status);
}

/** Applies a lifecycle event; an event the current state does not allow is refused. */
export function transition(m: Meeting, event: MeetingEvent, at: string, by?: string): Result<Meeting, MeetingError> {
  if (!canTransition(m, event)) return err('MEETING.ILLEGAL_TRANSITION', { event, status: m.status });
  const to = TRANSITIONS[event].to;
  const rec: TransitionRecord = { event, from: m.status, to, at, ...(by ? { by } : {}) };
  return ok({ ...m, status: to, history: [...m.history, rec], updatedAt: at });
}

/** Planned or noticed: the plan and agenda may still change freely. */
export function isPlanning(m: Meeting): boolean {
  return m.status === 'planned' || m.status === 'noticed';
}

export function isRunning(m: Meeting): boolean {
  return m.status === 'started';
}

// ---- planning -------------------------------------------------------------------------------

export interface PlanChange {
  title?: string;
  format?: MinutesFormat;
  date?: LocalDate | null;
  time?: TimeRange | null;
  place?: string | null;
  room?: string | null;
  chairId?: string | null;
  secretaryId?: string | null;
  adjusterIds?: string[];
}

function announcedOf(m: Meeting): Announced {
  return { ...(m.date ? { date: m.date } : {}), ...(m.time ? { time: m.time } : {}), ...(m.place ? { place: m.place } : {}), ...(m.room ? { room: m.room } : {}) };
}

/** What differs between two announcements: the notice's "Obs!" mark says it. */
export function noticeChanges(before: Announced, after: Announced): NoticeChange[] {
  const what: NoticeChange[] = [];
  if ((before.date ?? '') !== (after.date ?? '')) what.push('date');
  if ((before.time?.start ?? '') !== (after.time?.start ?? '') || (before.time?.end ?? '') !== (after.time?.end ?? '')) what.push('time');
  if ((before.place ?? '') !== (after.place ?? '') || (before.room ?? '') !== (after.room ?? '')) what.push('place');
  return what;
}

function setOpt<K extends keyof Meeting>(m: Meeting, key: K, v: Meeting[K] | null | undefined): Meeting {
  if (v === undefined) return m;
  const next = { ...m };
  if (v === null || v === '') delete next[key];
  else next[key] = v;
  return next;
}

/**
 * Changes the plan (only before the meeting starts). When the notice has gone out and the date, time
 * or place changed, the notice records what changed (compared with what was first announced);
 * `changed` lists what differs from the state before this change (for the short message).
 */
export function changePlan(m: Meeting, change: PlanChange, at: string): Result<{ meeting: Meeting; changed: NoticeChange[] }, MeetingError> {
  if (!isPlanning(m)) return err('MEETING.LOCKED', { status: m.status });
  if (change.title !== undefined && !change.title.trim()) return err('AGENDA.TITLE_MISSING');
  if (change.title !== undefined && change.title.length > MAX_TITLE) return err('TEXT.TOO_LONG', { max: MAX_TITLE });
  if (change.date && !isLocalDate(change.date)) return err('DATE.INVALID', { text: change.date });
  if (change.time) {
    const r = checkRange(change.time);
    if (!r.ok) return err('TIME.END_BEFORE_START', r.error.details);
  }
  let next: Meeting = { ...m, ...(change.title !== undefined ? { title: change.title.trim() } : {}), ...(change.format ? { format: change.format } : {}) };
  next = setOpt(next, 'date', change.date);
  next = setOpt(next, 'time', change.time);
  next = setOpt(next, 'place', change.place === undefined || change.place === null ? change.place : change.place.trim());
  next = setOpt(next, 'room', change.room === undefined || change.room === null ? change.room : change.room.trim());
  next = setOpt(next, 'chairId', change.chairId);
  next = setOpt(next, 'secretaryId', change.secretaryId);
  if (change.adjusterIds) next.adjusterIds = [...new Set(change.adjusterIds)];
  const changed = noticeChanges(announcedOf(m), announcedOf(next));
  if (next.notice && changed.length > 0) {
    const previous = next.notice.announced;
    const what = noticeChanges(previous, announcedOf(next));
    const { changed: _old, ...rest } = next.notice;
    next.notice = what.length > 0 ? { ...rest, changed: { at, what, previous } } : rest;
  }
  return ok({ meeting: { ...next, updatedAt: at }, changed });
}

/** The notice was posted (first time: planned → noticed) or re-posted; it now announces the plan as is. */
export function recordNotice(m: Meeting, card: CardRef, at: string, by?: string): Result<Meeting, MeetingError> {
  if (!isPlanning(m)) return err('MEETING.LOCKED', { status: m.status });
  const base = m.status === 'planned' ? transition(m, 'notice', at, by) : ok(m);
  if (!base.ok) return base;
  const { noticePostingSince: _claim, ...rest } = base.value;
  return ok({ ...rest, notice: { ...card, announced: announcedOf(m) }, updatedAt: at });
}

/**
 * Would the secretary check her own minutes (issue 25)? True when every justerare besides the chair
 * is the secretary, or there is none and the chair is the secretary.
 */
export function onlySecretaryAdjusts(r: { chairId?: string | undefined; adjusterIds: readonly string[]; secretaryId?: string | undefined }): boolean {
  if (!r.secretaryId) return false;
  const adjusters = [...new Set(r.adjusterIds)].filter((id) => id !== r.chairId);
  return adjusters.length > 0 ? adjusters.every((id) => id === r.secretaryId) : r.chairId === r.secretaryId;
}

// ---- agenda ---------------------------------------------------------------------------------

export interface ItemInput {
  id: string;
  title: string;
  kind?: AgendaItemKind;
  presenter?: string;
  text?: string;
}

function checkItemText(input: { title?: string; text?: string; presenter?: string }): MeetingError | undefined {
  if (input.title !== undefined && !input.title.trim()) return { code: 'AGENDA.TITLE_MISSING' };
  if (input.title !== undefined && input.title.length > MAX_TITLE) return { code: 'TEXT.TOO_LONG', details: { max: MAX_TITLE } };
  if (input.presenter !== undefined && input.presenter.length > MAX_TITLE) return { code: 'TEXT.TOO_LONG', details: { max: MAX_TITLE } };
  if (input.text !== undefined && input.text.length > MAX_TEXT) return { code: 'TEXT.TOO_LONG', details: { max: MAX_TEXT } };
  return undefined;
}

/** Editable: before the meeting and while it runs (items added during the meeting are allowed). */
function agendaOpen(m: Meeting): boolean {
  return isPlanning(m) || isRunning(m);
}

/**
 * Adds an item before the closing standing items ("Övriga frågor", "Nästa möte"); during the meeting
 * after the current item at the earliest. The same id twice (a Teams retry) adds it once.
 */
export function addItem(m: Meeting, input: ItemInput, at: string): Result<{ meeting: Meeting; item: AgendaItem; duplicate: boolean }, MeetingError> {
  const existing = m.items.find((i) => i.id === input.id);
  if (existing) return ok({ meeting: m, item: existing, duplicate: true });
  if (!agendaOpen(m)) return err('MEETING.LOCKED', { status: m.status });
  const bad = checkItemText(input);
  if (bad) return { ok: false, error: bad };
  const item: AgendaItem = {
    id: input.id,
    title: input.title.trim(),
    kind: input.kind ?? 'information',
    ...(input.presenter?.trim() ? { presenter: input.presenter.trim() } : {}),
    ...(input.text?.trim() ? { text: input.text.trim() } : {}),
    ...(isRunning(m) ? { addedDuringMeeting: true } : {}),
  };
  const current = m.currentItemId ? m.items.findIndex((i) => i.id === m.currentItemId) : -1;
  const closing = m.items.findIndex((i, idx) => idx > current && (i.standing === 'otherBusiness' || i.standing === 'nextMeeting'));
  const pos = closing === -1 ? m.items.length : closing;
  const items = [...m.items.slice(0, pos), item, ...m.items.slice(pos)];
  return ok({ meeting: { ...m, items, updatedAt: at }, item, duplicate: false });
}

export function updateItem(m: Meeting, itemId: string, change: Partial<Omit<ItemInput, 'id'>>, at: string): Result<Meeting, MeetingError> {
  if (!agendaOpen(m)) return err('MEETING.LOCKED', { status: m.status });
  const item = m.items.find((i) => i.id === itemId);
  if (!item) return err('AGENDA.ITEM_NOT_FOUND');
  const bad = checkItemText(change);
  if (bad) return { ok: false, error: bad };
  const next: AgendaItem = { ...item, ...(change.title !== undefined ? { title: change.title.trim() } : {}), ...(change.kind ? { kind: change.kind } : {}) };
  if (change.presenter !== undefined) {
    if (change.presenter.trim()) next.presenter = change.presenter.trim();
    else delete next.presenter;
  }
  if (change.text !== undefined) {
    if (change.text.trim()) next.text = change.text.trim();
    else delete next.text;
  }
  return ok({ ...m, items: m.items.map((i) => (i.id === itemId ? next : i)), updatedAt: at });
}

/** Removes an item before the meeting starts; once it runs, items are dropped ("Utgår") instead. */
export function removeItem(m: Meeting, itemId: string, at: string): Result<Meeting, MeetingError> {
  if (!isPlanning(m)) return err('MEETING.LOCKED', { status: m.status });
  if (!m.items.some((i) => i.id === itemId)) return err('AGENDA.ITEM_NOT_FOUND');
  return ok({ ...m, items: m.items.filter((i) => i.id !== itemId), updatedAt: at });
}

/** Moves an item to position `toIndex` (0-based, clamped). */
export function moveItem(m: Meeting, itemId: string, toIndex: number, at: string): Result<Meeting, MeetingError> {
  if (!agendaOpen(m)) return err('MEETING.LOCKED', { status: m.status });
  const from = m.items.findIndex((i) => i.id === itemId);
  if (from === -1) return err('AGENDA.ITEM_NOT_FOUND');
  const items = [...m.items];
  const [item] = items.splice(from, 1);
  const to = Math.max(0, Math.min(items.length, Math.trunc(toIndex)));
  items.splice(to, 0, item!);
  return ok({ ...m, items, updatedAt: at });
}

/** Marks an item "Utgår" (or takes the mark back); its number stays. */
export function dropItem(m: Meeting, itemId: string, dropped: boolean, at: string): Result<Meeting, MeetingError> {
  if (!agendaOpen(m)) return err('MEETING.LOCKED', { status: m.status });
  const item = m.items.find((i) => i.id === itemId);
  if (!item) return err('AGENDA.ITEM_NOT_FOUND');
  const next: AgendaItem = { ...item };
  if (dropped) next.dropped = true;
  else delete next.dropped;
  return ok({ ...m, items: m.items.map((i) => (i.id === itemId ? next : i)), updatedAt: at });
}

/** The number shown for the item at `index`: "§3" in a protokoll, "3" in minnesanteckningar. */
export function itemNumber(m: Pick<Meeting, 'format' | 'firstNumber'>, index: number): string {
  const n = m.firstNumber + index;
  return m.format === 'protokoll' ? `§${n}` : String(n);
}

export function itemIndex(m: Meeting, itemId: string | undefined): number {
  return itemId === undefined ? -1 : m.items.findIndex((i) => i.id === itemId);
}

// ---- running --------------------------------------------------------------------------------

/** Starts the meeting on its first item that is not dropped. */
export function startMeeting(m: Meeting, moveId: string, at: string, by?: string): Result<Meeting, MeetingError> {
  const t = transition(m, 'start', at, by);
  if (!t.ok) return t;
  const first = m.items.find((i) => !i.dropped) ?? m.items[0];
  const started: Meeting = { ...t.value, startedAt: at };
  if (!first) return ok(started);
  return ok({ ...started, currentItemId: first.id, moves: [...m.moves, { id: moveId, to: first.id, at, ...(by ? { by } : {}) }] });
}

export type ItemTarget = { to: 'next' } | { to: 'previous' } | { to: 'item'; itemId: string };

/**
 * Moves the current item (next and previous skip dropped items). The move id comes from the
 * activity, so the same "nästa punkt" delivered twice moves once.
 */
export function goToItem(m: Meeting, target: ItemTarget, moveId: string, at: string, by?: string): Result<{ meeting: Meeting; duplicate: boolean }, MeetingError> {
  if (m.moves.some((mv) => mv.id === moveId)) return ok({ meeting: m, duplicate: true });
  if (!isRunning(m)) return err('MEETING.NOT_STARTED', { status: m.status });
  if (m.items.length === 0) return err('MEETING.NO_ITEMS');
  const cur = itemIndex(m, m.currentItemId);
  let to: number;
  if (target.to === 'item') {
    to = itemIndex(m, target.itemId);
    if (to === -1) return err('AGENDA.ITEM_NOT_FOUND');
  } else {
    const step = target.to === 'next' ? 1 : -1;
    to = cur + step;
    while (to >= 0 && to < m.items.length && m.items[to]!.dropped) to += step;
    if (to >= m.items.length) return err('MEETING.NO_NEXT_ITEM');
    if (to < 0) return err('MEETING.NO_PREVIOUS_ITEM');
  }
  const item = m.items[to]!;
  const move: ItemMove = { id: moveId, ...(m.currentItemId ? { from: m.currentItemId } : {}), to: item.id, at, ...(by ? { by } : {}) };
  return ok({ meeting: { ...m, currentItemId: item.id, moves: [...m.moves, move], updatedAt: at }, duplicate: false });
}

function checkRecordText(text: string): MeetingError | undefined {
  if (!text.trim()) return { code: 'TEXT.MISSING' };
  if (text.length > MAX_TEXT) return { code: 'TEXT.TOO_LONG', details: { max: MAX_TEXT } };
  return undefined;
}

export interface RecordInput {
  id: string;
  text: string;
  by?: string;
  byName: string;
  /** Defaults to the current item. */
  itemId?: string;
}

export type Recorded<T> = Result<{ meeting: Meeting; record: T; duplicate: boolean }, MeetingError>;

function recordOn<K extends 'notes' | 'decisions' | 'actionItems'>(
  m: Meeting,
  key: K,
  input: RecordInput,
  build: (base: RecordBase) => Meeting[K][number],
  at: string,
): Recorded<Meeting[K][number]> {
  const list = m[key] as Array<Meeting[K][number]>;
  const existing = list.find((r) => r.id === input.id);
  if (existing) return ok({ meeting: m, record: existing, duplicate: true });
  if (!isRunning(m)) return err('MEETING.NOT_STARTED', { status: m.status });
  const bad = checkRecordText(input.text);
  if (bad) return { ok: false, error: bad };
  if (recordedText(m) + input.text.trim().length > MAX_RECORDED_TEXT) return err('MEETING.RECORD_FULL', { max: MAX_RECORDED_TEXT.toLocaleString('sv-SE') });
  const itemId = input.itemId ?? m.currentItemId;
  if (!itemId || !m.items.some((i) => i.id === itemId)) return err('AGENDA.ITEM_NOT_FOUND');
  if (m.formal?.immediate[itemId]) return err('FORMAL.ALREADY_ADJUSTED');
  const record = build({ id: input.id, itemId, at, ...(input.by ? { by: input.by } : {}), byName: input.byName });
  return ok({ meeting: { ...m, [key]: [...list, record], updatedAt: at }, record, duplicate: false });
}

export function recordNote(m: Meeting, input: RecordInput, at: string): Recorded<Note> {
  return recordOn(m, 'notes', input, (b) => ({ ...b, text: input.text.trim() }), at);
}

const ATT_LINE = /^(?:[-–•*]\s*|\d+[.)]\s*)?(att\s+.+)$/iu;

/** The att-satser of a decision written one per line ("att godkänna …"); none for a plain sentence. */
export function attSatser(text: string): string[] {
  return text
    .split('\n')
    .map((l) => ATT_LINE.exec(l.trim())?.[1]?.trim())
    .filter((l): l is string => !!l);
}

export function recordDecision(m: Meeting, input: RecordInput, at: string): Recorded<Decision> {
  const text = input.text.trim();
  return recordOn(m, 'decisions', input, (b) => ({ ...b, text, attSatser: attSatser(text) }), at);
}

export interface ActionInput extends RecordInput {
  ownerId?: string;
  ownerName: string;
  due?: LocalDate;
}

export function recordAction(m: Meeting, input: ActionInput, at: string): Recorded<ActionItem> {
  if (input.due !== undefined && !isLocalDate(input.due)) return err('DATE.INVALID', { text: input.due });
  return recordOn(
    m,
    'actionItems',
    input,
    (b) => ({
      ...b,
      ...(input.ownerId ? { ownerId: input.ownerId } : {}),
      ownerName: input.ownerName,
      text: input.text.trim(),
      ...(input.due ? { due: input.due } : {}),
      status: 'open' as const,
    }),
    at,
  );
}

/**
 * The items nobody has taken up yet: not dropped, never the current item, nothing recorded under
 * them. `avsluta möte` asks before ending a meeting with any.
 */
export function untouchedItems(m: Meeting): AgendaItem[] {
  const visited = new Set([...m.moves.map((mv) => mv.to), ...m.notes.map((r) => r.itemId), ...m.decisions.map((r) => r.itemId), ...m.actionItems.map((r) => r.itemId)]);
  if (m.currentItemId) visited.add(m.currentItemId);
  return m.items.filter((i) => !i.dropped && !visited.has(i.id));
}

export function endMeeting(m: Meeting, at: string, by?: string): Result<Meeting, MeetingError> {
  const t = transition(m, 'end', at, by);
  if (!t.ok) return t;
  return ok({ ...t.value, endedAt: at });
}

/** Keeps a Teams participant join/leave event (any state; the same event id once). */
export function recordParticipantEvent(m: Meeting, ev: ParticipantEvent): Meeting {
  if (m.participantEvents.some((e) => e.id === ev.id)) return m;
  return { ...m, participantEvents: [...m.participantEvents, ev] };
}

// ---- across meetings ------------------------------------------------------------------------

/** Sort key: date and start time (undated meetings last). */
export function meetingSortKey(m: Pick<Meeting, 'date' | 'time' | 'createdAt'>): string {
  return `${m.date ?? '9999-12-31'}T${m.time?.start ?? '00:00'}|${m.createdAt}`;
}

/**
 * The meeting `dagordning`, `punkt` and `starta möte` act on: the running one, else the next planned
 * one from `today` on (earliest first), else the latest planned one in the past, else none.
 */
export function currentOrNextMeeting<M extends Meeting>(meetings: M[], today: LocalDate): M | undefined {
  const running = meetings.filter(isRunning).sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
  if (running.length) return running.at(-1);
  const planning = meetings.filter(isPlanning).sort((a, b) => meetingSortKey(a).localeCompare(meetingSortKey(b)));
  return planning.find((m) => !m.date || m.date >= today) ?? planning.at(-1);
}

/**
 * What the next agenda carries forward under "Föregående minnesanteckningar": the open action items
 * of these meetings, and the decisions whose follow-up is not done yet (issue 7), oldest meeting first.
 */
export function openActions(meetings: Meeting[]): CarriedAction[] {
  return [...meetings]
    .sort((a, b) => meetingSortKey(a).localeCompare(meetingSortKey(b)))
    .flatMap((m) => [
      ...m.actionItems
        .filter((a) => a.status === 'open')
        .map((a) => ({ meetingId: m.id, actionId: a.id, ownerName: a.ownerName, text: a.text, ...(a.due ? { due: a.due } : {}) })),
      ...m.decisions
        .filter((d) => d.followUp && d.followUp.status !== 'done')
        .map((d) => ({
          meetingId: m.id,
          actionId: d.id,
          decisionId: d.id,
          ownerName: d.followUp!.responsibleName ?? '',
          text: d.text,
          ...(d.followUp!.date ? { due: d.followUp!.date } : {}),
          status: d.followUp!.status,
        })),
    ]);
}
