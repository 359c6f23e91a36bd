import { createHash } from 'node:crypto';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { MessageFactory, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { groupLanguage, memberByName, type Group, type Member } from '../groups/domain/group.js';
import { recordNote, type Meeting, type MeetingStatus } from '../meetings/domain/meeting.js';
import { draftMinutes } from '../minutes/domain/minutes.js';
import { itemBodyText, itemHeading } from '../minutes/domain/minutes-text.js';
import { err, ok, type DomainError, type Result } from '../shared/result.js';
import { addDays, parseDate, stockholmDate } from '../shared/swedish-date.js';
import { texts as textsOf } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { cmd, commandArgs } from '../bot/command.js';
import { activityKey, allowed, cardId, domainErrorText, joinAnd, refusal, type GroupTurn } from '../bot/group-turn.js';
import { onCard, onCommand } from '../bot/listen.js';
import { cardAttachment } from '../bot/render-card.js';
import { liveCard, refreshMeetingCards } from '../meetings/meeting-cards.js';
import { changeFormalSettings, formalActive, isFormalGroup, ledamoter, setFormalList, type FormalError } from './domain/formal-body.js';
import { BALLOTS, emptyFormal, type BallotChoice, type MeetingFormal, type Vote } from './domain/formal-meeting.js';
import {
  addMotion,
  adjustImmediately,
  annotate,
  castBallot,
  checkDecision,
  closeVote,
  immediateSigners,
  motionsOn,
  motivate,
  openVote,
  openVoteOn,
  propose,
  reportJav,
  reserve,
  setAdjustBy,
  withdrawVote,
} from './domain/formal-rules.js';
import { quorumFor } from './domain/quorum.js';
import { nextFirstNumber } from './domain/paragraphs.js';
import { anslagDates } from './domain/anslag.js';
import { anslagCard, numberOf, quorumText, voteCard } from './formal-view.js';
import { VoteRepo } from './vote-repo.js';

export const LEDAMOTER = cmd(['ledamöter', 'members'], { args: 'required' });
export const ERSATTARE = cmd(['ersättare', 'substitutes'], { args: 'required' });
export const FORMAL_ON = cmd(['formellt protokoll på', 'formal minutes on']);
export const FORMAL_OFF = cmd(['formellt protokoll av', 'formal minutes off']);
export const KEPT_AT = cmd(['protokollet förvaras', 'minutes kept at'], { args: 'required' });
export const NOTICE_BOARD = cmd(['anslagstavla', 'notice board'], { args: 'required' });
export const QUORUM = cmd(['beslutsförhet', 'quorum']);
export const JAV = cmd(['jäv', 'conflict of interest'], { args: 'optional' });
export const MOTION = cmd(['yrkande', 'motion'], { args: 'required' });
export const PROPOSITION = cmd(['proposition'], { args: 'required' });
export const VOTE = cmd(['omröstning', 'vote'], { args: 'required' });
export const BALLOT = cmd(['röst', 'ballot'], { args: 'required' });
export const CLOSE_VOTE = cmd(['avsluta omröstning', 'avsluta omröstningen', 'close vote']);
export const WITHDRAW_VOTE = cmd(['återkalla omröstning', 'återkalla omröstningen', 'withdraw vote']);
export const TABLE = cmd(['bordlägg', 'bordläggning', 'table']);
export const RESERVATION = cmd(['reservation'], { args: 'optional' });
export const MOTIVATION = cmd(['motivering', 'motivation'], { args: 'required' });
export const ANNOTATION = cmd(['protokollsanteckning', 'minutes note'], { args: 'required' });
export const IMMEDIATE = cmd(['justera omedelbart', 'approve at once']);
export const ADJUST_BY = cmd(['justeringsdag', 'approval date'], { args: 'required' });

type Out = { ok: true; meeting: Meeting; message: string } | { ok: false; message: string };
type Decided<T> = Result<{ formal: MeetingFormal; record: T; duplicate: boolean }, FormalError>;

/** A formal refusal in the user's words (the body named as its minutes name it). */
export function formalErrorText(turn: Pick<GroupTurn, 'texts' | 'group'>, error: DomainError): string {
  const f = turn.texts.formal.errors[error.code];
  return f ? f({ ...error.details, body: turn.texts.formal.body[turn.group.kind] }) : domainErrorText(turn.texts, error);
}

/**
 * The check `beslut` runs in a formal body before recording (issue 26): quorate for the item, no vote
 * open, and the winning yrkande known when there were several (the minutes say which one won).
 */
export function checkFormalDecision(turn: Pick<GroupTurn, 'texts' | 'group'>, m: Meeting, itemId: string): Result<{ outcome?: { motionId: string; voteId?: string } }, DomainError> {
  const c = checkDecision(m, turn.group, itemId);
  if (c.ok) return c;
  return { ok: false, error: { code: c.error.code, details: { ...c.error.details, body: turn.texts.formal.body[turn.group.kind] } } };
}

/** What `starta möte` adds for a formal body: § numbers continuing the year, the formal part, the quorum line. */
export async function formalStart(deps: Deps, group: Group, meeting: Meeting): Promise<(m: Meeting) => Meeting> {
  if (!formalActive(group)) return (m) => m;
  const earlier = await deps.meetings.list(group.groupId, ['started', 'ended', 'minutesDrafted', 'inAdjustment', 'adjusted']);
  const first = nextFirstNumber(earlier, meeting);
  return (m) => ({ ...m, firstNumber: first, formal: m.formal ?? emptyFormal() });
}

export function startQuorumLine(turn: Pick<GroupTurn, 'texts' | 'group'>, m: Meeting): string {
  return quorumText(turn.texts, turn.group, m, m.currentItemId);
}

async function runningMeeting(deps: Deps, groupId: string): Promise<Meeting | undefined> {
  const started = await deps.meetings.list(groupId, ['started']);
  return started.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '')).at(-1);
}

