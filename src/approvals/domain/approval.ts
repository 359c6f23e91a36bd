import { isForbundOrganisation, type Member } from '../../groups/domain/group.js';
import { err, ok, type DomainError, type Result } from '../../shared/result.js';

/**
 * Approvals (issue 6): a group is asked to approve a document (avvikelserapport, ansökan, yttrande …)
 * under a rule, member by member, version by version; then a signatory signs it. Pure: state in,
 * new state and events out; the clock, ids and the content hash are passed in.
 */

export const APPROVAL_KINDS = ['avvikelserapport', 'ansokan', 'yttrande', 'annat'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** all named people / one yes from each party / a majority of those asked / the first answer decides. */
export const APPROVAL_RULES = ['all', 'onePerParty', 'majority', 'first'] as const;
export type ApprovalRule = (typeof APPROVAL_RULES)[number];

/** How long what people type may be. */
export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;
export const REASON_MAX = 2_000;
export const LINK_MAX = 2_000;

export type Choice = 'approve' | 'reject' | 'comment';
export type ApprovalStatus = 'open' | 'approved' | 'rejected' | 'expired' | 'withdrawn';

/** Someone the request names (requester, signatory, voter): a group member, copied at creation. */
export interface PersonRef {
  memberId: string;
  name: string;
  /** Organisation / party (Region Uppsala, Försäkringskassan, …). */
  party: string;
  /** Förbund staff (kansli): may answer, but is no party under "one yes from each party". */
  staff?: boolean;
  /** Teams user id (29:…), when the member is in Teams: per-user refresh and personal messages. */
  teamsId?: string;
  aadObjectId?: string;
}

/**
 * A group member as a request names them (a member without an organisation forms a party of one:
 * ''). `staff`: förbund staff (the kansli role); an organisation that is the förbund counts as staff too.
 */
export function personRef(member: Member, staff = false): PersonRef {
  return {
    memberId: member.id,
    name: member.name,
    party: member.organisation ?? '',
    ...(staff || isForbundOrganisation(member.organisation) ? { staff: true } : {}),
    ...(member.teamsId ? { teamsId: member.teamsId } : {}),
    ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}),
  };
}

/** Someone who must answer; `key` (v0, v1, …) addresses their answers and never changes. */
export interface Voter extends PersonRef {
  key: string;
}

export interface DocumentVersion {
  number: number;
  text: string;
  link?: string;
  at: string;
  byMemberId: string;
  byName: string;
}

/** One press of Godkänn / Avslå / Synpunkt, kept forever (the audit trail). */
export interface AnswerEntry {
  choice: Choice;
  /** The reason of a reject, or the comment. */
  text?: string;
  version: number;
  at: string;
  /** The Teams activity (the press) that gave it: a redelivery of that press is recognised here. */
  activityId?: string;
}

/** One voter's answers: the decision and comment that count now, and every answer ever given. */
export interface MemberAnswers {
  /** Fingerprint of the last answer (version, choice, text): a repeated identical press is a no-op. */
  key: string;
  decision?: AnswerEntry;
  comment?: AnswerEntry;
  log: AnswerEntry[];
}

export type OutcomeReason = 'ruleMet' | 'cannotBeMet' | 'rejected' | 'deadline' | 'withdrawn';

export interface Signature {
  memberId: string;
  name: string;
  at: string;
  version: number;
  /** SHA-256 (hex) of `signingContent()` of the approved version. */
  contentHash: string;
}

export type HistoryEntry =
  | { kind: 'created'; at: string; memberId: string; name: string; version: number }
  | { kind: 'version'; at: string; memberId: string; name: string; version: number }
  | { kind: 'outcome'; at: string; status: Exclude<ApprovalStatus, 'open'>; reason: OutcomeReason; version: number; memberId?: string; name?: string }
  | { kind: 'reminder'; at: string; version: number; recipients: number }
  | { kind: 'signed'; at: string; memberId: string; name: string; version: number; contentHash: string };

export interface Approval {
  id: string;
  groupId: string;
  title: string;
  kind: ApprovalKind;
  rule: ApprovalRule;
  requester: PersonRef;
  signatory?: PersonRef;
  /** Who must answer, snapshotted when the request was made. */
  voters: Voter[];
  deadline: string;
  reminderAt?: string;
  reminderSentAt?: string;
  /** The version that counts now (1, 2, …); answers to earlier versions stay in the logs. */
  version: number;
  versions: DocumentVersion[];
  /** By voter key. */
  answers: Record<string, MemberAnswers>;
  status: ApprovalStatus;
  decidedAt?: string;
  signature?: Signature;
  history: HistoryEntry[];
  createdAt: string;
  /** The group's language when the request was made: its shared card and notices speak it. */
  language?: 'sv' | 'en';
}

