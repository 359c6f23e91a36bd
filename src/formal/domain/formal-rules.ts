import { memberById, membersWithRole, type Group, type Member } from '../../groups/domain/group.js';
import { isRunning, MAX_TEXT, type Meeting } from '../../meetings/domain/meeting.js';
import { err, ok, type Result } from '../../shared/result.js';
import { addDays, isLocalDate, type LocalDate } from '../../shared/swedish-date.js';
import { formalActive, type FormalError } from './formal-body.js';
import {
  emptyFormal,
  hasJav,
  javKey,
  type Annotation,
  type Ballot,
  type BallotChoice,
  type ImmediateAdjustment,
  type JavRecord,
  type MeetingFormal,
  type Motion,
  type Proposition,
  type Reservation,
  type Vote,
  type VoteResult,
  type VoteWithdrawal,
} from './formal-meeting.js';
import { quorumFor } from './quorum.js';

/**
 * The rules of a formal meeting (issue 26), pure: each takes the meeting as read and returns the
 * meeting's new `formal` part (or a refusal). The same record id twice (a Teams retry) changes nothing.
 */

type FormalResult<T> = Result<{ formal: MeetingFormal; record: T; duplicate: boolean }, FormalError>;

function formalOf(m: Meeting): MeetingFormal {
  return m.formal ?? emptyFormal();
}

/** Texts are bounded as notes are, so a meeting document stays far below Cosmos DB's 2 MB. */
function tooLong(...texts: Array<string | undefined>): boolean {
  return texts.some((t) => (t?.length ?? 0) > MAX_TEXT);
}

function running(m: Meeting): FormalError | undefined {
  return isRunning(m) ? undefined : { code: 'FORMAL.NO_VOTE', details: { status: m.status } };
}

/** A § justerad omedelbart is locked: nothing more is recorded under it. */
function adjusted(m: Meeting, itemId: string): boolean {
  return !!m.formal?.immediate[itemId];
}

// ---- jäv ----------------------------------------------------------------------------------------

/** A member reports jäv on an item: they take no part in its decision and are not counted for its quorum. */
export function reportJav(m: Meeting, member: Member, itemId: string, at: string, by?: string): FormalResult<JavRecord> {
  const f = formalOf(m);
  const key = javKey(itemId, member.id);
  if (f.jav[key]) return ok({ formal: f, record: f.jav[key]!, duplicate: true });
  if (!isRunning(m)) return err('FORMAL.NO_VOTE');
  if (adjusted(m, itemId)) return err('FORMAL.ALREADY_ADJUSTED');
  const record: JavRecord = { itemId, memberId: member.id, name: member.name, at, ...(by ? { by } : {}) };
  return ok({ formal: { ...f, jav: { ...f.jav, [key]: record } }, record, duplicate: false });
}

// ---- yrkanden and propositionsordning ------------------------------------------------------------

export function motionsOn(m: Meeting, itemId: string): Motion[] {
  return formalOf(m).motions.filter((x) => x.itemId === itemId).sort((a, b) => a.number - b.number);
}

export function addMotion(m: Meeting, input: { id: string; itemId: string; mover: Member; text: string; at: string }): FormalResult<Motion> {
  const f = formalOf(m);
  const existing = f.motions.find((x) => x.id === input.id);
  if (existing) return ok({ formal: f, record: existing, duplicate: true });
  if (!isRunning(m)) return err('FORMAL.NO_VOTE');
  if (adjusted(m, input.itemId)) return err('FORMAL.ALREADY_ADJUSTED');
  if (tooLong(input.text)) return err('FORMAL.TEXT_TOO_LONG', { max: MAX_TEXT });
  const text = input.text.trim().replace(/\.$/, '');
  const motion: Motion = {
    id: input.id,
    itemId: input.itemId,
    number: motionsOn(m, input.itemId).length + 1,
    moverId: input.mover.id,
    moverName: input.mover.name,
    text,
    at: input.at,
  };
  return ok({ formal: { ...f, motions: [...f.motions, motion] }, record: motion, duplicate: false });
}

function motionByNumber(m: Meeting, itemId: string, n: number): Motion | undefined {
  return motionsOn(m, itemId).find((x) => x.number === n);
}

