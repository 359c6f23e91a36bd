import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, MessageFactory, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { activeMembers, findMember, memberById, memberByName, resolvePendingRoles, type Member } from '../groups/domain/group.js';
import {
  currentOrNextMeeting,
  endMeeting,
  goToItem,
  isPlanning,
  itemIndex,
  itemNumber,
  newMeeting,
  openActions,
  recordAction,
  recordDecision,
  recordNote,
  recordParticipantEvent,
  startMeeting,
  untouchedItems,
  type ActionItem,
  type Decision,
  type ItemTarget,
  type Meeting,
  type Note,
  type Recorded,
  type MeetingError,
  type ParticipantEvent,
} from './domain/meeting.js';
import type { Action } from '../groups/domain/permissions.js';
import type { DomainError, Result } from '../shared/result.js';
import { isLocalDate, parseDate, stockholmDate, stockholmTime } from '../shared/swedish-date.js';
import type { Deps } from '../bot/deps.js';
import { cmd, commandArgs } from '../bot/command.js';
import { activityKey, allowed, cardId, domainErrorText, joinAnd, loadGroupTurn, refusal, type GroupTurn } from '../bot/group-turn.js';
import { noFieldNames, onCard, onCommand } from '../bot/listen.js';
import { postCheckInCard, refreshAttendanceCard } from '../attendance/attendance-listeners.js';
import { draftDestination, liveCard, refreshMeetingCards } from './meeting-cards.js';
import { whenText } from './meeting-view.js';
import { confirmCard } from '../bot/confirm-card.js';
import { cardAttachment, type CardJson } from '../bot/render-card.js';
import { checkFormalDecision, formalStart, startQuorumLine } from '../formal/formal-listeners.js';

export const START = cmd(['starta möte', 'start meeting']);
export const NEXT = cmd(['nästa punkt', 'next item']);
export const PREVIOUS = cmd(['föregående punkt', 'previous item']);
export const GOTO = cmd(['gå till punkt', 'go to item'], { args: 'required' });
export const NOTE = cmd(['anteckning', 'note'], { args: 'required' });
export const DECISION = cmd(['beslut', 'decision'], { args: 'required' });
export const ACTION = cmd(['uppdrag', 'action'], { args: 'required' });
export const END = cmd(['avsluta möte', 'end meeting']);

const meetingId = cardId;
const MeetingRef = z.object({ meetingId });
/** A confirmation card's answer: `<choice>:<meeting id>` (see `cards/confirm.json`). */
const Confirmation = <C extends string>(choices: readonly [C, ...C[]]) =>
  z.object({ value: z.string().max(300) }).transform((d, ctx) => {
    const [choice, id = ''] = d.value.split(/:(.*)/s);
    const c = z.enum(choices).safeParse(choice);
    const m = id === '' ? { success: true as const, data: '' } : meetingId.safeParse(id);
    if (!c.success || !m.success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'] });
      return z.NEVER;
    }
    return { choice: c.data, meetingId: m.data };
  });
const StartChoice = Confirmation(['planned', 'adHoc', 'cancel'] as const);
const EndChoice = Confirmation(['end', 'continue'] as const);
const GotoData = z.object({ meetingId, gotoItemId: cardId });
const NoteData = z.object({ meetingId, noteText: z.string().trim().min(1).max(4000) });
const DecisionData = z.object({ meetingId, decisionText: z.string().trim().min(1).max(4000) });
const ActionData = z.object({
  meetingId,
  actionOwnerId: z.string().min(1).max(100),
  actionText: z.string().trim().min(1).max(4000),
  actionDue: z.string().trim().refine((s) => s === '' || isLocalDate(s)).default(''),
});

type Refused = { ok: false; message: string };
type Done = { ok: true; meeting: Meeting; message: string };

function say(ctx: TurnContext, text: string) {
  return ctx.sendActivity(text);
}

function itemLabel(m: Meeting, itemId: string | undefined): { number: string; title: string } {
  const i = itemIndex(m, itemId);
  return i === -1 ? { number: '', title: '' } : { number: itemNumber(m, i), title: m.items[i]!.title };
}

