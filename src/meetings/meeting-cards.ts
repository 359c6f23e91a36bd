import { MessageFactory, TurnContext, type ConversationReference } from 'botbuilder';
import { activeMembers, memberById, type Group } from '../groups/domain/group.js';
import { AGENDA_ITEM_KINDS, isPlanning, isRunning, onlySecretaryAdjusts, recordNotice, type CardRef, type Meeting, type NoticeChange } from './domain/meeting.js';
import type { Deps } from '../bot/deps.js';
import { baseConversationId } from '../bot/context.js';
import { allowed, type GroupTurn } from '../bot/group-turn.js';
import { cardAttachment } from '../bot/render-card.js';
import type { Texts } from '../i18n/texts.js';
import { meetingView, placeText, whenText } from './meeting-view.js';
import { renderCard, type CardJson } from '../bot/render-card.js';
import { memberPicker, pickerData } from '../groups/member-picker.js';
import { liveFormalData } from '../formal/formal-view.js';

type View = Pick<GroupTurn, 'texts' | 'language' | 'group'>;

/** The agenda as everyone sees it: the kallelse (notice) or `dagordning`. */
export function agendaCard(turn: View, m: Meeting, kind: 'notice' | 'agenda'): CardJson {
  return renderCard('meeting-notice', agendaCardData(turn, m, kind));
}

export function agendaCardData(turn: View, m: Meeting, kind: 'notice' | 'agenda') {
  const mt = turn.texts.meeting;
  return {
    t: mt,
    ...meetingView(turn.texts, turn.language, turn.group, m),
    heading: kind === 'notice' ? mt.noticeTitle(m.title) : mt.agendaTitle(m.title),
    footer: mt.noticeFooter,
    // Issue 25: a member reports förhinder or sends an ersättare from the notice.
    ta: turn.texts.attendance,
    respond: kind === 'notice' && isPlanning(m),
    ...pickerData(memberPicker(activeMembers(turn.group), [], (x) => x.name)),
  };
}

/** The live agenda card of a running (or just ended) meeting: current item, records so far, controls. */
export function liveCard(turn: View, m: Meeting): CardJson {
  return renderCard('meeting-live', liveCardData(turn, m));
}

/**
 * Bytes of decision and action-item text the live card shows in full. Teams refuses a card over about
 * 28 KB, and a meeting's records have no bound (60 decisions of a few lines each are 35 KB), so the
 * card shows the newest records, the current item's first, up to this budget, and for an item with
 * records left out its counts instead ("Beslut: 3 · Uppdrag: 1 · Anteckningar: 0"). Every record
 * stays in the meeting and the minutes.
 */
export const LIVE_RECORDS_BYTES = 4_000;

/** The ids of the records the live card shows in full: newest first, the current item's before the rest. */
function recordsShown(m: Meeting, lineOf: (r: Meeting['decisions'][number] | Meeting['actionItems'][number]) => string): Set<string> {
  const all = [...m.decisions, ...m.actionItems];
  const newestFirst = (a: { at: string }, b: { at: string }) => b.at.localeCompare(a.at);
  const order = [...all.filter((r) => r.itemId === m.currentItemId).sort(newestFirst), ...all.filter((r) => r.itemId !== m.currentItemId).sort(newestFirst)];
  const shown = new Set<string>();
  let left = LIVE_RECORDS_BYTES;
  for (const r of order) {
    left -= Buffer.byteLength(lineOf(r)) + 60; // the TextBlock around it
    if (left < 0) break;
    shown.add(r.id);
  }
  return shown;
}