/** The chair puts the motions against each other and finds that `winner` has won (no vote asked for). */
export function propose(m: Meeting, itemId: string, winner: number, at: string, by?: string): FormalResult<Proposition> {
  const f = formalOf(m);
  if (!isRunning(m)) return err('FORMAL.NO_VOTE');
  if (adjusted(m, itemId)) return err('FORMAL.ALREADY_ADJUSTED');
  const motions = motionsOn(m, itemId);
  const won = motionByNumber(m, itemId, winner);
  if (!won) return err('FORMAL.MOTION_UNKNOWN', { number: winner, count: motions.length });
  const record: Proposition = { itemId, order: motions.map((x) => x.id), winnerId: won.id, at, ...(by ? { by } : {}) };
  return ok({ formal: { ...f, propositions: { ...f.propositions, [itemId]: record } }, record, duplicate: false });
}

// ---- omröstning -----------------------------------------------------------------------------------

export function openVoteOn(m: Meeting, itemId: string): Vote | undefined {
  return Object.values(formalOf(m).votes).find((v) => v.itemId === itemId && !v.closedAt);
}

export function votesOn(m: Meeting, itemId: string): Vote[] {
  return Object.values(formalOf(m).votes).filter((v) => v.itemId === itemId).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
}

/** Opens an open vote: ja for motion `ja`, nej for motion `nej`; those taking part in the item now may vote. */
export function openVote(m: Meeting, group: Group, input: { id: string; itemId: string; ja: number; nej: number; at: string; by?: string }): FormalResult<Vote> {
  const f = formalOf(m);
  if (f.votes[input.id]) return ok({ formal: f, record: f.votes[input.id]!, duplicate: true });
  const stopped = running(m);
  if (stopped) return { ok: false, error: stopped };
  if (!formalActive(group)) return err('FORMAL.NO_LEDAMOTER');
  if (adjusted(m, input.itemId)) return err('FORMAL.ALREADY_ADJUSTED');
  if (openVoteOn(m, input.itemId)) return err('FORMAL.VOTE_OPEN');
  const count = motionsOn(m, input.itemId).length;
  const ja = motionByNumber(m, input.itemId, input.ja);
  const nej = motionByNumber(m, input.itemId, input.nej);
  if (!ja || !nej || ja.id === nej.id) return err('FORMAL.MOTION_UNKNOWN', { number: !ja ? input.ja : input.nej, count });
  const q = quorumFor(m, group, input.itemId);
  if (!q.quorate) return err('FORMAL.NOT_QUORATE', { present: q.voters.length, needed: q.needed, seats: q.seats });
  const vote: Vote = { id: input.id, itemId: input.itemId, jaMotionId: ja.id, nejMotionId: nej.id, voters: q.voters.map((x) => x.id), ballots: {}, openedAt: input.at, ...(input.by ? { openedBy: input.by } : {}) };
  return ok({ formal: { ...f, votes: { ...f.votes, [vote.id]: vote } }, record: vote, duplicate: false });
}

/**
 * One ledamot's ballot: only those taking part in the item when the vote opened (tjänstgörande,
 * without jäv) may vote, until the vote is closed; a new press replaces their earlier choice.
 */
export function castBallot(m: Meeting, group: Group, input: { voteId: string; voter: Member | undefined; choice: BallotChoice; source: Ballot['source']; at: string; by?: string }): Result<{ vote: Vote; ballot: Ballot; same: boolean }, FormalError> {
  const vote = formalOf(m).votes[input.voteId];
  if (!vote) return err('FORMAL.NO_VOTE');
  if (vote.closedAt) return err(vote.withdrawal ? 'FORMAL.VOTE_WITHDRAWN' : 'FORMAL.VOTE_CLOSED');
  const voter = input.voter;
  if (!voter || !vote.voters.includes(voter.id)) {
    const reason = voter && hasJav(m.formal, vote.itemId, voter.id) ? 'jav' : 'notServing';
    return err('FORMAL.NOT_VOTER', { name: voter?.name ?? '', reason });
  }
  const before = vote.ballots[voter.id];
  const ballot: Ballot = { choice: input.choice, name: voter.name, at: input.at, source: input.source, ...(input.by ? { by: input.by } : {}) };
  return ok({ vote, ballot, same: before?.choice === input.choice });
}

/**
 * Who has the casting vote (utslagsröst) at a tie (KL 5 kap. 57 §): the one chairing the item, that is
 * the meeting's chair when they vote in it, else the first vice chair who does (the chair reported
 * jäv or does not serve). Undefined when neither votes: the vote can then only be withdrawn.
 */
export function castingVoterOf(m: Meeting, group: Group, vote: Vote): string | undefined {
  const viceChairs = membersWithRole(group, 'viceChair', m.startedAt ?? vote.openedAt).map((x) => x.id);
  return [m.chairId, ...viceChairs].find((id): id is string => !!id && vote.voters.includes(id));
}

