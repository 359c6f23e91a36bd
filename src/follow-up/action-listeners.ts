import type { Application, TurnState } from '@microsoft/teams-ai';
import { MessageFactory, TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  actionEntry, dueReminder, markActionDone, markReminded, openActionList, overdueBefore, overdueDigestAt, overdueDigestDue, refreshCarried, reminderDays, rescheduleAction, setReminderDays,
  type ActionEntry, type FollowUpError,
} from './domain/follow-up.js';
import { groupLanguage, membersWithRole, memberById, type Group } from '../groups/domain/group.js';
import { isPlanning, type Meeting } from '../meetings/domain/meeting.js';
import { may } from '../groups/domain/permissions.js';
import type { Result } from '../shared/result.js';
import { isLocalDate, stockholmDate } from '../shared/swedish-date.js';
import type { Texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { cmd } from '../bot/command.js';
import { actor, t, tenantIdOf } from '../bot/context.js';
import { actingIn, groupReference, isPersonal, parseRecordRef, textsOfGroup, type Acting } from './follow-up-turn.js';
import { actionListCard, actionReminderCard } from './follow-up-view.js';
import { allowed, cardNumber, loadGroupTurn, refusal } from '../bot/group-turn.js';
import { noFieldNames, onCard, validated } from '../bot/listen.js';
import { refreshMeetingCards } from '../meetings/meeting-cards.js';
import { cardAttachment, type CardJson } from '../bot/render-card.js';

export const ACTIONS = cmd(['uppdragslista', 'actions']);
export const MY_ACTIONS = cmd(['mina uppdrag', 'my actions']);

const ChangeData = z.object({
  actionRef: z.string().min(5).max(620),
  scope: z.enum(['group', 'mine', 'reminder']),
  newDue: z.string().max(20).optional(),
});
const SettingsData = z.object({ reminderDays: cardNumber.pipe(z.number().int().min(0).max(14)) });

function errorText(texts: Texts, e: FollowUpError): string {
  return texts.followUp.errors[e.code](e.details ?? {});
}

// ---- the lists --------------------------------------------------------------------------------

/** The group's open items (the channel card). */
export async function groupListCard(deps: Deps, group: Group, texts: Texts, now: Date, message = ''): Promise<CardJson> {
  const tx = texts.followUp;
  const meetings = await deps.followUps.meetings(group.groupId);
  const entries = openActionList(meetings, stockholmDate(now));
  return actionListCard(tx, { heading: tx.listTitle(group.name), entries, empty: tx.listEmpty, scope: 'group', message, reminderDays: reminderDays(group.settings) });
}

/**
 * "Mina uppdrag": the person's own open items across every group they are a member of (found by one
 * cross-partition query over the group documents), and for kansli staff the overdue items of the
 * groups where they hold that role.
 */
export async function mineCard(deps: Deps, ctx: TurnContext, message = ''): Promise<CardJson> {
  const texts = t(ctx);
  const tx = texts.followUp;
  const now = deps.now();
  const today = stockholmDate(now);
  const memberships = await deps.followUps.membershipsOf(tenantIdOf(ctx), actor(ctx));
  const mine: ActionEntry[] = [];
  const overdue: ActionEntry[] = [];
  const groupNames: Record<string, string> = {};
  let kansli = false;
  for (const ms of memberships) {
    const group = await deps.groups.get(ms.groupId);
    if (!group) continue;
    groupNames[group.groupId] = group.name;
    const meetings = await deps.followUps.meetings(group.groupId);
    mine.push(...openActionList(meetings, today, ms.memberId));
    if (may(group, memberById(group, ms.memberId), 'crossGroup.view', now)) {
      kansli = true;
      overdue.push(...openActionList(meetings, today).filter((e) => e.overdue));
    }
  }
  const byDue = (a: ActionEntry, b: ActionEntry) => (a.due ?? '9999').localeCompare(b.due ?? '9999');
  return actionListCard(tx, {
    heading: tx.mineTitle,
    entries: mine.sort(byDue),
    empty: tx.mineEmpty,
    groupNames,
    scope: 'mine',
    message,
    ...(kansli ? { overdue: { heading: tx.kansliOverdueHeading, entries: overdue.sort(byDue) } } : {}),
  });
}

async function showList(ctx: TurnContext, deps: Deps, mineOnly: boolean): Promise<void> {
  if (isPersonal(ctx)) {
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment(await mineCard(deps, ctx))));
    return;
  }
  const turn = await loadGroupTurn(ctx, deps);
  if (!turn) return void (await ctx.sendActivity(t(ctx).group.notSetUp));
  if (!allowed(turn, 'stats.view')) return void (await ctx.sendActivity(refusal(turn, 'stats.view')));
  if (mineOnly) {
    // In the group's conversation: the person's own items of this group only.
    const tx = turn.texts.followUp;
    const meetings = await deps.followUps.meetings(turn.group.groupId);
    const entries = openActionList(meetings, stockholmDate(turn.now), turn.member?.id ?? '\u0000');
    const card = actionListCard(tx, { heading: `${tx.mineTitle}: ${turn.group.name}`, entries, empty: tx.mineEmpty, scope: 'group' });
    return void (await ctx.sendActivity(MessageFactory.attachment(cardAttachment(card))));
  }
  const card = await groupListCard(deps, turn.group, turn.texts, turn.now);
  const sent = await ctx.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  if (sent?.id) {
    const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity))) as Record<string, unknown>;
    await deps.followUps.addActionCard(turn.group.groupId, { activityId: sent.id, conversationId: ctx.activity.conversation.id, reference, postedAt: turn.at });
  }
}