async function runningMeeting(deps: Deps, groupId: string): Promise<Meeting | undefined> {
  const started = await deps.meetings.list(groupId, ['started']);
  return started.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '')).at(-1);
}

/**
 * Applies a change to the running meeting (role in force now checked first, then the lifecycle),
 * under If-Match, and updates the live card in place afterwards.
 */
async function changeRunning(
  deps: Deps,
  turn: GroupTurn,
  action: Action,
  id: string | undefined,
  change: (m: Meeting) => Result<{ meeting: Meeting; message: string; write: boolean }, MeetingError | DomainError>,
): Promise<Done | Refused> {
  if (!allowed(turn, action)) return { ok: false, message: refusal(turn, action) };
  const target = id ?? (await runningMeeting(deps, turn.ref.groupId))?.id;
  if (!target) return { ok: false, message: turn.texts.running.noRunningMeeting };
  const outcome = await deps.meetings.update<Done | Refused>(turn.ref.groupId, target, (m) => {
    if (!m) return { result: { ok: false, message: turn.texts.meeting.noMeetingFound } };
    const r = change(m);
    if (!r.ok) return { result: { ok: false, message: domainErrorText(turn.texts, r.error) } };
    const done: Done = { ok: true, meeting: r.value.meeting, message: r.value.message };
    return r.value.write ? { next: r.value.meeting, result: done } : { result: done };
  });
  if (outcome.ok) refreshMeetingCards(deps, turn, outcome.meeting);
  return outcome;
}

// ---- start ----------------------------------------------------------------------------------

/** `choice`: what the chair chose on the question `starta möte` asks when the next meeting is not today. */
type StartSource = { kind: 'command'; choice?: { to: 'planned'; meetingId: string } | { to: 'adHoc' } } | { kind: 'teams'; teamsMeetingId?: string };

/** Posts a message or card in the meeting's conversation; answers the new activity's id. */
type Post = (content: CardJson | string) => Promise<string | undefined>;

/** Posting within the turn (a typed command): the replies go out with it. */
const postInTurn = (ctx: TurnContext): Post => async (content) =>
  (await ctx.sendActivity(typeof content === 'string' ? content : MessageFactory.attachment(cardAttachment(content))))?.id;

/**
 * Starts the next planned meeting (or, from the command, an ad-hoc one with the standing items),
 * posts the live agenda card once and records where it is. A second start is refused. From a card
 * press (`announce: 'after'`) the start is decided and stored at once and the messages and cards go
 * out after the press is answered, through the conversation reference.
 */