/** What a list of open requests shows of each. */
export type ApprovalSummary = Pick<Approval, 'id' | 'title' | 'deadline'>;

export type ApprovalErrorCode =
  | 'APPROVAL.TITLE_MISSING'
  | 'APPROVAL.TITLE_TOO_LONG'
  | 'APPROVAL.DOCUMENT_MISSING'
  | 'APPROVAL.TEXT_TOO_LONG'
  | 'APPROVAL.LINK_INVALID'
  | 'APPROVAL.NO_VOTERS'
  | 'APPROVAL.DEADLINE_PASSED'
  | 'APPROVAL.REMINDER_INVALID'
  | 'APPROVAL.CLOSED'
  | 'APPROVAL.NOT_A_VOTER'
  | 'APPROVAL.VERSION_MISMATCH'
  | 'APPROVAL.REASON_REQUIRED'
  | 'APPROVAL.COMMENT_REQUIRED'
  | 'APPROVAL.REASON_TOO_LONG'
  | 'APPROVAL.NOT_REQUESTER'
  | 'APPROVAL.NOT_APPROVED'
  | 'APPROVAL.NOT_SIGNATORY'
  | 'APPROVAL.ALREADY_SIGNED';

export type ApprovalError = DomainError<ApprovalErrorCode>;

export type ApprovalResult<T> = Result<T, ApprovalError>;

const fail = (code: ApprovalErrorCode) => err(code);

/** What happened, for the Teams layer to turn into card updates and messages. */
export type ApprovalEvent =
  | { type: 'created' }
  | { type: 'answered'; voterKey: string; choice: Choice }
  | { type: 'newVersion'; version: number; notify: Voter[] }
  | { type: 'decided'; status: Exclude<ApprovalStatus, 'open'>; reason: OutcomeReason; signatory?: PersonRef }
  | { type: 'reminded'; recipients: Voter[] }
  | { type: 'signed'; signature: Signature };

export interface Changed {
  approval: Approval;
  events: ApprovalEvent[];
}

export interface NewApproval {
  title: string;
  kind: ApprovalKind;
  rule: ApprovalRule;
  text: string;
  link?: string;
  /** Who must answer (duplicates by memberId are dropped). */
  voters: PersonRef[];
  signatory?: PersonRef;
  deadline: Date;
  /** When those who have not answered are reminded (before the deadline); none when absent. */
  reminderAt?: Date;
}

