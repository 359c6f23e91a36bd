import type { Application, TurnState } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { effectiveFor, markAttendance, OPEN_STATUSES, type AttendanceError, type Marked, type MarkInput } from './domain/attendance.js';
import { ATTENDANCE_STATUSES, type Meeting } from '../meetings/domain/meeting.js';
import { texts, type Texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { attendanceCard, statusText, type AttendanceView } from './attendance-view.js';
import { cmd } from '../bot/command.js';
import { allowed, cardId, domainErrorText, refusal, type GroupTurn } from '../bot/group-turn.js';
import { groupTurn, onCard, onCommand } from '../bot/listen.js';
import { channelReference, refreshMeetingCards } from '../meetings/meeting-cards.js';
import { formalActive } from '../formal/domain/formal-body.js';
import type { MeetingEnded } from '../meetings/meeting-ended.js';
import { currentMeeting } from '../meetings/planning-listeners.js';
import type { CardJson } from '../bot/render-card.js';

/** "Närvarande": the mark keeps the press's activity id, so a redelivery is recognised on it (no claim). */
export const CHECK_IN_VERB = 'attendance.checkIn';

/** Posts (or re-posts) the check-in card of the running or next meeting; for leaders. */
export const CHECK_IN_CARD = cmd(['närvarokort', 'incheckning', 'attendance card', 'check-in card']);

const optionalId = z.union([z.literal(''), cardId]).default('');
const MeetingRef = z.object({ meetingId: cardId });
const MarkData = MeetingRef.extend({
  memberId: cardId,
  status: z.enum(ATTENDANCE_STATUSES),
  substituteFor: optionalId,
  fromItemId: optionalId,
  toItemId: optionalId,
});

/** A refusal from the attendance domain (or a meeting/date one) in the user's language. */
export function attendanceErrorText(texts: Texts, error: AttendanceError | { code: string; details?: Record<string, string | number> }): string {
  const f = texts.attendance.errors[error.code];
  return f ? f(error.details ?? {}) : domainErrorText(texts, error);
}

// ---- the shared card in the channel ------------------------------------------------------------

/**
 * Brings the channel's check-in card up to date (PUT to its stored activity id), after the answer.
 * Presses coalesce (`runLatest`): each update renders the meeting as stored when it runs, so 200
 * presses at once cost a handful of PUTs and the last one shows everybody. The group is the one the
 * press was checked against, read a moment before.
 */
export function refreshAttendanceCard(deps: Deps, view: AttendanceView, groupId: string, meetingId: string): void {
  deps.background.runLatest('attendance card update', `attendance-card:${groupId}/${meetingId}`, async () => {
    const m = await deps.meetings.get(groupId, meetingId);
    if (!m?.attendanceCard) return;
    await deps.proactive.updateCard(m.attendanceCard, attendanceCard(view, m));
  });
}

/**
 * Posts the check-in card for a meeting into the group's conversation, or updates it in place when
 * it is already there, and stores its activity id. `starta möte` and the Teams meetingStart event
 * (issue 4, running.ts) call this when a meeting starts; `närvarokort` re-posts it on demand.
 */
export async function postCheckInCard(deps: Deps, view: AttendanceView, meetingId: string, reference: Record<string, unknown>): Promise<void> {
  const groupId = view.group.groupId;
  const meeting = await deps.meetings.get(groupId, meetingId);
  if (!meeting) return;
  if (meeting.attendanceCard) {
    await deps.proactive.updateCard(meeting.attendanceCard, attendanceCard(view, meeting));
    return;
  }
  const activityId = await deps.proactive.post(reference, attendanceCard(view, meeting));
  if (!activityId) return;
  const conversationId = String((reference.conversation as { id?: string } | undefined)?.id ?? '');
  const postedAt = deps.now().toISOString();
  await deps.meetings.update(groupId, meetingId, (m) => (m ? { next: { ...m, attendanceCard: { activityId, conversationId, reference, postedAt } }, result: undefined } : { result: undefined }));
  // Someone may have checked in while the card was being posted.
  refreshAttendanceCard(deps, view, groupId, meetingId);
}

/** After `avsluta möte` (a `deps.meetingEnded` handler): the check-in card loses its button. */
export async function onMeetingEndedAttendance(deps: Deps, e: MeetingEnded): Promise<void> {
  if (!e.meeting.attendanceCard) return;
  refreshAttendanceCard(deps, { texts: texts(e.language), language: e.language, group: e.group }, e.group.groupId, e.meeting.id);
}

// ---- marks --------------------------------------------------------------------------------------

type Applied = { ok: true; meeting: Meeting; message: string } | { ok: false; message: string };

/**
 * One mark. While the meeting is open it is one conditional Cosmos patch on the member's own path
 * (no 412 storm; a press racing "avsluta möte" is not written), decided on the meeting as this
 * instance last saw it and written only if the member's mark is still the one that decision saw.
 * Anything else (a repeat, a refusal, a mark changed elsewhere, a correction after the end) is
 * decided again on the meeting as stored; a correction is a read-change-replace with If-Match, so
 * the logged correction sees the mark it replaces.
 */
async function applyMark(deps: Deps, turn: GroupTurn, meetingId: string, input: (m: Meeting) => MarkInput, messages: { done: (name: string, status: string) => string; same: (name: string, status: string) => string }): Promise<Applied> {
  const texts = turn.texts;
  const groupId = turn.ref.groupId;
  const words = (m: Meeting, memberId: string) => {
    const e = effectiveFor(m, turn.group, memberId);
    return e ? statusText(texts, turn.group, e) : '';
  };
  /** The patch on the member's own mark, only while it is still the one `m` has: the answer, or undefined to decide again. */
  const patch = async (m: Meeting, v: Marked): Promise<Applied | undefined> => {
    if (!(await deps.meetings.setAttendance(groupId, m.id, v.target.id, v.mark, OPEN_STATUSES, m.attendance[v.target.id] ?? null))) return undefined;
    const after = { ...m, attendance: { ...m.attendance, [v.target.id]: v.mark } };
    return { ok: true, meeting: after, message: messages.done(v.target.name, words(after, v.target.id)) };
  };
  /** Nothing to write: a redelivered press answers as it did (or with the status alone when a later mark replaced it), a repeat says so. */
  const unchanged = (m: Meeting, v: Marked): Applied => ({
    ok: true,
    meeting: m,
    message: v.redelivered ? (v.redelivered.latest ? messages.done(v.target.name, words(m, v.target.id)) : '') : messages.same(v.target.name, words(m, v.target.id)),
  });

  const recent = await deps.meetings.recent(groupId, meetingId);
  const first = recent && markAttendance(recent, turn.group, input(recent));
  if (recent && first?.ok && first.value.changed && !first.value.correction) {
    const done = await patch(recent, first.value);
    if (done) return done;
  }

  const meeting = await deps.meetings.get(groupId, meetingId);
  if (!meeting) return { ok: false, message: texts.meeting.noMeetingFound };
  const r = markAttendance(meeting, turn.group, input(meeting));
  if (!r.ok) return { ok: false, message: attendanceErrorText(texts, r.error) };
  const { target } = r.value;
  if (!r.value.changed) return unchanged(meeting, r.value);
  if (!r.value.correction) {
    const done = await patch(meeting, r.value);
    if (done) return done;
  }
  // A correction after the end, the meeting ended while this press was on its way, or the mark changed again.
  return deps.meetings.update<Applied>(groupId, meeting.id, (cur) => {
    if (!cur) return { result: { ok: false, message: texts.meeting.noMeetingFound } };
    const again = markAttendance(cur, turn.group, input(cur));
    if (!again.ok) return { result: { ok: false, message: attendanceErrorText(texts, again.error) } };
    if (!again.value.changed) return { result: unchanged(cur, again.value) };
    const next = { ...cur, attendance: { ...cur.attendance, [target.id]: again.value.mark }, updatedAt: turn.at };
    const done = again.value.correction ? texts.attendance.corrected : messages.done;
    return { next, result: { ok: true, meeting: next, message: done(target.name, words(next, target.id)) } };
  });
}

function personalCard(turn: GroupTurn, m: Meeting, message: string): CardJson {
  return attendanceCard(turn, m, { ...(turn.member ? { member: turn.member } : {}), at: turn.at }, message);
}

const attendanceFields = (texts: Texts) => texts.attendance.fields;

/**
 * A marking action: act, then update the channel's card after answering with the person's own view.
 * The whole group presses at once, so the group is the one read within the last second
 * (`groups.recent`); a refusal is decided again on the group as stored now, in case the person was
 * added or given a role on another instance a moment ago. A refusal writes nothing.
 */
function cardAction<T extends { meetingId: string }>(deps: Deps, schema: z.ZodType<T, z.ZodTypeDef, unknown>, act: (turn: GroupTurn, d: T) => Promise<Applied>) {
  return onCard(deps, { data: schema, fields: attendanceFields, group: 'recent' }, async ({ ctx, turn: recent, data }) => {
    let turn = recent;
    let r = await act(turn, data);
    if (!r.ok) {
      const stored = await groupTurn(ctx, deps);
      if (!stored.ok) return stored.answer;
      turn = stored.value;
      r = await act(turn, data);
    }
    if (!r.ok) return r.message;
    refreshAttendanceCard(deps, turn, turn.ref.groupId, r.meeting.id);
    // Issue 26: a formal body's live card says whether it is quorate, which attendance decides.
    if (formalActive(turn.group)) refreshMeetingCards(deps, turn, r.meeting);
    return personalCard(turn, r.meeting, r.message);
  });
}

function checkIn(deps: Deps) {
  return cardAction(deps, MeetingRef, async (turn, d) => {
    const a = turn.texts.attendance;
    if (!turn.member) return { ok: false, message: a.notMember };
    const memberId = turn.member.id;
    const activityId = turn.activityId ? { activityId: turn.activityId } : {};
    return applyMark(deps, turn, d.meetingId, () => ({ memberId, status: 'present', actor: turn.member, at: turn.at, ...activityId }), { done: () => a.checkedIn, same: () => a.alreadyCheckedIn });
  });
}

function mark(deps: Deps) {
  return cardAction(deps, MarkData, async (turn, d) => {
    const a = turn.texts.attendance;
    return applyMark(
      deps,
      turn,
      d.meetingId,
      () => ({
        memberId: d.memberId,
        status: d.status,
        actor: turn.member,
        at: turn.at,
        ...(turn.activityId ? { activityId: turn.activityId } : {}),
        ...(d.status === 'substitute' && d.substituteFor ? { substituteFor: d.substituteFor } : {}),
        ...(d.status === 'partial' && d.fromItemId ? { fromItemId: d.fromItemId } : {}),
        ...(d.status === 'partial' && d.toItemId ? { toItemId: d.toItemId } : {}),
      }),
      { done: a.marked, same: a.unchanged },
    );
  });
}

const RefreshData = MeetingRef.extend({ markOthers: z.boolean().default(false) });

/**
 * The person's own view (Universal Actions refresh, automatic or pressed): read only. "Markera andra"
 * asks for the same view, which for the chair and secretary holds the form; where Teams does not
 * refresh the card by itself they find the form by its name.
 */
function refresh(deps: Deps) {
  return onCard(deps, { data: RefreshData, fields: attendanceFields }, async ({ turn, data }) => {
    const m = await deps.meetings.get(turn.ref.groupId, data.meetingId);
    if (!m) return turn.texts.meeting.noMeetingFound;
    if (!data.markOthers) return personalCard(turn, m, '');
    return personalCard(turn, m, allowed(turn, 'attendance.markOthers') ? turn.texts.attendance.markOthersHint : refusal(turn, 'attendance.markOthers'));
  });
}

/** `närvarokort`: the chair or secretary (re)posts the check-in card of the running or next meeting. */
function checkInCardCommand(deps: Deps) {
  return onCommand(deps, { may: 'attendance.markOthers' }, async ({ ctx, turn }) => {
    const meeting = await currentMeeting(deps, turn);
    if (!meeting) return turn.texts.meeting.noMeeting;
    const reference = channelReference(TurnContext.getConversationReference(ctx.activity));
    if (meeting.attendanceCard) {
      // The old card has scrolled away: post a fresh one and keep updating that one.
      await deps.meetings.update(turn.ref.groupId, meeting.id, (m) => {
        if (!m?.attendanceCard) return { result: undefined };
        const { attendanceCard: _old, ...rest } = m;
        return { next: rest, result: undefined };
      });
    }
    await postCheckInCard(deps, turn, meeting.id, reference);
    return turn.texts.attendance.cardPosted;
  });
}

const SubstituteData = MeetingRef.extend({ substituteId: cardId });

/**
 * "Anmäl förhinder" and "Skicka ersättare" on the notice (issue 25): the member's own marks on the
 * planned meeting, counted by the check-in card and the statistics. The notice stays as it is; the
 * answer is a message on it.
 */
function excuse(deps: Deps) {
  return onCard(deps, { data: MeetingRef, fields: attendanceFields }, async ({ turn, data }) => {
    const a = turn.texts.attendance;
    if (!turn.member) return a.notMember;
    const memberId = turn.member.id;
    const r = await applyMark(deps, turn, data.meetingId, () => ({ memberId, status: 'excused', actor: turn.member, at: turn.at, fromNotice: true, ...(turn.activityId ? { activityId: turn.activityId } : {}) }), { done: () => '', same: () => '' });
    if (!r.ok) return r.message;
    refreshAttendanceCard(deps, turn, turn.ref.groupId, r.meeting.id);
    return a.excusedFromNotice(r.meeting.title);
  });
}

function sendSubstitute(deps: Deps) {
  return onCard(deps, { data: SubstituteData, fields: attendanceFields }, async ({ turn, data }) => {
    const a = turn.texts.attendance;
    const me = turn.member;
    if (!me) return a.notMember;
    const activityId = turn.activityId ? { activityId: turn.activityId } : {};
    const sent = await applyMark(deps, turn, data.meetingId, () => ({ memberId: data.substituteId, status: 'substitute', substituteFor: me.id, actor: me, at: turn.at, fromNotice: true, ...activityId }), { done: () => '', same: () => '' });
    if (!sent.ok) return sent.message;
    const excused = await applyMark(deps, turn, data.meetingId, () => ({ memberId: me.id, status: 'excused', actor: me, at: turn.at, fromNotice: true, ...activityId }), { done: () => '', same: () => '' });
    if (!excused.ok) return excused.message;
    refreshAttendanceCard(deps, turn, turn.ref.groupId, excused.meeting.id);
    const name = turn.group.members.find((m) => m.id === data.substituteId)?.name ?? '';
    return a.substituteSent(name, excused.meeting.title);
  });
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.adaptiveCards.actionExecute('attendance.excuse', excuse(deps));
  app.adaptiveCards.actionExecute('attendance.sendSubstitute', sendSubstitute(deps));
  app.message(CHECK_IN_CARD, checkInCardCommand(deps));
  app.adaptiveCards.actionExecute(CHECK_IN_VERB, checkIn(deps));
  app.adaptiveCards.actionExecute('attendance.mark', mark(deps));
  app.adaptiveCards.actionExecute('attendance.refresh', refresh(deps));
}
