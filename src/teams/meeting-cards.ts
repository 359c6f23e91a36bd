import type { ConversationReference } from 'botbuilder';
import { isPlanning, isRunning, recordNotice, type Meeting, type NoticeChange } from '../domain/meeting.js';
import type { Deps } from './deps.js';
import { baseConversationId } from './context.js';
import type { GroupTurn } from './group-turn.js';
import { meetingView, placeText, whenText } from './meeting-view.js';
import { renderCard, type CardJson } from './render-card.js';

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
  };
}

/**
 * Renderers for a running meeting's live card (issue 4 registers one). Kept as a hook so planning
 * edits during a meeting (an item added under "Övriga frågor") update the live card too.
 */
export const liveCardRenderer: { render?: (turn: View, m: Meeting) => CardJson } = {};

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
 * After a plan or agenda change: the notice is updated in place (PUT) and, when the date, time or
 * place changed, a short message says so; a running meeting's live card is updated too.
 */
export function refreshMeetingCards(deps: Deps, turn: View, m: Meeting, changed: NoticeChange[]): void {
  // One card update at a time per meeting, each rendering the meeting as stored then: the last PUT
  // always shows the latest state, whatever order the edits' requests finished in.
  deps.background.run(
    'meeting cards update',
    async () => {
      const latest = (await deps.meetings.get(m.groupId, m.id)) ?? m;
      const notice = latest.notice;
      if (notice && isPlanning(latest)) {
        await deps.proactive.updateCard(notice, agendaCard(turn, latest, 'notice'));
        if (changed.length > 0) {
          const mt = turn.texts.meeting;
          const words = changed.map((w) => mt.changeWords[w]);
          const what = words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${turn.texts.group.and} ${words.at(-1)}`;
          const now = [whenText(turn.texts, turn.language, m), ...(changed.includes('place') ? [placeText(turn.texts, m)] : [])].join(', ');
          await deps.proactive.post(notice.reference, mt.changedMessage(m.title, what, now));
        }
      }
      const render = liveCardRenderer.render;
      if (latest.liveCard && isRunning(latest) && render) await deps.proactive.updateCard(latest.liveCard, render(turn, latest));
    },
    `meeting-cards:${m.id}`,
  );
}