// ---- after a change: the channel's list cards and the next agenda ------------------------------

/**
 * After an item changed: the group's posted list cards are updated in place (PUT), and the
 * carried-over list of every planned meeting is brought up to date (its notice too).
 */
export function afterActionChange(deps: Deps, group: Group): void {
  deps.background.run(
    'action item changed',
    async () => {
      const now = deps.now();
      const at = now.toISOString();
      const meetings = await deps.followUps.meetings(group.groupId);
      for (const planned of meetings.filter(isPlanning)) {
        const updated = await deps.meetings.update<Meeting | undefined>(group.groupId, planned.id, (m) => {
          if (!m) return { result: undefined };
          const next = refreshCarried(m, meetings, at);
          return next === m ? { result: undefined } : { next, result: next };
        });
        if (updated) {
          refreshMeetingCards(deps, { texts: textsOfGroup(group), language: groupLanguage(group), group }, updated, []);
        }
      }
      for (const card of await deps.followUps.actionCards(group.groupId)) {
        const texts = textsOfGroup(group);
        await deps.proactive.updateCard(card, await groupListCard(deps, group, texts, now));
      }
    },
    `action-cards:${group.groupId}`,
  );
}

// ---- marking done and rescheduling ------------------------------------------------------------

type Change = 'done' | 'reschedule';

async function answerCard(deps: Deps, ctx: TurnContext, acting: Acting, scope: 'group' | 'mine' | 'reminder', entry: ActionEntry | undefined, message: string, open: boolean): Promise<CardJson | string> {
  if (scope === 'mine') return mineCard(deps, ctx, message);
  if (scope === 'group') return groupListCard(deps, acting.group, acting.texts, acting.now, message);
  if (!entry) return message;
  return actionReminderCard(acting.texts.followUp, entry, 'answer', acting.group.name, message, open);
}

async function changeAction(ctx: TurnContext, deps: Deps, raw: unknown, kind: Change): Promise<CardJson | string> {
  const texts = t(ctx);
  const parsed = validated(ctx, ChangeData, raw, noFieldNames);
  if (!parsed.ok) return parsed.answer;
  const ref = parseRecordRef(parsed.value.actionRef);
  if (!ref) return texts.common.invalidCardData;
  const newDue = (parsed.value.newDue ?? '').trim();
  if (kind === 'reschedule' && !newDue) return texts.followUp.newDueMissing;
  if (kind === 'reschedule' && !isLocalDate(newDue)) return errorText(texts, { code: 'DATE.INVALID', details: { text: newDue } });
  const found = await actingIn(ctx, deps, ref.groupId);
  if (!found.ok) return found.message;
  const acting = found.acting;
  const rights = { ...(acting.member ? { memberId: acting.member.id } : {}), mayManage: may(acting.group, acting.member, 'action.manage', acting.at) };
  type Out = Result<{ meeting: Meeting; changed: boolean; text: string }, FollowUpError>;
  const r = await deps.meetings.update<Out>(ref.groupId, ref.meetingId, (m) => {
    if (!m) return { result: { ok: false, error: { code: 'ACTION.NOT_FOUND' } } };
    const res = kind === 'done' ? markActionDone(m, ref.id, rights, acting.at) : rescheduleAction(m, ref.id, newDue, rights, acting.at);
    if (!res.ok) return { result: res };
    const value = { ok: true as const, value: { meeting: res.value.meeting, changed: res.value.changed, text: res.value.action.text } };
    return res.value.changed ? { next: res.value.meeting, result: value } : { result: value };
  });
  const tx = acting.texts.followUp;
  const scope = parsed.value.scope;
  if (!r.ok) {
    const current = scope === 'reminder' ? await deps.meetings.get(ref.groupId, ref.meetingId) : undefined;
    const item = current?.actionItems.find((a) => a.id === ref.id);
    const entry = current && item ? actionEntry(current, item, stockholmDate(acting.now)) : undefined;
    return answerCard(deps, ctx, acting, scope, entry, errorText(acting.texts, r.error), item?.status === 'open');
  }
  if (r.value.changed) {
    afterActionChange(deps, acting.group);
    deps.log.info({ groupId: ref.groupId, change: kind }, 'action item changed');
  }
  const message = kind === 'done' ? (r.value.changed ? tx.markedDone(r.value.text) : tx.alreadyDone(r.value.text)) : tx.rescheduled(r.value.text, newDue);
  const item = r.value.meeting.actionItems.find((a) => a.id === ref.id)!;
  return answerCard(deps, ctx, acting, scope, actionEntry(r.value.meeting, item, stockholmDate(acting.now)), message, item.status === 'open');
}

