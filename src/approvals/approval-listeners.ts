import { createHash, randomUUID } from 'node:crypto';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  APPROVAL_KINDS, APPROVAL_RULES, REASON_MAX, LINK_MAX, TEXT_MAX, TITLE_MAX,
  createApproval, newVersion, personRef, sign, signingContent, voterByIdentity, withdraw,
  type Approval, type ApprovalError, type ApprovalEvent, type ApprovalResult, type Changed, type Choice, type PersonRef,
} from './domain/approval.js';
import { runDue } from './domain/approval-due.js';
import { activeMembers, findMember, groupLanguage, memberById, rolesAt, type Group } from '../groups/domain/group.js';
import { isLocalDate, isLocalTime, toInstant } from '../shared/swedish-date.js';
import type { CardRef } from '../meetings/domain/meeting.js';
import { texts, type Texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { cmd, commandArgs } from '../bot/command.js';
import { actor, groupIdOf, groupRef, t, tenantIdOf } from '../bot/context.js';
import { cardId, cardNumber, loadGroupTurn, refusal, type GroupTurn } from '../bot/group-turn.js';
import { onCard, onCommand, validated } from '../bot/listen.js';
import {
  ALL_VOTERS, REMINDER_CHOICES, allVoterIds, defaultFormValues, formCardData, formatWhen, historyCardData, requestCard, signCardData,
  type FormValues, type ReminderChoice, type Viewer,
} from './approval-view.js';
import { renderCard, type CardJson } from '../bot/render-card.js';

/** Godkänn, Avslå, Synpunkt: the answer's log entry keeps the press's activity id, so a redelivery is recognised on it (no claim). */
export const ANSWER_VERB = 'approval.answer';

export const APPROVAL = cmd(['godkännande', 'godkannande', 'approval'], { args: 'optional' });

type T = Texts['approvals'];

// ---- card payloads (validated at the edge; ids are only looked up in the activity's own group) ----

/** Ids as the bot writes them: a '/' or '..' would reach Cosmos as a path and fail there (500-like). */
const id = cardId;
const version = cardNumber.pipe(z.number().int().min(1).max(10_000));
const RefData = z.object({ approvalId: id, version });
const ViewData = RefData.extend({ requesterTools: z.boolean().default(false) });
const AnswerData = RefData.extend({
  choice: z.enum(['approve', 'reject', 'comment']),
  reason: z.string().max(REASON_MAX).optional(),
  comment: z.string().max(REASON_MAX).optional(),
});
const VersionData = RefData.extend({ newText: z.string().max(TEXT_MAX).default(''), newLink: z.string().max(LINK_MAX).default('') });
const SignData = z.object({ linkId: id, version });
const csv = z.string().max(20_000).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const FormData = z.object({
  title: z.string().trim().min(1).max(TITLE_MAX),
  kind: z.enum(APPROVAL_KINDS),
  text: z.string().max(TEXT_MAX).default(''),
  link: z.string().max(LINK_MAX).default(''),
  voters: csv.pipe(z.array(id).min(1).max(500)),
  rule: z.enum(APPROVAL_RULES),
  deadlineDate: z.string().refine(isLocalDate),
  deadlineTime: z.string().refine(isLocalTime),
  reminder: z.enum(Object.keys(REMINDER_CHOICES) as [ReminderChoice, ...ReminderChoice[]]).default('none'),
  signatory: z.string().max(100).default('none'),
});

const FORM_ERROR_FIELD: Record<string, keyof T['formErrors']> = {
  title: 'title', kind: 'kind', rule: 'rule', voters: 'voters', deadlineDate: 'deadline', deadlineTime: 'deadline',
  reminder: 'reminder', signatory: 'signatory', text: 'text', link: 'text',
};

// ---- helpers ----

function card(name: string, data: object): CardJson {
  return renderCard(name, data);
}

function errorText(tx: T, error: ApprovalError): string {
  return tx.errors[error.code];
}

function isKansli(group: Group, at: Date) {
  return (memberId: string) => rolesAt(group, memberId, at).includes('kansli');
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Only the fields a form echoes back (a refused form keeps what was typed). */
function echo(data: Record<string, unknown>, fallback: FormValues): FormValues {
  const s = (k: keyof FormValues) => (typeof data[k] === 'string' ? String(data[k]).slice(0, k === 'text' ? TEXT_MAX : 2_000) : fallback[k]);
  return { title: s('title'), kind: s('kind'), text: s('text'), link: s('link'), voters: s('voters'), rule: s('rule'), deadlineDate: s('deadlineDate'), deadlineTime: s('deadlineTime'), reminder: s('reminder'), signatory: s('signatory') };
}

/** The texts for messages sent outside a turn: the language of whoever made the request. */
function textsFor(approval: Approval): T {
  return texts(approval.language ?? 'sv').approvals;
}

// ---- after the reply: the shared card, personal messages ----

function sharedCard(approval: Approval): CardJson {
  return requestCard(textsFor(approval), approval);
}

function updateChannelCard(deps: Deps, groupId: string, approvalId: string): void {
  deps.background.runLatest('approval card update', `approval-card:${groupId}/${approvalId}`, async () => {
    const stored = await deps.approvals.get(groupId, approvalId);
    if (!stored?.channelCard) return;
    await deps.proactive.updateCard(stored.channelCard, sharedCard(stored.approval));
  });
}

async function sendPersonal(deps: Deps, from: CardRef, tenantId: string, teamsId: string | undefined, content: CardJson | string) {
  if (!teamsId) return undefined;
  return deps.personalChat.send(from.reference, { teamsId }, tenantId, content);
}

/** Reacts to what a change did: outcome → signatory asked to sign; new version / reminder → people told. */
function followUp(deps: Deps, approval: Approval, channelCard: CardRef | undefined, events: ApprovalEvent[]): void {
  if (events.length === 0) return;
  updateChannelCard(deps, approval.groupId, approval.id);
  if (!channelCard) return;
  const tx = textsFor(approval);
  const tenantId = String((channelCard.reference.conversation as { tenantId?: string } | undefined)?.tenantId ?? '');
  for (const e of events) {
    if (e.type === 'decided' && e.status === 'approved' && e.signatory?.teamsId) {
      const signatory = e.signatory;
      deps.background.run('approval: ask the signatory', async () => {
        const linkId = `sign-${approval.id}`;
        const sent = await sendPersonal(deps, channelCard, tenantId, signatory.teamsId, card('approval-sign', signCardData(tx, approval, linkId)));
        if (!sent) return;
        await deps.personalLinks.save({
          id: linkId,
          groupId: groupIdOf(tenantId, sent.conversationId),
          kind: 'approval.sign',
          target: { groupId: approval.groupId, id: approval.id },
          memberId: signatory.memberId,
          createdAt: deps.now().toISOString(),
        });
      });
    }
    if (e.type === 'newVersion' || e.type === 'reminded') {
      const people = e.type === 'newVersion' ? e.notify : e.recipients;
      const text = e.type === 'newVersion' ? tx.newVersionMessage(approval.title, e.version) : tx.reminderMessage(approval.title, formatWhen(approval.deadline, tx.language));
      for (const p of people) {
        deps.background.run(`approval: ${e.type} message`, async () => {
          await sendPersonal(deps, channelCard, tenantId, p.teamsId, text);
        });
      }
    }
  }
}

// ---- listeners ----

const approvalFields = (texts: Texts) => texts.meeting.fields;

export function register(app: Application<TurnState>, deps: Deps): void {

  /** The request form (command, or the `approval.form` verb for a button on the group card). */
  function form(turn: GroupTurn, title: string): CardJson | string {
    const tx = turn.texts.approvals;
    if (activeMembers(turn.group).length === 0) return tx.noVoters;
    const values = defaultFormValues(turn.group, title.slice(0, TITLE_MAX), turn.now, isKansli(turn.group, turn.now));
    return card('approval-form', formCardData(tx, turn.group, values));
  }

  app.message(APPROVAL, onCommand(deps, { may: 'approval.start' }, async ({ ctx, turn }) => form(turn, commandArgs(ctx.activity.text, APPROVAL))));

  app.adaptiveCards.actionExecute('approval.form', onCard(deps, { may: 'approval.start' }, async ({ turn }) => form(turn, '')));

  app.adaptiveCards.actionExecute('approval.create', onCard(deps, { may: 'approval.start' }, async ({ ctx, turn, raw }) => {
    const tx = turn.texts.approvals;
    const group = turn.group;
    const groupId = turn.ref.groupId;
    if (!turn.member) return refusal(turn, 'approval.start');
    const fallback = defaultFormValues(group, '', turn.now, isKansli(group, turn.now));
    const data = (raw ?? {}) as Record<string, unknown>;
    const refuse = (message: string) => card('approval-form', formCardData(tx, group, echo(data, fallback), message));
    const parsed = FormData.safeParse(data);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'title');
      return refuse(tx.formErrors[FORM_ERROR_FIELD[field] ?? 'title']);
    }
    const f = parsed.data;
    // ALL_VOTERS: everyone who is not förbund staff (a large group's form offers it instead of a box per member).
    const reachable = (id: string) => !!memberById(group, id)?.teamsId;
    const voterIds = [...new Set(f.voters.flatMap((v) => (v === ALL_VOTERS ? allVoterIds(group, isKansli(group, turn.now)).filter(reachable) : [v])))];
    const voters = voterIds.map((v) => memberById(group, v));
    if (voters.length === 0) return refuse(tx.formErrors.voters);
    if (voters.some((m) => !m || m.removedAt)) return refuse(tx.formErrors.voters);
    // Issue 25: someone outside Teams can never answer; asking them would make the rule impossible unseen.
    const unreachable = voters.filter((m) => !m!.teamsId).map((m) => m!.name);
    if (unreachable.length) return refuse(tx.votersNotInTeams(unreachable.join(', ')));
    const signatory = f.signatory === 'none' ? undefined : memberById(group, f.signatory);
    if (f.signatory !== 'none' && (!signatory || signatory.removedAt)) return refuse(tx.formErrors.signatory);
    const deadline = toInstant(f.deadlineDate, f.deadlineTime);
    const hours = REMINDER_CHOICES[f.reminder];
    const a = ctx.activity;
    // One form message makes one request, however often it is pressed (double clicks, Teams retries).
    const approvalId = a.replyToId ? `ap-${sha256(`${groupId}\n${a.replyToId}`).slice(0, 24)}` : `ap-${randomUUID()}`;
    const created = createApproval(
      {
        title: f.title, kind: f.kind, rule: f.rule, text: f.text, link: f.link || undefined,
        voters: voters.map((m) => personRef(m!, isKansli(group, turn.now)(m!.id))),
        signatory: signatory ? personRef(signatory) : undefined,
        deadline,
        reminderAt: hours > 0 ? new Date(deadline.getTime() - hours * 3600_000) : undefined,
      },
      { id: approvalId, groupId, requester: personRef(turn.member), now: turn.now, language: groupLanguage(group) },
    );
    if (!created.ok) return refuse(errorText(tx, created.error));
    const reference = TurnContext.getConversationReference(a) as Record<string, unknown>;
    const channelCard: CardRef | undefined = a.replyToId
      ? { activityId: a.replyToId, conversationId: a.conversation.id, reference, postedAt: turn.now.toISOString() }
      : undefined;
    // A press of the same form again finds the request its first press made.
    const { created: isNew } = await deps.approvals.create(created.value.approval, channelCard);
    const stored = isNew ? { approval: created.value.approval } : await deps.approvals.get(groupId, approvalId);
    if (!stored) return tx.notFound;
    if (channelCard) {
      updateChannelCard(deps, groupId, approvalId);
    } else {
      deps.background.run('approval: post the channel card', async () => {
        const activityId = await deps.proactive.post(reference, sharedCard(stored.approval));
        if (activityId) await deps.approvals.setChannelCard(groupId, approvalId, { activityId, conversationId: a.conversation.id, reference, postedAt: turn.now.toISOString() });
      });
    }
    deps.log.info({ groupId, approvalId, rule: f.rule, voters: voters.length }, 'approval requested');
    return requestCard(tx, stored.approval, { memberId: turn.member.id });
  }));

  const viewerOf = (turn: GroupTurn): Viewer => (turn.member ? { memberId: turn.member.id } : {});

  /** A change only the requester may make (new version, withdrawal): refused ones show the card with why. */
  async function requesterChange(turn: GroupTurn, approvalId: string, change: (a: Approval, by: PersonRef) => ApprovalResult<Changed>, saved: (a: Approval) => string) {
    const tx = turn.texts.approvals;
    const by = turn.member;
    if (!by) return tx.notMember;
    const r = await deps.approvals.change(turn.ref.groupId, approvalId, (a) => change(a, personRef(by)));
    if (!r) return tx.notFound;
    if (!r.ok) {
      const current = await deps.approvals.get(turn.ref.groupId, approvalId);
      return current ? requestCard(tx, current.approval, viewerOf(turn), errorText(tx, r.error)) : tx.notFound;
    }
    followUp(deps, r.value.approval, r.channelCard, r.value.events);
    return requestCard(tx, r.value.approval, viewerOf(turn), saved(r.value.approval));
  }

  /**
   * The hot path (100 people pressing at once): the voter is found on the request's own snapshot by
   * the Teams identity of the activity – read, patch, done. Only someone not found there costs a read
   * of the group (a member whose Teams identity was added later, or a refusal that says why).
   */
  app.adaptiveCards.actionExecute(ANSWER_VERB, async (ctx, _state, raw) => {
    const parsed = validated(ctx, AnswerData, raw, approvalFields);
    if (!parsed.ok) return parsed.answer;
    const d = parsed.value;
    const tx = t(ctx).approvals;
    const groupId = groupRef(ctx).groupId;
    const now = deps.now();
    const who = actor(ctx);
    const choice: Choice = d.choice;
    const answer = { choice, text: choice === 'reject' ? d.reason : choice === 'comment' ? d.comment : undefined, version: d.version, ...(ctx.activity.id ? { activityId: ctx.activity.id } : {}) };
    let r = await deps.approvals.answer(groupId, d.approvalId, (a) => voterByIdentity(a, who)?.memberId, answer, now);
    let memberId = r ? voterByIdentity(r.approval, who)?.memberId : undefined;
    if (r && !r.ok && r.error.code === 'APPROVAL.NOT_A_VOTER') {
      const turn = await loadGroupTurn(ctx, deps);
      if (!turn?.member) return requestCard(tx, r.approval, {}, tx.notMember);
      memberId = turn.member.id;
      r = await deps.approvals.answer(groupId, d.approvalId, turn.member.id, answer, now);
    }
    if (!r) return tx.notFound;
    const viewer: Viewer = memberId ? { memberId } : {};
    if (!r.ok) return requestCard(tx, r.approval, viewer, errorText(tx, r.error));
    followUp(deps, r.approval, r.channelCard, r.events);
    return requestCard(tx, r.approval, viewer, r.changed || r.redelivered ? tx.saved[choice] : tx.saved.same);
  });

  for (const verb of ['approval.refresh', 'approval.history'] as const) {
    app.adaptiveCards.actionExecute(verb, onCard(deps, { data: ViewData, fields: approvalFields }, async ({ turn, data }) => {
      const tx = turn.texts.approvals;
      const found = await deps.approvals.get(turn.ref.groupId, data.approvalId);
      if (!found) return tx.notFound;
      if (verb === 'approval.history') return card('approval-history', historyCardData(tx, found.approval));
      // "Ändra eller återkalla" pressed by someone else: their own view, and why not.
      const notRequester = data.requesterTools && found.approval.requester.memberId !== turn.member?.id;
      return requestCard(tx, found.approval, viewerOf(turn), notRequester ? errorText(tx, { code: 'APPROVAL.NOT_REQUESTER' }) : '');
    }));
  }

  app.adaptiveCards.actionExecute('approval.newVersion', onCard(deps, { data: VersionData, fields: approvalFields }, async ({ turn, data: d }) =>
    requesterChange(turn, d.approvalId, (a, by) => newVersion(a, { by, text: d.newText, link: d.newLink || undefined, seenVersion: d.version }, turn.now), (a) => turn.texts.approvals.saved.newVersion(a.version))));

  app.adaptiveCards.actionExecute('approval.withdraw', onCard(deps, { data: RefData, fields: approvalFields }, async ({ turn, data }) =>
    requesterChange(turn, data.approvalId, (a, by) => withdraw(a, by, turn.now), () => turn.texts.approvals.saved.withdrawn)));

  /** Signera, pressed in the signatory's personal chat: found through a link in that chat's own partition. */
  app.adaptiveCards.actionExecute('approval.sign', async (ctx, _state, raw) => {
    const tx = t(ctx).approvals;
    const parsed = validated(ctx, SignData, raw, approvalFields);
    if (!parsed.ok) return parsed.answer;
    const personalGroupId = groupIdOf(tenantIdOf(ctx), ctx.activity.conversation.id);
    const link = await deps.personalLinks.get(personalGroupId, parsed.value.linkId);
    if (!link || link.kind !== 'approval.sign') return tx.notFound;
    const group = await deps.groups.get(link.target.groupId);
    const member = group ? findMember(group, actor(ctx)) : undefined;
    const linkId = parsed.value.linkId;
    const now = deps.now();
    if (!group || !member || member.id !== link.memberId) return tx.signRefused.notSignatory;
    const r = await deps.approvals.change(group.groupId, link.target.id, (a) =>
      sign(a, { by: personRef(member), contentHash: sha256(signingContent(a)), seenVersion: parsed.value.version }, now));
    if (!r) return tx.notFound;
    if (!r.ok) {
      const current = await deps.approvals.get(group.groupId, link.target.id);
      return current ? card('approval-sign', signCardData(tx, current.approval, linkId, errorText(tx, r.error))) : tx.notFound;
    }
    followUp(deps, r.value.approval, r.channelCard, r.value.events);
    deps.log.info({ groupId: group.groupId, approvalId: link.target.id }, 'approval signed');
    return card('approval-sign', signCardData(tx, r.value.approval, linkId));
  });

  // Reminders before the deadline and closing at the deadline, on the shared scheduler.
  deps.scheduler.register<{ groupId: string; id: string }>({
    kind: 'approval',
    findDue: (now) => deps.approvals.findDue(now),
    async run(item, now) {
      const r = await deps.approvals.change(item.groupId, item.id, (a) => ({ ok: true, value: runDue(a, now) }));
      if (r?.ok) followUp(deps, r.value.approval, r.channelCard, r.value.events);
    },
  });
}