/** Reads the running meeting (or the one named), decides on it under If-Match and updates the live card. */
async function changeFormal<T>(deps: Deps, turn: GroupTurn, meetingId: string | undefined, decide: (m: Meeting, itemId: string) => Decided<T>, confirm: (m: Meeting, record: T) => string): Promise<Out> {
  const target = meetingId ?? (await runningMeeting(deps, turn.ref.groupId))?.id;
  if (!target) return { ok: false, message: turn.texts.running.noRunningMeeting };
  const out = await deps.meetings.update<Out>(turn.ref.groupId, target, (m) => {
    if (!m) return { result: { ok: false, message: turn.texts.meeting.noMeetingFound } };
    if (!m.currentItemId || m.status !== 'started') return { result: { ok: false, message: turn.texts.running.noRunningMeeting } };
    const r = decide(m, m.currentItemId);
    if (!r.ok) return { result: { ok: false, message: formalErrorText(turn, r.error) } };
    const next: Meeting = { ...m, formal: r.value.formal, updatedAt: turn.at };
    const message = confirm(next, r.value.record);
    return r.value.duplicate ? { result: { ok: true, meeting: m, message } } : { next, result: { ok: true, meeting: next, message } };
  });
  if (out.ok) refreshMeetingCards(deps, turn, out.meeting);
  return out;
}

/** "Namn: text" with a member's name before the colon, else the text alone. */
function namedOrSelf(turn: GroupTurn, args: string): { member?: Member; text: string; named: boolean } {
  const colon = args.indexOf(':');
  if (colon > 0) {
    const r = memberByName(turn.group, args.slice(0, colon));
    if (r.ok) return { member: r.value, text: args.slice(colon + 1).trim(), named: true };
  }
  return { ...(turn.member ? { member: turn.member } : {}), text: args.trim(), named: false };
}

function needsFormal(turn: GroupTurn): string | undefined {
  if (!isFormalGroup(turn.group)) return formalErrorText(turn, { code: 'FORMAL.NOT_FORMAL' });
  if (!formalActive(turn.group)) return formalErrorText(turn, { code: 'FORMAL.NO_LEDAMOTER' });
  return undefined;
}

// ---- the group's ledamöter and settings ----------------------------------------------------------

function namesOf(turn: GroupTurn, args: string): Result<Member[], string> {
  const names = args.split(/[,\n]|\soch\s/u).map((s) => s.trim()).filter(Boolean);
  const found: Member[] = [];
  for (const n of names) {
    const r = memberByName(turn.group, n);
    if (!r.ok) return { ok: false, error: domainErrorText(turn.texts, r.error) };
    found.push(r.value);
  }
  return found.length ? ok(found) : { ok: false, error: turn.texts.formal.listFormat };
}