export function liveCardData(turn: View, m: Meeting) {
  const rt = turn.texts.running;
  const view = meetingView(turn.texts, turn.language, turn.group, m);
  const running = isRunning(m);
  const decisionLine = (d: Meeting['decisions'][number]) => rt.decisionLine(d.text);
  const actionLine = (a: Meeting['actionItems'][number]) => rt.actionLine(a.ownerName, a.text, a.due ?? '');
  const shown = recordsShown(m, (r) => ('ownerName' in r ? actionLine(r) : decisionLine(r)));
  return {
    t: rt,
    tm: turn.texts.meeting,
    ...view,
    heading: running ? rt.liveTitle(m.title) : rt.endedTitle(m.title),
    running,
    endedNote: running ? '' : rt.endedNote(draftDestination(turn.texts, turn.group, m)),
    countsText: rt.counts(m.decisions.length, m.actionItems.length, m.notes.length),
    ...liveFormalData(turn.texts, turn.group, m),
    javButton: turn.texts.formal.javButton,
    items: view.items.map((item) => {
      const notes = m.notes.filter((n) => n.itemId === item.itemId).length;
      const decisions = m.decisions.filter((d) => d.itemId === item.itemId);
      const actions = m.actionItems.filter((a) => a.itemId === item.itemId);
      const allShown = [...decisions, ...actions].every((r) => shown.has(r.id));
      return {
        ...item,
        // An ended meeting has no current item.
        current: running && item.current,
        decisions: decisions.filter((d) => shown.has(d.id)).map((d) => ({ line: decisionLine(d) })),
        actions: actions.filter((a) => shown.has(a.id)).map((a) => ({ line: actionLine(a) })),
        notesText: !allShown ? rt.counts(decisions.length, actions.length, notes) : notes > 0 ? rt.noteCount(notes) : '',
      };
    }),
    ...pickerData(memberPicker(activeMembers(turn.group), [], (x) => x.name)),
  };
}

/** The planning card: the meeting's facts and agenda, and for planners the forms to change them. */
export function planCard(turn: PlanView, m: Meeting, message = '', postedToPlanner?: boolean): CardJson {
  return renderCard('meeting-plan', planCardData(turn, m, message, postedToPlanner));
}

type PlanView = Pick<GroupTurn, 'texts' | 'language' | 'group' | 'member' | 'at'>;

/**
 * Sends the planning card as the answer to a planner's command and keeps where it is, so that what
 * `punkt` adds later shows on it without another press. Even `dagordning` writes this one field: the
 * newest planning card is the one kept up to date.
 */
export async function postPlanningCard(ctx: TurnContext, deps: Deps, turn: GroupTurn, m: Meeting, message = ''): Promise<void> {
  const posted = await ctx.sendActivity(MessageFactory.attachment(cardAttachment(planCard(turn, m, message))));
  if (!posted?.id) return;
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity))) as Record<string, unknown>;
  const card: CardRef = { activityId: posted.id, conversationId: ctx.activity.conversation.id, reference, postedAt: turn.at };
  await deps.meetings.update(m.groupId, m.id, (x) => (x ? { next: { ...x, planningCard: card }, result: undefined } : { result: undefined }));
}

export function planCardData(turn: PlanView, m: Meeting, message = '', postedToPlanner?: boolean) {
  const mt = turn.texts.meeting;
  const view = meetingView(turn.texts, turn.language, turn.group, m);
  return {
    t: mt,
    ...view,
    heading: mt.planTitle(m.title),
    message,
    rolesWarning: onlySecretaryAdjusts(m) ? mt.onlySecretaryAdjusts(view.secretaryText) : '',
    canPlan: (postedToPlanner ?? allowed(turn, 'plan.meeting')) && (isPlanning(m) || isRunning(m)),
    noticeButton: m.notice ? mt.updateNoticeButton : mt.noticeButton,
    ...pickerData(memberPicker(activeMembers(turn.group), [m.chairId, m.secretaryId, ...(m.adjusterIds ?? [])].filter((id): id is string => !!id), (x) => x.name)),
    formatChoices: (['minnesanteckningar', 'protokoll'] as const).map((f) => ({ title: mt.formats[f], value: f })),
    kindChoices: AGENDA_ITEM_KINDS.map((k) => ({ title: mt.itemKinds[k], value: k })),
    form: {
      title: m.title,
      date: m.date ?? '',
      start: m.time?.start ?? '',
      end: m.time?.end ?? '',
      place: m.place ?? '',
      room: m.room ?? '',
      chairId: m.chairId ?? '',
      secretaryId: m.secretaryId ?? '',
      adjusterIds: m.adjusterIds.join(','),
      format: m.format,
    },
  };
}

/** Where the draft minutes go when the meeting ends: the secretary's personal chat, if there is one. */
export function draftDestination(texts: Texts, group: Group, m: Meeting): string {
  const secretary = memberById(group, m.secretaryId);
  return secretary?.teamsId ? texts.running.draftGoesTo(secretary.name) : texts.running.draftNoSecretary;
}

/** Where the bot posts for the group: the channel itself (not a reply thread) of this activity. */
export function channelReference(ref: Partial<ConversationReference>): Record<string, unknown> {
  const conversation = ref.conversation ? { ...ref.conversation, id: baseConversationId(ref.conversation.id) } : undefined;
  return JSON.parse(JSON.stringify({ ...ref, ...(conversation ? { conversation } : {}), activityId: undefined })) as Record<string, unknown>;
}

