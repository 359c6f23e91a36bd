import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { notAnswered } from '../approvals/domain/approval-due.js';
import { decisionLog } from '../follow-up/domain/follow-up.js';
import { addItem, changePlan, itemIndex, itemNumber, recordNote, type Meeting } from '../meetings/domain/meeting.js';
import { editMeeting } from '../meetings/planning-listeners.js';
import { whenText } from '../meetings/meeting-view.js';
import { formatDate, stockholmDate } from '../shared/swedish-date.js';
import type { Deps } from '../bot/deps.js';
import { cmd, commandArgs } from '../bot/command.js';
import { activityKey, allowed, cardId, domainErrorText, loadGroupTurn, refusal, type GroupTurn } from '../bot/group-turn.js';
import { onCard, onCommand, reply, type Answer } from '../bot/listen.js';
import { renderCard, type CardJson } from '../bot/render-card.js';
import { isWrite, meetingOf, PLAN_ACTION, type Plan, type WritePlan } from './domain/assistant-plan.js';
import { modelRequest } from './domain/assistant-request.js';
import { shiftedTime } from './domain/moved-time.js';
import type { Proposal } from './proposal-repo.js';

export const ASSISTANT_SETTING = cmd(['assistent', 'assistant'], { args: 'required' });
export const CONFIRM_VERB = 'assistant.confirm';
export const CANCEL_VERB = 'assistant.cancel';

const ProposalRef = z.object({ proposalId: cardId });
const MAX_DECISIONS_SHOWN = 5;

/**
 * A message no command took, in a set-up group with the assistant configured and not turned off:
 * asks the model for a plan and answers it. false: no plan (not configured, off, the model slow,
 * down or unparseable): the caller gives the usual "Jag förstod inte …".
 */
export async function answerWithAssistant(ctx: TurnContext, deps: Deps, text: string): Promise<boolean> {
  const assistant = deps.assistant;
  if (!assistant) return false;
  const turn = await loadGroupTurn(ctx, deps);
  if (!turn || turn.group.settings.assistantOff) return false;
  const groupId = turn.ref.groupId;
  const [meetings, approvals] = await Promise.all([deps.meetings.list(groupId, ['planned', 'noticed', 'started']), deps.approvals.openSummaries(groupId)]);
  const planned = await assistant.model.plan(modelRequest({ text, today: stockholmDate(turn.now), meetings, approvals }));
  if (!planned.ok) return false;
  await reply(ctx, await answerPlan(ctx, deps, turn, planned.plan, meetings));
  return true;
}

/** `shown`: the group's meetings the model was told about; a plan may name only one of those. */
async function answerPlan(ctx: TurnContext, deps: Deps, turn: GroupTurn, plan: Plan, shown: Meeting[]): Promise<Answer> {
  const tx = turn.texts.assistant;
  const meetingId = meetingOf(plan);
  // Read from this group's partition only: another group's meeting is not among them.
  const meeting = meetingId ? shown.find((m) => m.id === meetingId) : undefined;
  if (meetingId && !meeting) return tx.unknownMeeting;
  const action = PLAN_ACTION[plan.tool];
  if (!allowed(turn, action)) return refusal(turn, action);
  if (!isWrite(plan)) return answerQuestion(deps, turn, plan);
  // The change as it would be made now: a refusal of the domain (a locked meeting) is said at once.
  const tried = applyPlan(turn, plan, meeting!, 'preview');
  if (!tried.ok) return tried.message;
  const proposal: Proposal = {
    id: activityKey(ctx, 'proposal'),
    groupId: turn.ref.groupId,
    plan,
    asker: { teamsId: turn.actor.teamsId, ...(turn.actor.aadObjectId ? { aadObjectId: turn.actor.aadObjectId } : {}) },
    state: 'proposed',
    createdAt: turn.at,
  };
  await deps.assistant!.proposals.create(proposal);
  return confirmCard(turn, proposal, meeting!, tried.meeting);
}