async function setList(deps: Deps, turn: GroupTurn, list: 'ledamoter' | 'ersattare', args: string): Promise<string> {
  const names = namesOf(turn, args);
  if (!names.ok) return names.error;
  const r = await deps.groups.update<Result<Group, FormalError>>(turn.ref.groupId, (g) => {
    if (!g) return { result: err('FORMAL.NOT_FORMAL') };
    const next = setFormalList(g, list, names.value.map((x) => x.id), turn.at);
    return next.ok ? { next: next.value, result: next } : { result: next };
  });
  if (!r.ok) return formalErrorText(turn, r.error);
  const f = turn.texts.formal;
  if (list === 'ersattare') return f.ersattareSet(names.value.map((x) => x.name).join(', '));
  const seats = ledamoter(r.value);
  return f.ledamoterSet(seats.map((x) => x.name).join(', '), seats.length, Math.floor(seats.length / 2) + 1);
}

async function setFormal(deps: Deps, turn: GroupTurn, change: Parameters<typeof changeFormalSettings>[1], message: string): Promise<string> {
  await deps.groups.update(turn.ref.groupId, (g) => (g ? { next: changeFormalSettings(g, change, turn.at), result: undefined } : { result: undefined }));
  return message;
}

// ---- votes ----------------------------------------------------------------------------------------

function postVoteCardLater(deps: Deps, turn: GroupTurn, groupId: string, meetingId: string, voteId: string): void {
  deps.background.runLatest('vote card update', `vote-card:${groupId}/${meetingId}/${voteId}`, async () => {
    const m = await deps.meetings.get(groupId, meetingId);
    const vote = m?.formal?.votes[voteId];
    if (!m || !vote?.card) return;
    await deps.proactive.updateCard(vote.card, voteCard(turn, m, vote));
  });
}

const CHOICE_WORDS: Record<string, BallotChoice> = { ja: 'ja', yes: 'ja', nej: 'nej', no: 'nej', avstår: 'avstar', avstar: 'avstar', abstain: 'avstar' };

/** One ballot: decided on the meeting as stored, written as one conditional patch on the voter's own key. */
async function ballot(deps: Deps, votes: VoteRepo, turn: GroupTurn, meetingId: string, voteId: string, voter: Member | undefined, choice: BallotChoice, source: 'self' | 'secretary'): Promise<Out> {
  const groupId = turn.ref.groupId;
  const m = await deps.meetings.get(groupId, meetingId);
  if (!m) return { ok: false, message: turn.texts.meeting.noMeetingFound };
  const r = castBallot(m, turn.group, { voteId, voter, choice, source, at: turn.at, ...(turn.member ? { by: turn.member.id } : {}) });
  if (!r.ok) return { ok: false, message: formalErrorText(turn, r.error) };
  const words = turn.texts.formal.choices[choice];
  const message = source === 'self' ? turn.texts.formal.ballotRecorded(words) : turn.texts.formal.ballotEntered(voter!.name, words);
  const after = (): Meeting => {
    const vote: Vote = { ...r.value.vote, ballots: { ...r.value.vote.ballots, [voter!.id]: r.value.ballot } };
    return { ...m, formal: { ...m.formal!, votes: { ...m.formal!.votes, [voteId]: vote } } };
  };
  if (r.value.same) return { ok: true, meeting: m, message };
  if (!(await votes.setBallot(groupId, meetingId, voteId, voter!.id, r.value.ballot))) {
    const fresh = await deps.meetings.get(groupId, meetingId);
    const again = fresh && castBallot(fresh, turn.group, { voteId, voter, choice, source, at: turn.at });
    return { ok: false, message: again && !again.ok ? formalErrorText(turn, again.error) : formalErrorText(turn, { code: 'FORMAL.VOTE_CLOSED' }) };
  }
  postVoteCardLater(deps, turn, groupId, meetingId, voteId);
  return { ok: true, meeting: after(), message };
}