async function start(ctx: TurnContext, deps: Deps, turn: GroupTurn, source: StartSource, announce: 'inTurn' | 'after' = 'inTurn'): Promise<Meeting | undefined> {
  const rt = turn.texts.running;
  const groupId = turn.ref.groupId;
  const meetings = await deps.meetings.list(groupId, ['planned', 'noticed', 'started']);
  const already = meetings.find((m) => m.status === 'started');
  if (already) {
    if (source.kind === 'command') await say(ctx, rt.alreadyRunning(already.title));
    return;
  }
  const today = stockholmDate(turn.now);
  const choice = source.kind === 'command' ? source.choice : undefined;
  let meeting = choice?.to === 'adHoc' ? undefined : choice?.to === 'planned' ? meetings.find((m) => m.id === choice.meetingId && isPlanning(m)) : currentOrNextMeeting(meetings.filter(isPlanning), today);
  if (choice?.to === 'planned' && !meeting) return void (await say(ctx, turn.texts.meeting.noMeetingFound));
  // Issue 25: the next planned meeting is not today's (a later day's, or one whose day passed without
  // a start); ask before starting it or an extra one.
  if (source.kind === 'command' && !choice && meeting?.date && meeting.date !== today) {
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment(startQuestion(turn, meeting, meeting.date < today))));
    return;
  }
  let adHoc = false;
  if (!meeting) {
    if (source.kind === 'teams') return void deps.log.info({ groupId }, 'Teams meeting started with no planned meeting');
    const id = activityKey(ctx, 'meeting');
    const earlier = await deps.meetings.list(groupId, ['ended', 'minutesDrafted', 'inAdjustment', 'adjusted']);
    const made = newMeeting({
      id,
      group: turn.group,
      title: turn.texts.group.meetingTitle[turn.group.kind](turn.group.name),
      date: stockholmDate(turn.now),
      time: { start: stockholmTime(turn.now) },
      itemIds: turn.group.settings.standingItems.map((_, i) => `${id}-s${i}`),
      carriedActions: openActions(earlier),
      at: turn.at,
      by: turn.member?.id,
    });
    if (!made.ok) return void (await say(ctx, domainErrorText(turn.texts, made.error)));
    await deps.meetings.create(made.value);
    meeting = made.value;
    adHoc = true;
  }
  // Role changes decided "from the next meeting" are in force from now on.
  let group = turn.group;
  if (group.roleHistory.some((r) => !r.from)) {
    group = await deps.groups.update(groupId, (g) => {
      if (!g) return { result: turn.group };
      const next = resolvePendingRoles(g, turn.at);
      return next === g ? { result: g } : { next, result: next };
    });
  }
  const moveId = activityKey(ctx, 'move');
  const formal = await formalStart(deps, group, meeting);
  const started = await deps.meetings.update<{ ok: true; meeting: Meeting } | Refused>(groupId, meeting.id, (m) => {
    if (!m) return { result: { ok: false, message: turn.texts.meeting.noMeetingFound } };
    if (m.status === 'started') return { result: { ok: false, message: rt.alreadyRunning(m.title) } };
    const r = startMeeting(formal(m), moveId, turn.at, turn.member?.id);
    if (!r.ok) return { result: { ok: false, message: domainErrorText(turn.texts, r.error) } };
    const next = source.kind === 'teams' && source.teamsMeetingId ? { ...r.value, teamsMeetingId: source.teamsMeetingId } : r.value;
    return { next, result: { ok: true, meeting: next } };
  });
  if (!started.ok) {
    if (source.kind === 'command') await say(ctx, started.message);
    return undefined;
  }
  const view = { ...turn, group };
  const confirm = source.kind === 'teams' ? rt.startedFromTeams(started.meeting.title) : adHoc ? rt.startedAdHoc(started.meeting.title) : rt.started(started.meeting.title);
  // Issue 26: a formal body hears at once whether it is quorate.
  const quorum = startQuorumLine(view, started.meeting);
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity))) as Record<string, unknown>;
  const cards = { deps, view, meeting: started.meeting, reference, text: quorum ? `${confirm} ${quorum}` : confirm };
  if (announce === 'inTurn') await announceStart({ ...cards, post: postInTurn(ctx) });
  else deps.background.run('meeting start: live and check-in cards', () => announceStart({ ...cards, post: (content) => deps.proactive.post(reference, content) }));
  return started.meeting;
}

/** The started meeting's message, its live card (its id kept for updates) and the check-in card. */
async function announceStart({ deps, view, meeting, reference, text, post }: { deps: Deps; view: GroupTurn; meeting: Meeting; reference: Record<string, unknown>; text: string; post: Post }): Promise<void> {
  await post(text);
  const activityId = await post(liveCard(view, meeting));
  if (!activityId) return;
  const conversationId = String((reference.conversation as { id?: string } | undefined)?.id ?? '');
  const card = { activityId, conversationId, reference, postedAt: view.at };
  await deps.meetings.update(meeting.groupId, meeting.id, (m) => (m ? { next: { ...m, liveCard: card }, result: undefined } : { result: undefined }));
  // Anything recorded between the start and storing the card's id is shown now.
  refreshMeetingCards(deps, view, meeting);
  // Issue 5: the check-in (närvaro) card goes out beside the live card.
  await postCheckInCard(deps, view, meeting.id, reference);
}

function startQuestion(turn: GroupTurn, m: Meeting, passed: boolean) {
  const rt = turn.texts.running;
  return confirmCard({
    heading: rt.startConfirmTitle(m.title),
    text: (passed ? rt.startLateText : rt.startConfirmText)(m.title, whenText(turn.texts, turn.language, m)),
    buttons: [
      { title: rt.startPlannedButton, verb: 'meeting.confirmStart', value: `planned:${m.id}`, positive: true },
      { title: rt.startAdHocButton, verb: 'meeting.confirmStart', value: 'adHoc:' },
      { title: rt.cancelButton, verb: 'meeting.confirmStart', value: 'cancel:' },
    ],
  });
}