async function answerQuestion(deps: Deps, turn: GroupTurn, plan: Exclude<Plan, WritePlan>): Promise<string> {
  const tx = turn.texts.assistant;
  if (plan.tool === 'who_has_not_answered') {
    const stored = await deps.approvals.get(turn.ref.groupId, plan.approvalId);
    const a = stored?.approval;
    if (!a || a.status !== 'open') return tx.unknownApproval;
    const names = notAnswered(a).map((v) => v.name);
    const deadline = formatDate(stockholmDate(new Date(a.deadline)));
    return `${names.length ? tx.notAnswered(a.title, names.join(', ')) : tx.allAnswered(a.title)}\n\n${tx.approvalSource(a.title, deadline)}`;
  }
  const entries = decisionLog(await deps.followUps.meetings(turn.ref.groupId), { query: plan.query });
  const source = tx.decisionsSource(turn.group.name, plan.query);
  if (entries.length === 0) return `${tx.noDecisions(plan.query)}\n\n${source}`;
  const fu = turn.texts.followUp;
  const lines = entries.slice(0, MAX_DECISIONS_SHOWN).map((e) => `- ${fu.entryHeader(e.date ?? fu.noDate, e.meetingTitle, e.number, e.itemTitle)}: ${e.text}`);
  return `${tx.decisionsFound(plan.query, entries.length)}\n\n${lines.join('\n')}\n\n${source}`;
}

type Applied = { ok: true; meeting: Meeting } | { ok: false; message: string };

/** The plan's change on this meeting, through the domain function the command uses. */
function applyPlan(turn: GroupTurn, plan: WritePlan, m: Meeting, recordId: string): Applied {
  const r = change(turn, plan, m, recordId);
  return r.ok ? { ok: true, meeting: r.value } : { ok: false, message: domainErrorText(turn.texts, r.error) };
}

function change(turn: GroupTurn, plan: WritePlan, m: Meeting, recordId: string) {
  switch (plan.tool) {
    case 'add_agenda_item': {
      const r = addItem(m, { id: `${recordId}-item`, title: plan.title, ...(plan.kind ? { kind: plan.kind } : {}) }, turn.at);
      return r.ok ? { ok: true as const, value: r.value.meeting } : r;
    }
    case 'move_meeting': {
      const r = changePlan(m, { date: plan.date, time: shiftedTime(m.time, plan.start, plan.end) }, turn.at);
      return r.ok ? { ok: true as const, value: r.value.meeting } : r;
    }
    case 'record_note': {
      const r = recordNote(m, { id: `${recordId}-note`, text: plan.text, ...(turn.member ? { by: turn.member.id } : {}), byName: turn.member?.name ?? turn.actor.name }, turn.at);
      return r.ok ? { ok: true as const, value: r.value.meeting } : r;
    }
  }
}

/** "Ska jag …?" with the exact change; `message` and no buttons once it is handled. */
export function confirmCard(turn: Pick<GroupTurn, 'texts' | 'language'>, p: Pick<Proposal, 'id' | 'plan'>, before: Meeting, after: Meeting, done?: { message: string; good: boolean }): CardJson {
  return renderCard('assistant-confirm', confirmCardData(turn, p, before, after, done));
}

export function confirmCardData(turn: Pick<GroupTurn, 'texts' | 'language'>, p: Pick<Proposal, 'id' | 'plan'>, before: Meeting, after: Meeting, done?: { message: string; good: boolean }) {
  const tx = turn.texts.assistant;
  const f = tx.facts;
  const plan = p.plan;
  const meeting = `${before.title} ${whenText(turn.texts, turn.language, before)}`;
  const { question, facts } =
    plan.tool === 'add_agenda_item'
      ? { question: tx.addItem(plan.title, before.title), facts: [{ title: f.meeting, value: meeting }, { title: f.item, value: plan.title }, { title: f.kind, value: turn.texts.meeting.itemKinds[plan.kind ?? 'information'] }] }
      : plan.tool === 'move_meeting'
        ? { question: tx.moveMeeting(before.title, whenText(turn.texts, turn.language, after)), facts: [{ title: f.now, value: whenText(turn.texts, turn.language, before) }, { title: f.after, value: whenText(turn.texts, turn.language, after) }] }
        : { question: tx.recordNote(before.title), facts: [{ title: f.meeting, value: meeting }, { title: f.note, value: plan.text }] };
  return { t: tx, question, facts, proposalId: p.id, open: !done, message: done?.message ?? '', messageColor: done?.good ? 'good' : 'attention' };
}