function isHttpLink(link: string): boolean {
  try {
    const u = new URL(link);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function checkDocument(text: string, link: string | undefined): ApprovalErrorCode | undefined {
  if (!text.trim() && !link?.trim()) return 'APPROVAL.DOCUMENT_MISSING';
  if (text.length > TEXT_MAX) return 'APPROVAL.TEXT_TOO_LONG';
  if (link !== undefined && link.trim() && (link.length > LINK_MAX || !isHttpLink(link.trim()))) return 'APPROVAL.LINK_INVALID';
  return undefined;
}

/** Starts a request. Permission to start one is checked by the caller (group roles). */
export function createApproval(input: NewApproval, ctx: { id: string; groupId: string; requester: PersonRef; now: Date; language?: 'sv' | 'en' }): ApprovalResult<Changed> {
  const title = input.title.trim();
  if (!title) return fail('APPROVAL.TITLE_MISSING');
  if (title.length > TITLE_MAX) return fail('APPROVAL.TITLE_TOO_LONG');
  const docProblem = checkDocument(input.text, input.link);
  if (docProblem) return fail(docProblem);
  const seen = new Set<string>();
  const unique = input.voters.filter((v) => !seen.has(v.memberId) && seen.add(v.memberId));
  if (unique.length === 0) return fail('APPROVAL.NO_VOTERS');
  if (input.deadline.getTime() <= ctx.now.getTime()) return fail('APPROVAL.DEADLINE_PASSED');
  if (input.reminderAt && (input.reminderAt.getTime() <= ctx.now.getTime() || input.reminderAt.getTime() >= input.deadline.getTime())) {
    return fail('APPROVAL.REMINDER_INVALID');
  }
  const at = ctx.now.toISOString();
  const voters: Voter[] = unique.map((v, i) => ({ ...v, key: `v${i}` }));
  const approval: Approval = {
    id: ctx.id,
    groupId: ctx.groupId,
    title,
    kind: input.kind,
    rule: input.rule,
    requester: ctx.requester,
    ...(input.signatory ? { signatory: input.signatory } : {}),
    voters,
    deadline: input.deadline.toISOString(),
    ...(input.reminderAt ? { reminderAt: input.reminderAt.toISOString() } : {}),
    version: 1,
    versions: [{ number: 1, text: input.text.trim(), ...(input.link?.trim() ? { link: input.link.trim() } : {}), at, byMemberId: ctx.requester.memberId, byName: ctx.requester.name }],
    answers: Object.fromEntries(voters.map((v) => [v.key, { key: '', log: [] }])),
    status: 'open',
    history: [{ kind: 'created', at, memberId: ctx.requester.memberId, name: ctx.requester.name, version: 1 }],
    createdAt: at,
    ...(ctx.language ? { language: ctx.language } : {}),
  };
  return ok({ approval, events: [{ type: 'created' }] });
}

export function voterOf(approval: Approval, memberId: string): Voter | undefined {
  return approval.voters.find((v) => v.memberId === memberId);
}

/** The voter with this Teams identity as it was snapshotted (AAD object id first, then the 29: id). */
export function voterByIdentity(approval: Approval, who: { teamsId?: string; aadObjectId?: string }): Voter | undefined {
  return (
    (who.aadObjectId ? approval.voters.find((v) => v.aadObjectId === who.aadObjectId) : undefined) ??
    (who.teamsId ? approval.voters.find((v) => v.teamsId === who.teamsId) : undefined)
  );
}

export function currentVersion(approval: Approval): DocumentVersion {
  return approval.versions.find((v) => v.number === approval.version) ?? approval.versions.at(-1)!;
}

/** Small, stable, non-cryptographic fingerprint (FNV-1a, 32 bit, hex) of an answer's text. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The fingerprint of an answer: lower-case letters, digits and colons only (safe in a patch condition). */
export function answerKey(version: number, choice: Choice, text: string | undefined): string {
  return `${version}:${choice}:${fnv1a(text ?? '')}`;
}

export interface AnswerInput {
  memberId: string;
  choice: Choice;
  text?: string;
  /** The version the member saw on the card. */
  version: number;
  /** The press as Teams sent it; kept on the answer so a redelivery of it changes nothing. */
  activityId?: string;
}

/** What an answer adds to the voter's answers: the store writes exactly this. */
export interface AnswerWrite {
  voterKey: string;
  /** The voter's answers with this one (a first answer writes them whole). */
  slot: MemberAnswers;
  entry: AnswerEntry;
  key: string;
  /** How many answers the voter had given before (undefined: the request has no slot for them yet). */
  before?: number;
}

export interface Answered extends Changed {
  /** False when the same answer was already given (a double click or a retry): nothing to write. */
  changed: boolean;
  /** This very press was recorded before (Teams delivered it again). */
  redelivered?: boolean;
  /** Present when something is to be written. */
  write?: AnswerWrite;
}

/**
 * Checks an answer against the request as it stands, records it and decides the outcome if the
 * answer settles it. A repeat of the voter's last answer (a double click, a Teams retry) changes
 * nothing, also once that answer has closed the request.
 */
export function answer(approval: Approval, input: AnswerInput, now: Date): ApprovalResult<Answered> {
  const voter = voterOf(approval, input.memberId);
  const mine = voter && approval.answers[voter.key];
  const unchanged = { approval, events: [], changed: false };
  // A press recorded before is answered as it was then, whatever has happened since (closed, new version).
  if (mine && input.activityId && mine.log.some((e) => e.activityId === input.activityId)) return ok({ ...unchanged, redelivered: true });
  const kept = keptText(input);
  // The key is written with the entry it belongs to: equal keys mean the last entry is this very answer.
  if (mine && mine.log.length > 0 && input.version === approval.version && mine.key === answerKey(approval.version, input.choice, kept)) return ok(unchanged);
  if (approval.status !== 'open') return fail('APPROVAL.CLOSED');
  if (now.getTime() >= Date.parse(approval.deadline)) return fail('APPROVAL.CLOSED');
  if (!voter) return fail('APPROVAL.NOT_A_VOTER');
  if (input.version !== approval.version) return fail('APPROVAL.VERSION_MISMATCH');
  const text = input.text?.trim() || undefined;
  if (input.choice === 'reject' && !text) return fail('APPROVAL.REASON_REQUIRED');
  if (input.choice === 'comment' && !text) return fail('APPROVAL.COMMENT_REQUIRED');
  if (text && text.length > REASON_MAX) return fail('APPROVAL.REASON_TOO_LONG');
  const key = answerKey(approval.version, input.choice, kept);
  const entry: AnswerEntry = { choice: input.choice, ...(kept ? { text: kept } : {}), version: approval.version, at: now.toISOString(), ...(input.activityId ? { activityId: input.activityId } : {}) };
  const before = mine ?? { key: '', log: [] };
  const slot: MemberAnswers = { ...before, key, log: [...before.log, entry], [entryField(entry)]: entry };
  const decided = evaluate({ ...approval, answers: { ...approval.answers, [voter.key]: slot } }, now);
  return ok({
    approval: decided.approval,
    events: [{ type: 'answered', voterKey: voter.key, choice: entry.choice }, ...decided.events],
    changed: true,
    write: { voterKey: voter.key, slot, entry, key, ...(mine ? { before: mine.log.length } : {}) },
  });
}

/** The text an answer keeps: an approval carries none (a stray one from an old card is dropped). */
function keptText(input: AnswerInput): string | undefined {
  return input.choice === 'approve' ? undefined : input.text?.trim() || undefined;
}

/** The field of the voter's answers an entry also stands in: their latest comment, or their latest decision. */
export function entryField(entry: AnswerEntry): 'comment' | 'decision' {
  return entry.choice === 'comment' ? 'comment' : 'decision';
}

/** A decision that counts: given to the version that counts now. */
export function countingDecision(approval: Approval, voter: Voter): AnswerEntry | undefined {
  const d = approval.answers[voter.key]?.decision;
  return d && d.version === approval.version ? d : undefined;
}

export function countingComment(approval: Approval, voter: Voter): AnswerEntry | undefined {
  const c = approval.answers[voter.key]?.comment;
  return c && c.version === approval.version ? c : undefined;
}

/**
 * The parties that must each say yes under "one yes from each party", in the order voters were
 * named. Förbund staff are no party; only when nobody else is asked do their answers count as one.
 */
export function partiesOf(voters: Voter[]): string[] {
  return [...new Set(partyVoters(voters).map((v) => v.party))];
}

/** The voters whose answers count for a party: all but förbund staff (all, if only staff are asked). */
export function partyVoters<V extends Pick<Voter, 'staff' | 'party'>>(voters: V[]): V[] {
  const members = voters.filter((v) => !v.staff);
  return members.length ? members : voters;
}

/** Whether the rule is met, can no longer be met, or is still open. */
export type RuleState = { state: 'met' } | { state: 'open' } | { state: 'failed'; reason: OutcomeReason };

export function ruleState(approval: Approval): RuleState {
  const decisions = approval.voters.map((v) => ({ voter: v, d: countingDecision(approval, v) }));
  const yes = decisions.filter((x) => x.d?.choice === 'approve').length;
  const no = decisions.filter((x) => x.d?.choice === 'reject').length;
  const n = approval.voters.length;
  switch (approval.rule) {
    case 'all':
      if (no > 0) return { state: 'failed', reason: 'rejected' };
      return yes === n ? { state: 'met' } : { state: 'open' };
    case 'majority':
      if (yes * 2 > n) return { state: 'met' };
      return (n - no) * 2 <= n ? { state: 'failed', reason: 'cannotBeMet' } : { state: 'open' };
    case 'first': {
      const first = decisions
        .filter((x) => x.d)
        .sort((a, b) => a.d!.at.localeCompare(b.d!.at))[0];
      if (!first) return { state: 'open' };
      return first.d!.choice === 'approve' ? { state: 'met' } : { state: 'failed', reason: 'rejected' };
    }
    case 'onePerParty': {
      const parties = partiesOf(approval.voters);
      const counting = new Set(partyVoters(approval.voters));
      const perParty = parties.map((p) => decisions.filter((x) => x.voter.party === p && counting.has(x.voter)));
      if (perParty.every((ds) => ds.some((x) => x.d?.choice === 'approve'))) return { state: 'met' };
      if (perParty.some((ds) => ds.every((x) => x.d?.choice === 'reject'))) return { state: 'failed', reason: 'cannotBeMet' };
      return { state: 'open' };
    }
  }
}

/** Closes an open request when its rule is met (approved) or can no longer be met (rejected). */
export function evaluate(approval: Approval, now: Date): Changed {
  if (approval.status !== 'open') return { approval, events: [] };
  const s = ruleState(approval);
  if (s.state === 'open') return { approval, events: [] };
  if (s.state === 'met') return close(approval, 'approved', 'ruleMet', now);
  return close(approval, 'rejected', s.reason, now);
}

function close(approval: Approval, status: Exclude<ApprovalStatus, 'open'>, reason: OutcomeReason, now: Date, by?: PersonRef): Changed {
  const at = now.toISOString();
  const entry: HistoryEntry = { kind: 'outcome', at, status, reason, version: approval.version, ...(by ? { memberId: by.memberId, name: by.name } : {}) };
  return {
    approval: { ...approval, status, decidedAt: at, history: [...approval.history, entry] },
    events: [{ type: 'decided', status, reason, ...(status === 'approved' && approval.signatory ? { signatory: approval.signatory } : {}) }],
  };
}

/** The requester uploads a new version: earlier answers stop counting (the logs keep them). */
export function newVersion(approval: Approval, input: { by: PersonRef; text: string; link?: string; seenVersion: number }, now: Date): ApprovalResult<Changed> {
  if (approval.status !== 'open') return fail('APPROVAL.CLOSED');
  if (input.by.memberId !== approval.requester.memberId) return fail('APPROVAL.NOT_REQUESTER');
  if (input.seenVersion !== approval.version) return fail('APPROVAL.VERSION_MISMATCH');
  const docProblem = checkDocument(input.text, input.link);
  if (docProblem) return fail(docProblem);
  const at = now.toISOString();
  const number = approval.version + 1;
  const link = input.link?.trim() || undefined;
  const notify = approval.voters.filter((v) => (approval.answers[v.key]?.log.length ?? 0) > 0);
  return ok({
    approval: {
      ...approval,
      version: number,
      versions: [...approval.versions, { number, text: input.text.trim(), ...(link ? { link } : {}), at, byMemberId: input.by.memberId, byName: input.by.name }],
      history: [...approval.history, { kind: 'version', at, memberId: input.by.memberId, name: input.by.name, version: number }],
    },
    events: [{ type: 'newVersion', version: number, notify }],
  });
}

export function withdraw(approval: Approval, by: PersonRef, now: Date): ApprovalResult<Changed> {
  if (approval.status !== 'open') return fail('APPROVAL.CLOSED');
  if (by.memberId !== approval.requester.memberId) return fail('APPROVAL.NOT_REQUESTER');
  return ok(close(approval, 'withdrawn', 'withdrawn', now, by));
}

/**
 * The text a signature covers: the approved version's title, kind, version, text and link, one per
 * line. Its SHA-256 is computed outside the domain and passed to `sign`.
 */
export function signingContent(approval: Approval): string {
  const v = currentVersion(approval);
  return [`title:${approval.title}`, `kind:${approval.kind}`, `version:${v.number}`, `link:${v.link ?? ''}`, 'text:', v.text].join('\n');
}

export function sign(approval: Approval, input: { by: PersonRef; contentHash: string; seenVersion: number }, now: Date): ApprovalResult<Changed> {
  if (approval.signature) return fail('APPROVAL.ALREADY_SIGNED');
  if (approval.status !== 'approved') return fail('APPROVAL.NOT_APPROVED');
  if (!approval.signatory || approval.signatory.memberId !== input.by.memberId) return fail('APPROVAL.NOT_SIGNATORY');
  if (input.seenVersion !== approval.version) return fail('APPROVAL.VERSION_MISMATCH');
  const at = now.toISOString();
  const signature: Signature = { memberId: input.by.memberId, name: input.by.name, at, version: approval.version, contentHash: input.contentHash };
  return ok({
    approval: { ...approval, signature, history: [...approval.history, { kind: 'signed', at, memberId: signature.memberId, name: signature.name, version: signature.version, contentHash: signature.contentHash }] },
    events: [{ type: 'signed', signature }],
  });
}