// ---- moving, recording ----------------------------------------------------------------------

function move(deps: Deps, turn: GroupTurn, ctx: TurnContext, id: string | undefined, target: ItemTarget) {
  const moveId = activityKey(ctx, 'move');
  return changeRunning(deps, turn, 'run.meeting', id, (m) => {
    const r = goToItem(m, target, moveId, turn.at, turn.member?.id);
    if (!r.ok) return r;
    const { number, title } = itemLabel(r.value.meeting, r.value.meeting.currentItemId);
    return { ok: true, value: { meeting: r.value.meeting, message: turn.texts.running.moved(number, title), write: !r.value.duplicate } };
  });
}

/**
 * Records a note, decision or action item: decided by the pure domain function on the meeting as read,
 * then appended with one conditional patch (no ETag storm when many write at once). When the
 * condition fails (the meeting ended, or the record is already there) it is decided again on fresh
 * data under If-Match, so the answer is always the true one.
 */
async function record<R extends Note | Decision | ActionItem>(
  deps: Deps,
  turn: GroupTurn,
  action: Action,
  id: string | undefined,
  key: 'notes' | 'decisions' | 'actionItems',
  build: (m: Meeting) => Recorded<R> | Result<{ meeting: Meeting; record: R; duplicate: boolean }, DomainError>,
  confirm: (m: Meeting, r: R) => string,
): Promise<Done | Refused> {
  if (!allowed(turn, action)) return { ok: false, message: refusal(turn, action) };
  const m = id ? await deps.meetings.get(turn.ref.groupId, id) : await runningMeeting(deps, turn.ref.groupId);
  if (!m) return { ok: false, message: id ? turn.texts.meeting.noMeetingFound : turn.texts.running.noRunningMeeting };
  const r = build(m);
  if (!r.ok) return { ok: false, message: domainErrorText(turn.texts, r.error) };
  if (r.value.duplicate) return { ok: true, meeting: m, message: confirm(r.value.meeting, r.value.record) };
  if (await deps.meetings.appendRecord(turn.ref.groupId, m.id, key, r.value.record, turn.at)) {
    refreshMeetingCards(deps, turn, r.value.meeting);
    return { ok: true, meeting: r.value.meeting, message: confirm(r.value.meeting, r.value.record) };
  }
  return changeRunning(deps, turn, action, m.id, (fresh) => {
    const again = build(fresh);
    if (!again.ok) return again;
    return { ok: true, value: { meeting: again.value.meeting, message: confirm(again.value.meeting, again.value.record), write: !again.value.duplicate } };
  });
}

function byWhom(turn: GroupTurn) {
  return { by: turn.member?.id, byName: turn.member?.name ?? turn.actor.name };
}

function note(deps: Deps, turn: GroupTurn, ctx: TurnContext, id: string | undefined, text: string) {
  const noteId = activityKey(ctx, 'note');
  return record(
    deps, turn, 'record.note', id, 'notes',
    (m) => recordNote(m, { id: noteId, text, ...byWhom(turn) }, turn.at),
    (m, r) => turn.texts.running.noteRecorded(itemLabel(m, r.itemId).number),
  );
}

function decision(deps: Deps, turn: GroupTurn, ctx: TurnContext, id: string | undefined, text: string) {
  const decisionId = activityKey(ctx, 'decision');
  return record(
    deps, turn, 'record.decision', id, 'decisions',
    (m) => {
      const r = recordDecision(m, { id: decisionId, text, ...byWhom(turn) }, turn.at);
      if (!r.ok || r.value.duplicate) return r;
      // Issue 26: a formal body decides only when quorate, with no vote open and the winning yrkande known.
      const formal = checkFormalDecision(turn, m, r.value.record.itemId);
      return formal.ok ? r : formal;
    },
    (m, r) => turn.texts.running.decisionRecorded(itemLabel(m, r.itemId).number, r.attSatser.length),
  );
}