/** Counts the ballots; a tie is decided by the casting voter's vote, which must then be ja or nej. */
export function countVote(vote: Vote, castingVoterId: string | undefined): Result<VoteResult, FormalError> {
  const ballots = Object.entries(vote.ballots);
  const ja = ballots.filter(([, b]) => b.choice === 'ja').length;
  const nej = ballots.filter(([, b]) => b.choice === 'nej').length;
  const avstar = ballots.filter(([, b]) => b.choice === 'avstar').length;
  if (ja !== nej) return ok({ ja, nej, avstar, winnerId: ja > nej ? vote.jaMotionId : vote.nejMotionId, casting: false });
  const casting = castingVoterId ? vote.ballots[castingVoterId]?.choice : undefined;
  if (casting !== 'ja' && casting !== 'nej') return err('FORMAL.TIE_NO_CASTING', { ja, nej });
  return ok({ ja, nej, avstar, winnerId: casting === 'ja' ? vote.jaMotionId : vote.nejMotionId, casting: true });
}

export function closeVote(m: Meeting, group: Group, voteId: string, at: string): FormalResult<Vote> {
  const f = formalOf(m);
  const vote = f.votes[voteId];
  if (!vote) return err('FORMAL.NO_VOTE');
  if (vote.withdrawal) return err('FORMAL.VOTE_WITHDRAWN');
  if (vote.closedAt) return ok({ formal: f, record: vote, duplicate: true });
  const caster = castingVoterOf(m, group, vote);
  const result = countVote(vote, caster);
  if (!result.ok) return err(result.error.code, { ...result.error.details, name: caster ? (memberById(group, caster)?.name ?? '') : '' });
  const closed: Vote = { ...vote, closedAt: at, result: result.value };
  return ok({ formal: { ...f, votes: { ...f.votes, [voteId]: closed } }, record: closed, duplicate: false });
}

/** The chair or secretary withdraws the item's open vote: closed without a result, as if never held. */
export function withdrawVote(m: Meeting, itemId: string, input: VoteWithdrawal): FormalResult<Vote> {
  const f = formalOf(m);
  const again = votesOn(m, itemId).find((v) => v.withdrawal?.id === input.id);
  if (again) return ok({ formal: f, record: again, duplicate: true });
  if (!isRunning(m)) return err('FORMAL.NO_VOTE');
  const vote = openVoteOn(m, itemId);
  if (!vote) return err('FORMAL.NO_OPEN_VOTE');
  const withdrawn: Vote = { ...vote, closedAt: input.at, withdrawal: input };
  return ok({ formal: { ...f, votes: { ...f.votes, [vote.id]: withdrawn } }, record: withdrawn, duplicate: false });
}

// ---- the decision -----------------------------------------------------------------------------------

/** Which motion won an item: the latest closed vote, else the chair's proposition, else the one motion. */
export function outcomeOf(m: Meeting, itemId: string): { motionId: string; voteId?: string } | undefined {
  const closed = votesOn(m, itemId).filter((v) => v.result).at(-1);
  if (closed) return { motionId: closed.result!.winnerId, voteId: closed.id };
  const p = formalOf(m).propositions[itemId];
  if (p) return { motionId: p.winnerId };
  const motions = motionsOn(m, itemId);
  return motions.length === 1 ? { motionId: motions[0]!.id } : undefined;
}

/**
 * May the body decide on the item now? Only when quorate (the reason is said), with no vote open,
 * and, when several yrkanden were made, once a proposition or a vote has found which one won.
 */
export function checkDecision(m: Meeting, group: Group, itemId: string | undefined): Result<{ outcome?: { motionId: string; voteId?: string } }, FormalError> {
  if (!formalActive(group) || !itemId) return ok({});
  if (adjusted(m, itemId)) return err('FORMAL.ALREADY_ADJUSTED');
  const q = quorumFor(m, group, itemId);
  if (!q.quorate) return err('FORMAL.NOT_QUORATE', { present: q.voters.length, needed: q.needed, seats: q.seats, jav: q.jav.length });
  if (openVoteOn(m, itemId)) return err('FORMAL.VOTE_OPEN');
  const motions = motionsOn(m, itemId);
  const outcome = outcomeOf(m, itemId);
  if (motions.length > 1 && !outcome) return err('FORMAL.OUTCOME_MISSING', { count: motions.length });
  return ok(outcome ? { outcome } : {});
}

// ---- reservation and protokollsanteckning ---------------------------------------------------------------