// ---- reminders and the chair's overdue list on the shared scheduler ------------------------------

interface ReminderItem {
  groupId: string;
  meetingId: string;
  actionId: string;
}

function registerReminders(deps: Deps): void {
  deps.scheduler.register<ReminderItem>({
    kind: 'action.reminder',
    async findDue(now) {
      const candidates = await deps.followUps.reminderCandidates(now);
      const days = new Map<string, number>();
      const due: ReminderItem[] = [];
      for (const c of candidates) {
        if (!days.has(c.groupId)) {
          const g = await deps.groups.get(c.groupId);
          days.set(c.groupId, g ? reminderDays(g.settings) : -1);
        }
        const d = days.get(c.groupId)!;
        const probe = { status: 'open' as const, due: c.due, ...(c.reminded ? { reminded: c.reminded } : {}) };
        if (d >= 0 && dueReminder(probe as Parameters<typeof dueReminder>[0], d, now)) due.push({ groupId: c.groupId, meetingId: c.meetingId, actionId: c.actionId });
      }
      return due;
    },
    async run(item, now) {
      const group = await deps.groups.get(item.groupId);
      if (!group) return;
      const days = reminderDays(group.settings);
      // Claimed with If-Match before anything is sent: a second instance or a retry sends nothing.
      const claimed = await deps.meetings.update<{ meeting: Meeting; kind: 'before' | 'due' } | undefined>(item.groupId, item.meetingId, (m) => {
        const a = m?.actionItems.find((x) => x.id === item.actionId);
        const kind = a ? dueReminder(a, days, now) : undefined;
        if (!m || !kind) return { result: undefined };
        const next = markReminded(m, item.actionId, kind, days, now)!;
        return { next, result: { meeting: next, kind } };
      });
      if (!claimed) return;
      const action = claimed.meeting.actionItems.find((x) => x.id === item.actionId)!;
      const owner = memberById(group, action.ownerId);
      if (!owner?.teamsId) return;
      const reference = await groupReference(deps, group.groupId, claimed.meeting);
      if (!reference) return void deps.log.warn({ groupId: group.groupId }, 'action reminder: no conversation reference for the group');
      const card = actionReminderCard(textsOfGroup(group).followUp, actionEntry(claimed.meeting, action, stockholmDate(now)), claimed.kind, group.name);
      await deps.personalChat.send(reference, { teamsId: owner.teamsId }, group.tenantId, card);
      deps.log.info({ groupId: group.groupId, kind: claimed.kind }, 'action reminder sent');
    },
  });

  deps.scheduler.register<{ groupId: string; meetingId: string }>({
    kind: 'meeting.overdue',
    async findDue(now) {
      const candidates = await deps.followUps.digestCandidates(now);
      return candidates.filter((c) => now >= overdueDigestAt(c)!);
    },
    async run(item, now) {
      const claimed = await deps.meetings.update<Meeting | undefined>(item.groupId, item.meetingId, (m) => {
        if (!m || !overdueDigestDue(m, now)) return { result: undefined };
        const next = { ...m, overdueDigestSentAt: now.toISOString() };
        return { next, result: next };
      });
      if (!claimed) return;
      const group = await deps.groups.get(item.groupId);
      if (!group) return;
      const overdue = overdueBefore(claimed, await deps.followUps.meetings(item.groupId));
      if (overdue.length === 0) return;
      const chair = memberById(group, claimed.chairId) ?? membersWithRole(group, 'chair', now)[0];
      if (!chair?.teamsId) return;
      const reference = await groupReference(deps, group.groupId, claimed);
      if (!reference) return;
      const tx = textsOfGroup(group).followUp;
      const lines = overdue.map((e) => tx.digestLine(e.ownerName, e.text, e.due ?? '')).join('\n');
      await deps.personalChat.send(reference, { teamsId: chair.teamsId }, group.tenantId, tx.digestText(claimed.title, claimed.date ?? '', lines));
      deps.log.info({ groupId: group.groupId, overdue: overdue.length }, 'overdue action items sent to the chair');
    },
  });
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(ACTIONS, (ctx) => showList(ctx, deps, false));
  app.message(MY_ACTIONS, (ctx) => showList(ctx, deps, true));

  app.adaptiveCards.actionExecute('actions.done', (ctx, _s, data) => changeAction(ctx, deps, data, 'done'));
  app.adaptiveCards.actionExecute('actions.reschedule', (ctx, _s, data) => changeAction(ctx, deps, data, 'reschedule'));

  app.adaptiveCards.actionExecute('actions.settings', onCard(deps, { data: SettingsData, may: 'group.edit' }, async ({ turn, data }) => {
    const days = data.reminderDays;
    const group = await deps.groups.update<Group>(turn.group.groupId, (g) => {
      if (!g) return { result: turn.group };
      const r = setReminderDays(g, days, turn.at);
      return r.ok ? { next: r.value, result: r.value } : { result: g };
    });
    return groupListCard(deps, group, turn.texts, turn.now, turn.texts.followUp.settingsSaved(days));
  }));

  registerReminders(deps);
}