function action(deps: Deps, turn: GroupTurn, ctx: TurnContext, id: string | undefined, owner: Member, text: string, due: string | undefined) {
  const actionId = activityKey(ctx, 'action');
  return record(
    deps, turn, 'record.action', id, 'actionItems',
    (m) => recordAction(m, { id: actionId, text, ownerId: owner.id, ownerName: owner.name, ...(due ? { due } : {}), ...byWhom(turn) }, turn.at),
    () => turn.texts.running.actionRecorded(owner.name, due ?? ''),
  );
}

/** Who an action item is for: a Teams @mention of a member, or a member's name; else refused with the members. */
export function resolveOwner(ctx: TurnContext, turn: GroupTurn, who: string): { ok: true; member: Member } | Refused {
  const rt = turn.texts.running;
  const tag = /<at>(.*?)<\/at>/i.exec(who);
  const plain = (tag ? tag[1]! : who).trim();
  if (tag) {
    const mention = (ctx.activity.entities ?? []).find(
      (e) => e.type === 'mention' && typeof e.text === 'string' && e.text.toLowerCase() === tag[0].toLowerCase() && e.mentioned?.id !== ctx.activity.recipient?.id,
    );
    const mentioned = mention?.mentioned as { id?: string; aadObjectId?: string } | undefined;
    const member = mentioned ? findMember(turn.group, { teamsId: mentioned.id, aadObjectId: mentioned.aadObjectId }) : undefined;
    if (member) return { ok: true, member };
  }
  const r = memberByName(turn.group, plain);
  if (r.ok) return { ok: true, member: r.value };
  if (r.error.code === 'GROUP.MEMBER_AMBIGUOUS') return { ok: false, message: rt.ambiguousOwner(plain, String(r.error.details?.candidates ?? '')) };
  return { ok: false, message: rt.unknownOwner(plain, joinAnd(turn.texts, activeMembers(turn.group).map((m) => m.name))) };
}

/** `uppdrag <vem>: <vad> [senast <datum>]` → owner, text, due date. */
function parseActionCommand(ctx: TurnContext, turn: GroupTurn, args: string): { ok: true; owner: Member; text: string; due?: string } | Refused {
  const colon = args.indexOf(':');
  if (colon <= 0) return { ok: false, message: turn.texts.running.actionFormat };
  const owner = resolveOwner(ctx, turn, args.slice(0, colon));
  if (!owner.ok) return owner;
  let text = args.slice(colon + 1).trim();
  let due: string | undefined;
  const m = /\s+(?:senast|by)\s+([^\n]+?)\.?$/iu.exec(text);
  if (m) {
    const d = parseDate(m[1]!, stockholmDate(turn.now));
    if (!d.ok) return { ok: false, message: domainErrorText(turn.texts, d.error) };
    due = d.value;
    text = text.slice(0, m.index).trim();
  }
  if (!text) return { ok: false, message: turn.texts.running.actionFormat };
  return { ok: true, owner: owner.member, text, ...(due ? { due } : {}) };
}

// ---- end --------------------------------------------------------------------------------------

/** Asked to end with items nobody took up: the question, else nothing (end at once). */
type EndQuestion = { ok: true; asked: true; meeting: Meeting; message: string };

/**
 * Ends the meeting. From the chat or the live card, a meeting with untouched items is not ended:
 * the chair is asked first (issue 25), and `confirmed` ends it anyway.
 */