/** How long a notice post may take before another click may try again. */
const CLAIM_MS = 60_000;

/**
 * Posts the notice (kallelse) once, or updates it in place when it is already out. Two clicks at once
 * post one card: the first claims the post in the meeting document (If-Match), the second waits out.
 */
export async function sendNotice(deps: Deps, turn: GroupTurn, meetingId: string, reference: Record<string, unknown>): Promise<void> {
  const groupId = turn.ref.groupId;
  const mode = await deps.meetings.update<'post' | 'update' | 'skip'>(groupId, meetingId, (m) => {
    if (!m || !isPlanning(m)) return { result: 'skip' };
    if (m.notice) return { result: 'update' };
    if (m.noticePostingSince && Date.parse(turn.at) - Date.parse(m.noticePostingSince) < CLAIM_MS) return { result: 'skip' };
    return { next: { ...m, noticePostingSince: turn.at }, result: 'post' };
  });
  if (mode === 'skip') return;
  const meeting = (await deps.meetings.get(groupId, meetingId))!;
  if (mode === 'update') {
    await deps.proactive.updateCard(meeting.notice!, agendaCard(turn, meeting, 'notice'));
    return;
  }
  const posted = agendaCard(turn, meeting, 'notice');
  let activityId: string | undefined;
  try {
    activityId = await deps.proactive.post(reference, posted);
  } finally {
    if (!activityId) {
      await deps.meetings.update(groupId, meetingId, (m) => {
        if (!m?.noticePostingSince) return { result: undefined };
        const { noticePostingSince: _c, ...rest } = m;
        return { next: rest, result: undefined };
      });
    }
  }
  if (!activityId) return;
  const conversationId = String((reference.conversation as { id?: string } | undefined)?.id ?? '');
  const recorded = await deps.meetings.update<Meeting | undefined>(groupId, meetingId, (m) => {
    if (!m) return { result: undefined };
    const r = recordNotice(m, { activityId: activityId!, conversationId, reference, postedAt: turn.at }, turn.at);
    return r.ok ? { next: r.value, result: r.value } : { result: undefined };
  });
  // Someone changed the agenda while the notice was being posted: bring the card up to date.
  if (recorded && JSON.stringify(agendaCard(turn, recorded, 'notice')) !== JSON.stringify(posted)) {
    await deps.proactive.updateCard(recorded.notice!, agendaCard(turn, recorded, 'notice'));
  }
}

/**
 * After a plan, agenda or meeting change: the notice (while planning) and the live card (once
 * started) are updated in place with PUT, rendering the meeting as stored when the update runs, one
 * update at a time per meeting; when the date, time or place changed, a short message says so.
 */
export function refreshMeetingCards(deps: Deps, turn: View, m: Meeting, changed: NoticeChange[] = [], answered?: string): void {
  const key = `meeting-cards:${m.id}`;
  deps.background.runLatest('meeting cards update', key, async () => {
    const latest = (await deps.meetings.get(m.groupId, m.id)) ?? m;
    if (latest.notice && isPlanning(latest)) await deps.proactive.updateCard(latest.notice, agendaCard(turn, latest, 'notice'));
    // The planning card was posted to a planner; a press on it is answered with it already (`answered`).
    const plan = latest.planningCard;
    if (plan && isPlanning(latest) && plan.activityId !== answered) await deps.proactive.updateCard(plan, planCard({ ...turn, member: undefined, at: latest.updatedAt }, latest, '', true));
    if (latest.liveCard && !isPlanning(latest)) await deps.proactive.updateCard(latest.liveCard, liveCard(turn, latest));
  });
  const notice = m.notice;
  if (notice && isPlanning(m) && changed.length > 0) {
    deps.background.run(
      'notice change message',
      async () => {
        const mt = turn.texts.meeting;
        const words = changed.map((w) => mt.changeWords[w]);
        const what = words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${turn.texts.group.and} ${words.at(-1)}`;
        const now = [whenText(turn.texts, turn.language, m), ...(changed.includes('place') ? [placeText(turn.texts, m)] : [])].join(', ');
        await deps.proactive.post(notice.reference, mt.changedMessage(m.title, what, now));
      },
      key,
    );
  }
}