async function closeTheVote(deps: Deps, turn: GroupTurn, meetingId: string | undefined, voteId: string | undefined): Promise<Out & { vote?: Vote }> {
  if (!allowed(turn, 'run.meeting')) return { ok: false, message: refusal(turn, 'run.meeting') };
  const target = meetingId ?? (await runningMeeting(deps, turn.ref.groupId))?.id;
  if (!target) return { ok: false, message: turn.texts.running.noRunningMeeting };
  let closed: Vote | undefined;
  const out = await deps.meetings.update<Out>(turn.ref.groupId, target, (m) => {
    if (!m) return { result: { ok: false, message: turn.texts.meeting.noMeetingFound } };
    const id = voteId ?? (m.currentItemId ? openVoteOn(m, m.currentItemId)?.id : undefined);
    if (!id) return { result: { ok: false, message: turn.texts.formal.noVote } };
    const r = closeVote(m, turn.group, id, turn.at);
    if (!r.ok) return { result: { ok: false, message: formalErrorText(turn, r.error) } };
    closed = r.value.record;
    const next = { ...m, formal: r.value.formal, updatedAt: turn.at };
    const res = closed.result!;
    const winner = motionsOn(next, closed.itemId).find((x) => x.id === res.winnerId)!;
    const message = turn.texts.formal.voteClosed(res.ja, res.nej, res.avstar, turn.texts.formal.motionWinner(winner.number, winner.moverName), res.casting);
    return r.value.duplicate ? { result: { ok: true, meeting: m, message } } : { next, result: { ok: true, meeting: next, message } };
  });
  if (out.ok && closed) {
    postVoteCardLater(deps, turn, turn.ref.groupId, out.meeting.id, closed.id);
    refreshMeetingCards(deps, turn, out.meeting);
  }
  return { ...out, ...(closed ? { vote: closed } : {}) };
}

async function startVote(ctx: TurnContext, deps: Deps, turn: GroupTurn, args: string): Promise<string | undefined> {
  const n = /^(\d{1,2})\s+(?:mot|against)\s+(\d{1,2})$/iu.exec(args.trim());
  if (!n) return turn.texts.formal.voteFormat;
  const id = activityKey(ctx, 'vote');
  const out = await changeFormal(deps, turn, undefined, (m, itemId) => openVote(m, turn.group, { id, itemId, ja: Number(n[1]), nej: Number(n[2]), at: turn.at, ...(turn.member ? { by: turn.member.id } : {}) }), (m, v) => turn.texts.formal.voteOpened(numberOf(m, v.itemId)));
  if (!out.ok) return out.message;
  const vote = out.meeting.formal!.votes[id]!;
  if (vote.card) return out.message;
  await ctx.sendActivity(out.message);
  const posted = await ctx.sendActivity(MessageFactory.attachment(cardAttachment(voteCard(turn, out.meeting, vote))));
  if (posted?.id) {
    const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity))) as Record<string, unknown>;
    const card = { activityId: posted.id, conversationId: ctx.activity.conversation.id, reference, postedAt: turn.at };
    await deps.meetings.update(turn.ref.groupId, out.meeting.id, (m) => {
      const v = m?.formal?.votes[id];
      return m && v && !v.card ? { next: { ...m, formal: { ...m.formal!, votes: { ...m.formal!.votes, [id]: { ...v, card } } } }, result: undefined } : { result: undefined };
    });
    // Ballots cast while the card was being posted are shown now.
    postVoteCardLater(deps, turn, turn.ref.groupId, out.meeting.id, id);
  }
  return undefined;
}

// ---- omedelbar justering --------------------------------------------------------------------------

/** The § as the minutes would say it now: heading and body, locked as justerat at once. */
function paragraphText(turn: GroupTurn, m: Meeting, itemId: string): string {
  const labels = turn.texts.minutes.document;
  const doc = draftMinutes({ meeting: m, group: turn.group, language: turn.language, labels, formal: turn.texts.formal });
  const item = doc.items.find((i) => i.itemId === itemId);
  return item ? `${itemHeading(item)}\n\n${itemBodyText(item, labels)}` : '';
}

// ---- the meeting a later command is about ---------------------------------------------------------

const AFTER: readonly MeetingStatus[] = ['started', 'ended', 'minutesDrafted', 'inAdjustment'];

async function latestHeld(deps: Deps, groupId: string): Promise<Meeting | undefined> {
  const held = await deps.meetings.list(groupId, AFTER);
  return held.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '')).at(-1);
}

function itemByNumber(m: Meeting, text: string): string | undefined {
  const n = /^§?\s*(\d{1,4})$/u.exec(text.trim());
  if (!n) return undefined;
  return m.items[Number(n[1]) - m.firstNumber]?.id;
}

// ---- wiring ---------------------------------------------------------------------------------------