async function end(deps: Deps, turn: GroupTurn, ctx: TurnContext, id: string | undefined, source: 'command' | 'teams' | 'card', confirmed = false): Promise<Done | Refused | EndQuestion> {
  if (source !== 'teams' && !allowed(turn, 'run.meeting')) return { ok: false, message: refusal(turn, 'run.meeting') };
  const target = id ?? (await runningMeeting(deps, turn.ref.groupId))?.id;
  if (!target) return { ok: false, message: id ? turn.texts.meeting.noMeetingFound : turn.texts.running.noRunningMeeting };
  // Decided on the meeting as stored: ask (writing nothing) when items were not taken up, else end it.
  const outcome = await deps.meetings.update<Done | Refused | EndQuestion>(turn.ref.groupId, target, (m) => {
    if (!m) return { result: { ok: false, message: turn.texts.meeting.noMeetingFound } };
    const left = m.status === 'started' ? untouchedItems(m) : [];
    if (source !== 'teams' && !confirmed && left.length > 0) return { result: { ok: true, asked: true, meeting: m, message: '' } };
    const r = endMeeting(m, turn.at, turn.member?.id);
    if (!r.ok) return { result: { ok: false, message: m.status === 'planned' || m.status === 'noticed' ? turn.texts.running.noRunningMeeting : domainErrorText(turn.texts, r.error) } };
    const where = draftDestination(turn.texts, turn.group, m);
    const message = source === 'teams' ? turn.texts.running.endedFromTeams(m.title, where) : turn.texts.running.ended(m.title, where);
    return { next: r.value, result: { ok: true, meeting: r.value, message } };
  });
  if ('asked' in outcome) {
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment(endQuestion(turn, outcome.meeting, untouchedItems(outcome.meeting)))));
    return outcome;
  }
  if (!outcome.ok) return outcome;
  refreshMeetingCards(deps, turn, outcome.meeting);
  const reference = outcome.meeting.liveCard?.reference ?? (JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity))) as Record<string, unknown>);
  for (const handler of deps.meetingEnded) {
    const event = { meeting: outcome.meeting, group: turn.group, ref: turn.ref, reference, language: turn.language, ...(source !== 'teams' ? { endedBy: turn.actor.teamsId } : {}) };
    deps.background.run('meeting ended', () => handler(event));
  }
  return outcome;
}

function endQuestion(turn: GroupTurn, m: Meeting, left: Meeting['items']) {
  const rt = turn.texts.running;
  return confirmCard({
    heading: rt.endConfirmTitle(m.title),
    text: rt.endConfirmText(left.length),
    lines: left.map((item) => {
      const number = itemNumber(m, m.items.indexOf(item));
      return m.format === 'protokoll' ? turn.texts.meeting.itemLineParagraph(number, item.title) : turn.texts.meeting.itemLine(number, item.title);
    }),
    buttons: [
      { title: rt.endAnywayButton, verb: 'meeting.confirmEnd', value: `end:${m.id}`, positive: true },
      { title: rt.continueButton, verb: 'meeting.confirmEnd', value: `continue:${m.id}` },
    ],
  });
}

// ---- Teams meeting events ---------------------------------------------------------------------

const MeetingEventValue = z.object({ Id: z.string().max(1000).optional(), id: z.string().max(1000).optional() }).passthrough();
const ParticipantsValue = z.object({
  members: z
    .array(z.object({ user: z.object({ id: z.string().max(300), name: z.string().max(300).optional(), aadObjectId: z.string().max(300).optional() }).passthrough() }).passthrough())
    .max(1000),
});

function eventSelector(...names: string[]) {
  const full = names.map((n) => `application/vnd.microsoft.${n}`);
  return async (ctx: TurnContext) => ctx.activity.type === ActivityTypes.Event && full.includes(ctx.activity.name ?? '');
}

/** Keeps meetingParticipantJoin/Leave on the running meeting (else the next planned one) for attendance. */
async function participants(ctx: TurnContext, deps: Deps, kind: 'join' | 'leave'): Promise<void> {
  const turn = await loadGroupTurn(ctx, deps);
  const parsed = ParticipantsValue.safeParse(ctx.activity.value);
  if (!turn || !parsed.success) return;
  const meetings = await deps.meetings.list(turn.ref.groupId, ['planned', 'noticed', 'started']);
  const target = currentOrNextMeeting(meetings, stockholmDate(turn.now));
  if (!target) return;
  const base = activityKey(ctx, kind);
  const events: ParticipantEvent[] = parsed.data.members.map((p, i) => {
    const member = findMember(turn.group, { teamsId: p.user.id, aadObjectId: p.user.aadObjectId });
    return {
      id: `${base}-${i}`,
      kind,
      teamsId: p.user.id,
      ...(p.user.aadObjectId ? { aadObjectId: p.user.aadObjectId } : {}),
      ...(p.user.name ? { name: p.user.name } : {}),
      ...(member ? { memberId: member.id } : {}),
      at: turn.at,
    };
  });
  const changed = await deps.meetings.update(turn.ref.groupId, target.id, (m) => {
    if (!m) return { result: false };
    const next = events.reduce(recordParticipantEvent, m);
    return next === m ? { result: false } : { next, result: true };
  });
  // Issue 5: members seen in the Teams meeting count as present on the check-in card.
  if (changed) refreshAttendanceCard(deps, turn, turn.ref.groupId, target.id);
}

