import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { findMember } from '../domain/group.js';
import { recordParticipantEvent, type Meeting, type ParticipantEvent } from '../domain/meeting.js';
import type { Deps } from './deps.js';
import { refreshAttendanceCard } from './attendance.js';
import { groupRef, languageOfTurn, t } from './context.js';

/**
 * Teams meeting participant join/leave events (the names Teams sends), kept on the running meeting
 * for attendance: a member seen joining counts as present (automatically) unless someone marked them.
 *
 * NOTE for integration: issue 4 also registers these event names and keeps the events on the
 * meeting. When both branches are merged keep ONE route (whichever stores the events) and call
 * `refreshAttendanceCard` after storing; `recordParticipantEvents` here is that storing step.
 */
export const PARTICIPANT_EVENTS = {
  'application/vnd.microsoft.meetingParticipantJoin': 'join',
  'application/vnd.microsoft.meetingParticipantLeave': 'leave',
} as const;

const EventValue = z.object({
  members: z
    .array(z.object({ user: z.object({ id: z.string().max(200), aadObjectId: z.string().max(200).optional(), name: z.string().max(400).optional() }).passthrough() }).passthrough())
    .max(1000),
});

/** Keeps the events on the group's running meeting (the same event once); none running → nothing. */
export async function recordParticipantEvents(deps: Deps, ctx: TurnContext): Promise<Meeting | undefined> {
  const kind = PARTICIPANT_EVENTS[ctx.activity.name as keyof typeof PARTICIPANT_EVENTS];
  const parsed = EventValue.safeParse(ctx.activity.value);
  if (!kind || !parsed.success) return undefined;
  const ref = groupRef(ctx);
  const group = await deps.groups.get(ref.groupId);
  if (!group) return undefined;
  const running = (await deps.meetings.list(ref.groupId, ['started'])).sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '')).at(-1);
  if (!running) return undefined;
  const ts = ctx.activity.timestamp ? new Date(ctx.activity.timestamp) : deps.now();
  const at = Number.isNaN(ts.getTime()) ? deps.now().toISOString() : ts.toISOString();
  const events: ParticipantEvent[] = parsed.data.members.map(({ user }) => {
    const member = findMember(group, { teamsId: user.id, ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) });
    return {
      id: `${ctx.activity.id ?? at}:${user.id}:${kind}`,
      kind,
      teamsId: user.id,
      ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}),
      ...(member ? { memberId: member.id } : {}),
      at,
    };
  });
  return deps.meetings.update<Meeting | undefined>(ref.groupId, running.id, (m) => {
    if (!m) return { result: undefined };
    const next = events.reduce(recordParticipantEvent, m);
    return next === m ? { result: m } : { next, result: next };
  });
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.activity(
    async (ctx) => ctx.activity.type === ActivityTypes.Event && (ctx.activity.name ?? '') in PARTICIPANT_EVENTS,
    async (ctx) => {
      const m = await recordParticipantEvents(deps, ctx);
      const group = m ? await deps.groups.get(m.groupId) : undefined;
      if (m && group) refreshAttendanceCard(deps, { texts: t(ctx), language: languageOfTurn(ctx), group }, m.groupId, m.id);
    },
  );
}