const VoteRef = z.object({ meetingId: cardId, voteId: cardId });
const BallotData = VoteRef.extend({ choice: z.enum(BALLOTS) });
const MeetingRef = z.object({ meetingId: cardId });

export function register(app: Application<TurnState>, deps: Deps): void {
  const votes = new VoteRepo(deps.store.domain);
  const reply = (out: Out) => out.message;

  app.message(LEDAMOTER, onCommand(deps, { may: 'group.edit' }, ({ ctx, turn }) => setList(deps, turn, 'ledamoter', commandArgs(ctx.activity.text, LEDAMOTER))));
  app.message(ERSATTARE, onCommand(deps, { may: 'group.edit' }, ({ ctx, turn }) => setList(deps, turn, 'ersattare', commandArgs(ctx.activity.text, ERSATTARE))));
  app.message(FORMAL_ON, onCommand(deps, { may: 'group.edit' }, ({ turn }) => setFormal(deps, turn, { enabled: true }, turn.texts.formal.formalOn)));
  app.message(FORMAL_OFF, onCommand(deps, { may: 'group.edit' }, ({ turn }) => setFormal(deps, turn, { enabled: false }, turn.texts.formal.formalOff)));
  app.message(KEPT_AT, onCommand(deps, { may: 'group.edit' }, ({ ctx, turn }) => { const v = commandArgs(ctx.activity.text, KEPT_AT); return setFormal(deps, turn, { keptAt: v }, turn.texts.formal.keptAtSet(v)); }));
  app.message(NOTICE_BOARD, onCommand(deps, { may: 'group.edit' }, ({ ctx, turn }) => { const v = commandArgs(ctx.activity.text, NOTICE_BOARD); return setFormal(deps, turn, { noticeBoard: v }, turn.texts.formal.noticeBoardSet(v)); }));

  app.message(QUORUM, onCommand(deps, {}, async ({ turn }) => {
    const no = needsFormal(turn);
    if (no) return no;
    const m = await runningMeeting(deps, turn.ref.groupId);
    if (!m) return turn.texts.running.noRunningMeeting;
    const q = quorumFor(m, turn.group, m.currentItemId);
    return [quorumText(turn.texts, turn.group, m, m.currentItemId), ...(q.serving.length ? [turn.texts.formal.servingLine(q.serving.map((s) => s.member.name).join(', '))] : [])].join(' ');
  }));

  // Jäv: one's own, or (chair, secretary) someone else's by name.
  const jav = (turn: GroupTurn, who: Member | undefined, meetingId?: string) =>
    !who ? Promise.resolve<Out>({ ok: false, message: formalErrorText(turn, { code: 'FORMAL.JAV_NOT_MEMBER' }) })
      : changeFormal(deps, turn, meetingId, (m, itemId) => reportJav(m, who, itemId, turn.at, turn.member?.id), (m, r) => turn.texts.formal.javRecorded(r.name, numberOf(m, r.itemId)));
  app.message(JAV, onCommand(deps, {}, async ({ ctx, turn }) => {
    const name = commandArgs(ctx.activity.text, JAV);
    if (!name) return reply(await jav(turn, turn.member));
    if (!allowed(turn, 'run.meeting')) return refusal(turn, 'run.meeting');
    const r = memberByName(turn.group, name);
    return r.ok ? reply(await jav(turn, r.value)) : domainErrorText(turn.texts, r.error);
  }));
  app.adaptiveCards.actionExecute('formal.jav', onCard(deps, { data: MeetingRef }, async ({ turn, data }) => {
    const r = await jav(turn, turn.member, data.meetingId);
    return r.ok ? liveCard(turn, r.meeting) : r.message;
  }));

  app.message(MOTION, onCommand(deps, {}, async ({ ctx, turn }) => {
    const no = needsFormal(turn);
    if (no) return no;
    const p = namedOrSelf(turn, commandArgs(ctx.activity.text, MOTION));
    if (p.named && p.member?.id !== turn.member?.id && !allowed(turn, 'record.decision')) return refusal(turn, 'record.decision');
    if (!p.member || !p.text) return turn.texts.formal.motionFormat;
    const id = activityKey(ctx, 'motion');
    return reply(await changeFormal(deps, turn, undefined, (m, itemId) => addMotion(m, { id, itemId, mover: p.member!, text: p.text, at: turn.at }), (_m, x) => turn.texts.formal.motionRecorded(x.number, x.moverName, x.text)));
  }));

  app.message(PROPOSITION, onCommand(deps, { may: 'run.meeting' }, async ({ ctx, turn }) => {
    const n = /^(?:yrkande\s+)?(\d{1,2})$/iu.exec(commandArgs(ctx.activity.text, PROPOSITION));
    if (!n) return turn.texts.formal.propositionFormat;
    return reply(await changeFormal(deps, turn, undefined, (m, itemId) => propose(m, itemId, Number(n[1]), turn.at, turn.member?.id), (m, p) => {
      const winner = m.formal!.motions.find((x) => x.id === p.winnerId)!;
      return turn.texts.formal.propositionRecorded(winner.moverName, turn.texts.formal.body[turn.group.kind]);
    }));
  }));

  app.message(VOTE, onCommand(deps, { may: 'run.meeting' }, async ({ ctx, turn }) => {
    const no = needsFormal(turn);
    return no ?? startVote(ctx, deps, turn, commandArgs(ctx.activity.text, VOTE));
  }));
  app.adaptiveCards.actionExecute('formal.ballot', onCard(deps, { data: BallotData }, async ({ turn, data }) => {
    const r = await ballot(deps, votes, turn, data.meetingId, data.voteId, turn.member, data.choice, 'self');
    if (!r.ok) return r.message;
    return voteCard(turn, r.meeting, r.meeting.formal!.votes[data.voteId]!);
  }));
  app.message(BALLOT, onCommand(deps, { may: 'run.meeting' }, async ({ ctx, turn }) => {
    const args = commandArgs(ctx.activity.text, BALLOT);
    const colon = args.lastIndexOf(':');
    const choice = colon > 0 ? CHOICE_WORDS[args.slice(colon + 1).trim().toLowerCase().replace(/\.$/, '')] : undefined;
    if (!choice) return turn.texts.formal.ballotFormat;
    const who = memberByName(turn.group, args.slice(0, colon));
    if (!who.ok) return domainErrorText(turn.texts, who.error);
    const m = await runningMeeting(deps, turn.ref.groupId);
    const vote = m?.currentItemId ? openVoteOn(m, m.currentItemId) : undefined;
    if (!m || !vote) return turn.texts.formal.noVote;
    return reply(await ballot(deps, votes, turn, m.id, vote.id, who.value, choice, 'secretary'));
  }));
  app.message(CLOSE_VOTE, onCommand(deps, {}, async ({ turn }) => reply(await closeTheVote(deps, turn, undefined, undefined))));
  app.adaptiveCards.actionExecute('formal.closeVote', onCard(deps, { data: VoteRef }, async ({ turn, data }) => {
    const r = await closeTheVote(deps, turn, data.meetingId, data.voteId);
    return r.ok && r.vote ? voteCard(turn, r.meeting, r.meeting.formal!.votes[data.voteId] ?? r.vote) : r.message;
  }));

  // A vote that cannot be closed (a tie nobody chairing the item can decide) is withdrawn, never left open.
  app.message(WITHDRAW_VOTE, onCommand(deps, { may: 'run.meeting' }, async ({ ctx, turn }) => {
    const id = activityKey(ctx, 'withdraw');
    const out = await changeFormal(deps, turn, undefined, (m, itemId) => withdrawVote(m, itemId, { id, at: turn.at, ...(turn.member ? { by: turn.member.id } : {}) }), (m, v) => turn.texts.formal.voteWithdrawn(numberOf(m, v.itemId)));
    const withdrawn = out.ok ? Object.values(out.meeting.formal?.votes ?? {}).find((v) => v.withdrawal?.id === id) : undefined;
    if (out.ok && withdrawn) postVoteCardLater(deps, turn, turn.ref.groupId, out.meeting.id, withdrawn.id);
    return out.message;
  }));

  // Bordläggning: noted under the item, also when the body is not quorate.
  app.message(TABLE, onCommand(deps, { may: 'record.decision' }, async ({ ctx, turn }) => {
    const id = activityKey(ctx, 'note');
    const m = await runningMeeting(deps, turn.ref.groupId);
    if (!m) return turn.texts.running.noRunningMeeting;
    const out = await deps.meetings.update<Out>(turn.ref.groupId, m.id, (cur) => {
      if (!cur) return { result: { ok: false, message: turn.texts.meeting.noMeetingFound } };
      const r = recordNote(cur, { id, text: turn.texts.formal.tabledNote, ...(turn.member ? { by: turn.member.id } : {}), byName: turn.member?.name ?? turn.actor.name }, turn.at);
      if (!r.ok) return { result: { ok: false, message: domainErrorText(turn.texts, r.error) } };
      const message = turn.texts.formal.tabled(numberOf(r.value.meeting, r.value.record.itemId));
      return r.value.duplicate ? { result: { ok: true, meeting: cur, message } } : { next: r.value.meeting, result: { ok: true, meeting: r.value.meeting, message } };
    });
    if (out.ok) refreshMeetingCards(deps, turn, out.meeting);
    return out.message;
  }));

  app.message(RESERVATION, onCommand(deps, {}, async ({ ctx, turn }) => {
    const no = needsFormal(turn);
    if (no) return no;
    const id = activityKey(ctx, 'reservation');
    const motivation = commandArgs(ctx.activity.text, RESERVATION);
    return reply(await changeFormal(deps, turn, undefined, (m, itemId) => reserve(m, turn.group, { id, itemId, member: turn.member, ...(motivation ? { motivation } : {}), at: turn.at }), (_m, r) => turn.texts.formal.reserved(r.name)));
  }));

  app.message(MOTIVATION, onCommand(deps, {}, async ({ ctx, turn }) => {
    const args = commandArgs(ctx.activity.text, MOTIVATION);
    const colon = args.indexOf(':');
    const m = await latestHeld(deps, turn.ref.groupId);
    const itemId = m && colon > 0 ? itemByNumber(m, args.slice(0, colon)) : undefined;
    const text = args.slice(colon + 1).trim();
    if (!m || !itemId || !text || !turn.member) return turn.texts.formal.motivationFormat;
    const memberId = turn.member.id;
    return deps.meetings.update<string>(turn.ref.groupId, m.id, (cur) => {
      if (!cur) return { result: turn.texts.meeting.noMeetingFound };
      const r = motivate(cur, { itemId, memberId, motivation: text, today: stockholmDate(turn.now), at: turn.at });
      if (!r.ok) return { result: formalErrorText(turn, r.error) };
      return { next: { ...cur, formal: r.value.formal, updatedAt: turn.at }, result: turn.texts.formal.motivated(numberOf(cur, itemId)) };
    });
  }));

  app.message(ANNOTATION, onCommand(deps, {}, async ({ ctx, turn }) => {
    const no = needsFormal(turn);
    if (no) return no;
    const p = namedOrSelf(turn, commandArgs(ctx.activity.text, ANNOTATION));
    if (p.named && p.member?.id !== turn.member?.id && !allowed(turn, 'record.decision')) return refusal(turn, 'record.decision');
    if (!p.member || !p.text) return turn.texts.formal.annotationFormat;
    const id = activityKey(ctx, 'annotation');
    return reply(await changeFormal(deps, turn, undefined, (m, itemId) => annotate(m, { id, itemId, member: p.member, name: p.member!.name, text: p.text, at: turn.at }), (m, a) => turn.texts.formal.annotated(numberOf(m, a.itemId))));
  }));

  app.message(IMMEDIATE, onCommand(deps, { may: 'run.meeting' }, async ({ turn }) => {
    let signers = '';
    const out = await changeFormal(deps, turn, undefined, (m, itemId) => {
      const text = paragraphText(turn, m, itemId);
      const signedBy = immediateSigners(m, turn.group);
      signers = joinAnd(turn.texts, signedBy);
      return adjustImmediately(m, { itemId, at: turn.at, ...(turn.member ? { by: turn.member.id } : {}), signedBy, text, sha256: createHash('sha256').update(text).digest('hex') });
    }, (m, r) => turn.texts.formal.immediateDone(numberOf(m, r.itemId), signers));
    return out.message;
  }));

  app.message(ADJUST_BY, onCommand(deps, { may: 'run.meeting' }, async ({ ctx, turn }) => {
    const d = parseDate(commandArgs(ctx.activity.text, ADJUST_BY), stockholmDate(turn.now));
    if (!d.ok) return turn.texts.formal.adjustByFormat;
    const m = await latestHeld(deps, turn.ref.groupId);
    if (!m) return turn.texts.running.noRunningMeeting;
    return deps.meetings.update<string>(turn.ref.groupId, m.id, (cur) => {
      if (!cur) return { result: turn.texts.meeting.noMeetingFound };
      const r = setAdjustBy(cur, d.value);
      if (!r.ok) return { result: formalErrorText(turn, r.error) };
      return { next: { ...cur, formal: r.value, updatedAt: turn.at }, result: turn.texts.formal.adjustBySet(d.value) };
    });
  }));

  registerDueWork(deps);
}