// ---- wiring -----------------------------------------------------------------------------------


/** A live-card button: validate, act, and answer with the updated live card (or the refusal). */
function liveAction<T extends { meetingId: string }>(deps: Deps, schema: z.ZodType<T, z.ZodTypeDef, unknown>, act: (turn: GroupTurn, ctx: TurnContext, d: T) => Promise<Done | Refused>) {
  return onCard(deps, { data: schema }, async ({ ctx, turn, data }) => {
    const r = await act(turn, ctx, data);
    return r.ok ? liveCard(turn, r.meeting) : r.message;
  });
}

/** A command: act on the running meeting and confirm briefly. */
function command(deps: Deps, act: (turn: GroupTurn, ctx: TurnContext) => Promise<Done | Refused>, may?: Action) {
  return onCommand(deps, { ...(may ? { may } : {}) }, async ({ ctx, turn }) => (await act(turn, ctx)).message);
}

function gotoTarget(turn: GroupTurn, m: Meeting | undefined, arg: string): ItemTarget | undefined {
  const n = /^§?\s*(\d{1,3})\.?$/.exec(arg.trim());
  if (!m || !n) return undefined;
  const index = Number(n[1]) - m.firstNumber;
  const item = m.items[index];
  return item ? { to: 'item', itemId: item.id } : { to: 'item', itemId: `missing-${arg}` };
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(START, onCommand(deps, { may: 'run.meeting' }, async ({ ctx, turn }) => void (await start(ctx, deps, turn, { kind: 'command' }))));
  app.adaptiveCards.actionExecute(
    'meeting.confirmStart',
    onCard(deps, { data: StartChoice, fields: noFieldNames, may: 'run.meeting' }, async ({ ctx, turn, data }) => {
      const rt = turn.texts.running;
      if (data.choice === 'cancel') return confirmCard({ heading: rt.startCancelled, text: '' });
      const choice = data.choice === 'planned' ? { to: 'planned' as const, meetingId: data.meetingId } : { to: 'adHoc' as const };
      // Answered at once; the live and check-in cards follow (Teams gives a press a few seconds).
      const started = await start(ctx, deps, turn, { kind: 'command', choice }, 'after');
      // The question stays as asked, with what happened below it (the live card is posted beside it).
      return started ? confirmCard({ heading: rt.startConfirmTitle(started.title), text: rt.startChosen(started.title) }) : confirmCard({ heading: rt.startCancelled, text: '' });
    }),
  );
  app.adaptiveCards.actionExecute(
    'meeting.confirmEnd',
    onCard(deps, { data: EndChoice, fields: noFieldNames, may: 'run.meeting' }, async ({ ctx, turn, data }) => {
      const rt = turn.texts.running;
      const m = await deps.meetings.get(turn.ref.groupId, data.meetingId);
      if (!m || m.status !== 'started') return confirmCard({ heading: turn.texts.running.noRunningMeeting, text: '' });
      if (data.choice === 'continue') return confirmCard({ heading: rt.endConfirmTitle(m.title), text: rt.endContinued });
      const r = await end(deps, turn, ctx, m.id, 'command', true);
      return r.ok ? confirmCard({ heading: rt.endConfirmTitle(m.title), text: r.message }) : confirmCard({ heading: r.message, text: '' });
    }),
  );
  app.message(NEXT, command(deps, (turn, ctx) => move(deps, turn, ctx, undefined, { to: 'next' })));
  app.message(PREVIOUS, command(deps, (turn, ctx) => move(deps, turn, ctx, undefined, { to: 'previous' })));
  app.message(
    GOTO,
    command(deps, async (turn, ctx) => {
      const m = await runningMeeting(deps, turn.ref.groupId);
      if (!m) return { ok: false, message: turn.texts.running.noRunningMeeting };
      const target = gotoTarget(turn, m, commandArgs(ctx.activity.text, GOTO));
      if (!target) return { ok: false, message: turn.texts.running.gotoFormat };
      return move(deps, turn, ctx, m.id, target);
    }, 'run.meeting'),
  );
  app.message(NOTE, command(deps, (turn, ctx) => note(deps, turn, ctx, undefined, commandArgs(ctx.activity.text, NOTE))));
  app.message(DECISION, command(deps, (turn, ctx) => decision(deps, turn, ctx, undefined, commandArgs(ctx.activity.text, DECISION))));
  app.message(
    ACTION,
    command(deps, async (turn, ctx) => {
      const parsed = parseActionCommand(ctx, turn, commandArgs(ctx.activity.text, ACTION));
      if (!parsed.ok) return parsed;
      return action(deps, turn, ctx, undefined, parsed.owner, parsed.text, parsed.due);
    }, 'record.action'),
  );
  app.message(END, onCommand(deps, {}, async ({ ctx, turn }) => {
    const r = await end(deps, turn, ctx, undefined, 'command');
    return 'asked' in r ? undefined : r.message;
  }));

  app.adaptiveCards.actionExecute('live.next', liveAction(deps, MeetingRef, (turn, ctx, d) => move(deps, turn, ctx, d.meetingId, { to: 'next' })));
  app.adaptiveCards.actionExecute('live.previous', liveAction(deps, MeetingRef, (turn, ctx, d) => move(deps, turn, ctx, d.meetingId, { to: 'previous' })));
  app.adaptiveCards.actionExecute('live.goto', liveAction(deps, GotoData, (turn, ctx, d) => move(deps, turn, ctx, d.meetingId, { to: 'item', itemId: d.gotoItemId })));
  app.adaptiveCards.actionExecute('live.note', liveAction(deps, NoteData, (turn, ctx, d) => note(deps, turn, ctx, d.meetingId, d.noteText)));
  app.adaptiveCards.actionExecute('live.decision', liveAction(deps, DecisionData, (turn, ctx, d) => decision(deps, turn, ctx, d.meetingId, d.decisionText)));
  app.adaptiveCards.actionExecute(
    'live.action',
    liveAction(deps, ActionData, async (turn, ctx, d) => {
      const owner = memberById(turn.group, d.actionOwnerId);
      if (!owner || owner.removedAt) return { ok: false, message: turn.texts.meeting.invalidField(turn.texts.meeting.fields.memberId!) };
      return action(deps, turn, ctx, d.meetingId, owner, d.actionText, d.actionDue || undefined);
    }),
  );
  app.adaptiveCards.actionExecute('live.end', liveAction(deps, MeetingRef, (turn, ctx, d) => end(deps, turn, ctx, d.meetingId, 'card')));

  app.activity(eventSelector('meetingStart'), async (ctx) => {
    const turn = await loadGroupTurn(ctx, deps);
    const v = MeetingEventValue.safeParse(ctx.activity.value ?? {});
    if (!turn || !v.success) return;
    await start(ctx, deps, turn, { kind: 'teams', ...(v.data.Id ?? v.data.id ? { teamsMeetingId: v.data.Id ?? v.data.id } : {}) });
  });
  app.activity(eventSelector('meetingEnd'), async (ctx) => {
    const turn = await loadGroupTurn(ctx, deps);
    if (!turn) return;
    const r = await end(deps, turn, ctx, undefined, 'teams');
    if (r.ok) await say(ctx, r.message);
  });
  // The names Teams sends (singular); teams-ai's own helpers listen for the plural forms.
  app.activity(eventSelector('meetingParticipantJoin', 'meetingParticipantsJoin'), (ctx) => participants(ctx, deps, 'join'));
  app.activity(eventSelector('meetingParticipantLeave', 'meetingParticipantsLeave'), (ctx) => participants(ctx, deps, 'leave'));
}