/** A ledamot who took part in the item's decision reserves against it, before the meeting ends. */
export function reserve(m: Meeting, group: Group, input: { id: string; itemId: string; member: Member | undefined; motivation?: string; at: string }): FormalResult<Reservation> {
  const f = formalOf(m);
  const existing = f.reservations.find((r) => r.id === input.id || (r.itemId === input.itemId && r.memberId === input.member?.id));
  if (existing) return ok({ formal: f, record: existing, duplicate: true });
  if (!isRunning(m)) return err('FORMAL.NO_VOTE');
  if (adjusted(m, input.itemId)) return err('FORMAL.ALREADY_ADJUSTED');
  if (!m.decisions.some((d) => d.itemId === input.itemId)) return err('FORMAL.NO_DECISION');
  if (tooLong(input.motivation)) return err('FORMAL.TEXT_TOO_LONG', { max: MAX_TEXT });
  const member = input.member;
  const took = member && quorumFor(m, group, input.itemId).voters.some((v) => v.id === member.id);
  if (!member || !took) return err('FORMAL.NOT_PARTICIPANT', { name: member?.name ?? '' });
  const motivation = input.motivation?.trim();
  const record: Reservation = { id: input.id, itemId: input.itemId, memberId: member.id, name: member.name, at: input.at, ...(motivation ? { motivation, motivationAt: input.at } : {}) };
  return ok({ formal: { ...f, reservations: [...f.reservations, record] }, record, duplicate: false });
}

/** The written motivation of one's reservation, accepted until the justering date (inclusive). */
export function motivate(m: Meeting, input: { itemId: string; memberId: string; motivation: string; today: LocalDate; at: string }): FormalResult<Reservation> {
  const f = formalOf(m);
  const r = f.reservations.find((x) => x.itemId === input.itemId && x.memberId === input.memberId);
  if (!r) return err('FORMAL.NO_RESERVATION');
  if (tooLong(input.motivation)) return err('FORMAL.TEXT_TOO_LONG', { max: MAX_TEXT });
  if (m.status === 'adjusted' || (f.adjustBy && input.today > f.adjustBy)) return err('FORMAL.MOTIVATION_LATE', { date: f.adjustBy ?? '' });
  const record: Reservation = { ...r, motivation: input.motivation.trim(), motivationAt: input.at };
  return ok({ formal: { ...f, reservations: f.reservations.map((x) => (x === r ? record : x)) }, record, duplicate: false });
}

export function annotate(m: Meeting, input: { id: string; itemId: string; member: Member | undefined; name: string; text: string; at: string }): FormalResult<Annotation> {
  const f = formalOf(m);
  const existing = f.annotations.find((a) => a.id === input.id);
  if (existing) return ok({ formal: f, record: existing, duplicate: true });
  if (!isRunning(m)) return err('FORMAL.NO_VOTE');
  if (adjusted(m, input.itemId)) return err('FORMAL.ALREADY_ADJUSTED');
  if (tooLong(input.text)) return err('FORMAL.TEXT_TOO_LONG', { max: MAX_TEXT });
  const record: Annotation = { id: input.id, itemId: input.itemId, ...(input.member ? { memberId: input.member.id } : {}), name: input.name, text: input.text.trim(), at: input.at };
  return ok({ formal: { ...f, annotations: [...f.annotations, record] }, record, duplicate: false });
}

// ---- justering ----------------------------------------------------------------------------------------

/** The justering date: on or after the meeting day and at most 14 days after it. */
export function setAdjustBy(m: Meeting, date: LocalDate): Result<MeetingFormal, FormalError> {
  const day = m.date ?? m.startedAt?.slice(0, 10);
  if (!isLocalDate(date) || (day && (date < day || date > addDays(day, 14)))) return err('FORMAL.ADJUST_DATE_RANGE', { date, last: day ? addDays(day, 14) : '' });
  return ok({ ...formalOf(m), adjustBy: date });
}

/** A § justerad omedelbart: its text locked at once, signed by the chair and the adjusters. */
export function adjustImmediately(m: Meeting, input: ImmediateAdjustment): FormalResult<ImmediateAdjustment> {
  const f = formalOf(m);
  if (f.immediate[input.itemId]) return ok({ formal: f, record: f.immediate[input.itemId]!, duplicate: true });
  if (!isRunning(m)) return err('FORMAL.NO_VOTE');
  if (!m.decisions.some((d) => d.itemId === input.itemId)) return err('FORMAL.NO_DECISION');
  return ok({ formal: { ...f, immediate: { ...f.immediate, [input.itemId]: input } }, record: input, duplicate: false });
}

/** Who signs a § justerad omedelbart: the meeting's chair and adjusters. */
export function immediateSigners(m: Meeting, group: Group): string[] {
  return [m.chairId, ...m.adjusterIds].filter((id, i, all): id is string => !!id && all.indexOf(id) === i).map((id) => memberById(group, id)?.name ?? id);
}