// ---- timed work: justering reminders and the anslag -------------------------------------------------

interface DueMeeting {
  groupId: string;
  id: string;
}

/** Reminder two days before the justering date, a warning the day after it; the anslag once justerat. */
function registerDueWork(deps: Deps): void {
  const query = async (q: string, now: Date): Promise<DueMeeting[]> => {
    const today = stockholmDate(now);
    const { resources } = await deps.store.domain.items
      .query<DueMeeting>({ query: q, parameters: [{ name: '@today', value: today }, { name: '@soon', value: addDays(today, 2) }] })
      .fetchAll();
    return resources;
  };
  deps.scheduler.register<DueMeeting>({
    kind: 'formal.adjustBy',
    findDue: (now) =>
      query(
        `SELECT c.groupId, c.id FROM c WHERE c.type = 'meeting' AND IS_DEFINED(c.formal.adjustBy) AND c.status != 'adjusted'
         AND ((c.formal.adjustBy <= @soon AND NOT IS_DEFINED(c.formal.adjustReminded.before)) OR (c.formal.adjustBy < @today AND NOT IS_DEFINED(c.formal.adjustReminded.passed)))`,
        now,
      ),
    async run(item, now) {
      const today = stockholmDate(now);
      const claimed = await deps.meetings.update<{ m: Meeting; kind: 'before' | 'passed' } | undefined>(item.groupId, item.id, (m) => {
        const f = m?.formal;
        if (!m || !f?.adjustBy || m.status === 'adjusted') return { result: undefined };
        const kind = f.adjustBy < today && !f.adjustReminded?.passed ? 'passed' : !f.adjustReminded?.before && f.adjustBy <= addDays(today, 2) ? 'before' : undefined;
        if (!kind) return { result: undefined };
        const next = { ...m, formal: { ...f, adjustReminded: { ...f.adjustReminded, [kind]: now.toISOString(), ...(kind === 'passed' ? { before: f.adjustReminded?.before ?? now.toISOString() } : {}) } } };
        return { next, result: { m: next, kind } };
      });
      const ref = claimed?.m.liveCard?.reference;
      if (!claimed || !ref) return;
      const group = await deps.groups.get(item.groupId);
      const t = textsOf(group ? groupLanguage(group) : 'sv').formal;
      await deps.proactive.post(ref, claimed.kind === 'passed' ? t.adjustPassed(claimed.m.title, claimed.m.formal!.adjustBy!) : t.adjustReminder(claimed.m.title, claimed.m.formal!.adjustBy!));
    },
  });
  deps.scheduler.register<DueMeeting>({
    kind: 'formal.anslag',
    findDue: (now) => query(`SELECT c.groupId, c.id FROM c WHERE c.type = 'meeting' AND c.status = 'adjusted' AND IS_DEFINED(c.formal) AND NOT IS_DEFINED(c.formal.anslag)`, now),
    async run(item, now) {
      const group = await deps.groups.get(item.groupId);
      if (!group) return;
      const today = stockholmDate(now);
      const claimed = await deps.meetings.update<Meeting | undefined>(item.groupId, item.id, (m) => {
        if (!m?.formal || m.formal.anslag || m.status !== 'adjusted') return { result: undefined };
        const adjustedAt = m.history.filter((h) => h.event === 'adjust').at(-1)?.at ?? now.toISOString();
        const dates = anslagDates(m.date ?? (m.startedAt ?? m.createdAt).slice(0, 10), stockholmDate(new Date(adjustedAt)), today);
        const next = { ...m, formal: { ...m.formal, anslag: dates } };
        return { next, result: next };
      });
      const ref = claimed?.liveCard?.reference;
      if (!claimed?.formal?.anslag || !ref) return;
      await deps.proactive.post(ref, anslagCard({ texts: textsOf(groupLanguage(group)), group }, claimed, claimed.formal.anslag));
    },
  });
}