/** The same person as the one who asked: by the activity's Entra object id, else its Teams id. */
function isAsker(turn: GroupTurn, p: Proposal): boolean {
  if (p.asker.aadObjectId && turn.actor.aadObjectId) return p.asker.aadObjectId === turn.actor.aadObjectId;
  return p.asker.teamsId === turn.actor.teamsId;
}

async function confirm(ctx: TurnContext, deps: Deps, turn: GroupTurn, proposalId: string): Promise<Answer> {
  const tx = turn.texts.assistant;
  const p = await deps.assistant?.proposals.get(turn.ref.groupId, proposalId);
  if (!p) return tx.gone;
  if (!isAsker(turn, p)) return tx.onlyAsker;
  if (p.state !== 'proposed') return tx.alreadyHandled;
  // The same permission check and domain change as the command, now, under If-Match; `before` is the
  // version the change was made on (the last one read, when a conflicting write made it try again).
  let before: Meeting | undefined;
  const r = await editMeeting(ctx, deps, turn, p.plan.meetingId, PLAN_ACTION[p.plan.tool], (m, tt) => {
    before = m;
    const applied = applyPlan(tt, p.plan, m, p.id);
    return applied.ok ? { ok: true, value: { meeting: applied.meeting, message: '' } } : { ok: true, value: { message: applied.message } };
  });
  if (!r.ok) return r.message;
  if (r.value.message) return r.value.message;
  await deps.assistant!.proposals.close(turn.ref.groupId, p.id, 'done');
  return confirmCard(turn, p, before!, r.value.meeting, { message: doneText(turn, p.id, p.plan, r.value.meeting), good: true });
}

function doneText(turn: GroupTurn, proposalId: string, plan: WritePlan, after: Meeting): string {
  const mt = turn.texts.meeting;
  if (plan.tool === 'add_agenda_item') return mt.itemAdded(itemNumber(after, itemIndex(after, `${proposalId}-item`)), plan.title, after.title);
  if (plan.tool === 'move_meeting') return mt.saved;
  return turn.texts.running.noteRecorded(itemNumber(after, itemIndex(after, after.currentItemId)));
}

async function cancel(deps: Deps, turn: GroupTurn, proposalId: string): Promise<Answer> {
  const tx = turn.texts.assistant;
  const p = await deps.assistant?.proposals.get(turn.ref.groupId, proposalId);
  if (!p) return tx.gone;
  if (!isAsker(turn, p)) return tx.onlyAsker;
  if (!(await deps.assistant!.proposals.close(turn.ref.groupId, p.id, 'cancelled'))) return tx.alreadyHandled;
  const m = await deps.meetings.get(turn.ref.groupId, p.plan.meetingId);
  return m ? confirmCard(turn, p, m, m, { message: tx.cancelled, good: true }) : tx.cancelled;
}

/** `assistent av` / `assistent på`: the group's own switch (those who may edit the group). */
async function setting(deps: Deps, ctx: TurnContext, turn: GroupTurn): Promise<Answer> {
  const tx = turn.texts.assistant;
  const arg = commandArgs(ctx.activity.text, ASSISTANT_SETTING).toLowerCase();
  const off = ['av', 'off'].includes(arg) ? true : ['på', 'pa', 'on'].includes(arg) ? false : undefined;
  if (off === undefined) return turn.texts.common.unknownCommand(`assistent ${arg}`.slice(0, 60));
  await deps.groups.update(turn.ref.groupId, (g) => {
    if (!g || !!g.settings.assistantOff === off) return { result: undefined };
    return { next: { ...g, settings: { ...g.settings, assistantOff: off }, updatedAt: turn.at }, result: undefined };
  });
  if (!deps.assistant) return tx.notConfigured;
  return off ? tx.off : tx.on;
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(ASSISTANT_SETTING, onCommand(deps, { may: 'group.edit' }, ({ ctx, turn }) => setting(deps, ctx, turn)));
  app.adaptiveCards.actionExecute(CONFIRM_VERB, onCard(deps, { data: ProposalRef }, ({ ctx, turn, data }) => confirm(ctx, deps, turn, data.proposalId)));
  app.adaptiveCards.actionExecute(CANCEL_VERB, onCard(deps, { data: ProposalRef }, ({ turn, data }) => cancel(deps, turn, data.proposalId)));
}
