import {
  APPROVAL_KINDS, APPROVAL_RULES, currentVersion, voterOf,
  type Approval, type ApprovalRule,
} from './domain/approval.js';
import { auditTrail, type AuditEntry } from './domain/approval-audit.js';
import { tally, type Tally } from './domain/approval-tally.js';
import { activeMembers, isForbundOrganisation, partiesOf, type Group } from '../groups/domain/group.js';
import { formatInstant, stockholmDate } from '../shared/swedish-date.js';
import type { Texts } from '../i18n/texts.js';
import { renderCard, type CardJson } from '../bot/render-card.js';
import { LISTED_CHOICES, picker } from '../groups/member-picker.js';

type T = Texts['approvals'];

/** Teams refreshes a card per user automatically for at most 60 listed users. */
const MAX_REFRESH_USERS = 60;

/** "5 februari 2018 kl. 9.00" (en: "5 February 2018 09:00"), in Stockholm. */
export function formatWhen(iso: string | Date, language: 'sv' | 'en' = 'sv'): string {
  return formatInstant(iso, language);
}

const party = (t: T, p: string) => p || t.noParty;

/**
 * The colour of a notice on the card: a refusal (an error text) in the attention colour, anything
 * else (a saved answer, a sent version) in the good colour – never a success in red.
 */
export function noticeColor(t: T, notice: string): 'Attention' | 'Good' {
  const refusals = [...Object.values(t.errors), ...Object.values(t.formErrors), ...Object.values(t.signRefused), t.notMember, t.notFound, t.noVoters];
  return refusals.includes(notice) ? 'Attention' : 'Good';
}
const shortHash = (hash: string) => hash.slice(0, 12);

/** Who sees the card: undefined for the shared channel card; a member id for a per-user view. */
export interface Viewer {
  memberId?: string;
}

function neededYes(approval: Approval): number {
  return Math.floor(approval.voters.length / 2) + 1;
}

function summaryOf(t: T, approval: Approval, s: Tally): string {
  const rule: ApprovalRule = approval.rule;
  switch (rule) {
    case 'all':
      return t.summary.all(s.approve, s.total);
    case 'onePerParty':
      return t.summary.onePerParty(s.partiesWithYes, s.parties.length);
    case 'majority':
      return t.summary.majority(s.approve, s.total, neededYes(approval));
    case 'first':
      return t.summary.first();
  }
}

function outcomeLineOf(t: T, approval: Approval): string {
  if (approval.signature) return t.signedBy(approval.signature.name, formatWhen(approval.signature.at, t.language), shortHash(approval.signature.contentHash));
  if (approval.status === 'approved' && approval.signatory) return t.awaitingSignature(approval.signatory.name);
  if (approval.status === 'open') return '';
  return t.statuses[approval.status];
}

/** Teams ids (29:…) for per-user refresh: voters, the requester and the signatory, at most 60. */
export function refreshUserIds(approval: Approval): string[] {
  const ids = [approval.requester.teamsId, ...approval.voters.map((v) => v.teamsId), approval.signatory?.teamsId];
  return [...new Set(ids.filter((x): x is string => !!x))].slice(0, MAX_REFRESH_USERS);
}

interface Counted {
  s: Tally;
  parties: Array<{ title: string; value: string }>;
  persons: Array<{ title: string; value: string }>;
}

/** The tally and its lines. */
function counted(t: T, approval: Approval): Counted {
  const s = tally(approval);
  return {
    s,
    parties: s.parties.map((p) => ({
      title: party(t, p.party),
      value: `${t.partyValue(p.approve, p.reject, p.total)}${p.hasYes ? ` – ${t.partyHasYes}` : ''}`,
    })),
    persons: s.persons.map((p) => {
      // A comment alone already says so in its state ("Har lämnat synpunkt: …"); beside a decision it is named.
      const extra = p.decision?.text ? ` – ${t.reasonPrefix}: ${p.decision.text}` : p.comment?.text ? (p.state === 'comment' ? `: ${p.comment.text}` : ` – ${t.commentPrefix}: ${p.comment.text}`) : '';
      return { title: `${p.voter.name} (${party(t, p.voter.party)})`, value: `${t.personStates[p.state]}${extra}` };
    }),
  };
}

/** What of the request card is the viewer's own: their line and what they may do. */
function viewerPart(t: T, approval: Approval, viewer: Viewer) {
  const { s } = counted(t, approval);
  const open = approval.status === 'open';
  const voter = viewer.memberId ? voterOf(approval, viewer.memberId) : undefined;
  const mine = voter ? s.persons.find((p) => p.voter.key === voter.key) : undefined;
  let myLine = '';
  if (viewer.memberId && !voter) myLine = approval.requester.memberId === viewer.memberId ? '' : t.youAreNotAsked;
  else if (mine?.decision) myLine = t.yourAnswer(t.personStates[mine.state], formatWhen(mine.decision.at, t.language));
  else if (mine?.comment) myLine = t.yourComment(mine.comment.text ?? '');
  else if (mine && open) myLine = t.youHaveNotAnswered;
  return {
    myLine,
    canAnswer: open && (!viewer.memberId || !!voter),
    isRequester: open && !!viewer.memberId && viewer.memberId === approval.requester.memberId,
    // On the shared card: where Teams does not refresh it per person, the requester finds her tools by name.
    requesterToolsButton: open && !viewer.memberId,
  };
}

/** The data for `cards/approval-request.json`: the shared channel card, or one member's own view. */
export function requestCardData(t: T, approval: Approval, viewer: Viewer = {}, notice = '', own = viewerPart(t, approval, viewer)) {
  const { s, parties, persons } = counted(t, approval);
  const userIds = viewer.memberId ? [] : refreshUserIds(approval);
  const version = currentVersion(approval);
  return {
    t,
    id: approval.id,
    version: approval.version,
    title: approval.title,
    kindText: t.kinds[approval.kind],
    versionText: String(approval.version),
    ruleText: t.rules[approval.rule],
    deadlineText: formatWhen(approval.deadline, t.language),
    requesterText: `${approval.requester.name} (${party(t, approval.requester.party)})`,
    signatoryText: approval.signatory ? approval.signatory.name : '',
    statusText: t.statuses[approval.status],
    outcomeLine: outcomeLineOf(t, approval),
    summary: summaryOf(t, approval, s),
    text: version.text,
    link: version.link ?? '',
    parties,
    persons,
    // The shared card asks Teams to refresh it per user; a per-user view never does (it is only theirs).
    refresh: !viewer.memberId && userIds.length > 0,
    refreshUserIds: userIds,
    ...own,
    notice,
    noticeColor: noticeColor(t, notice),
    reasonRequired: t.errors['APPROVAL.REASON_REQUIRED'],
    commentRequired: t.errors['APPROVAL.COMMENT_REQUIRED'],
  };
}

/** `cards/approval-request.json`: the shared channel card, or one member's own view. */
export function requestCard(t: T, approval: Approval, viewer: Viewer = {}, notice = ''): CardJson {
  return renderCard('approval-request', requestCardData(t, approval, viewer, notice));
}


function auditLine(t: T, e: AuditEntry): { text: string; detail: string } {
  switch (e.kind) {
    case 'created':
      return { text: t.history.created(e.name), detail: '' };
    case 'version':
      return { text: t.history.version(e.name, e.version), detail: '' };
    case 'answer':
      return { text: t.history.answer(e.name, party(t, e.party), e.choice, e.version), detail: e.text ?? '' };
    case 'outcome':
      return { text: e.status === 'withdrawn' ? t.history.outcome.withdrawn(e.name ?? '') : t.history.outcome[e.status], detail: '' };
    case 'reminder':
      return { text: t.history.reminder(e.recipients), detail: '' };
    case 'signed':
      return { text: t.history.signed(e.name, e.version, shortHash(e.contentHash)), detail: e.contentHash };
  }
}

/** The data for `cards/approval-history.json`: every answer, comment, version, outcome and signature. */
export function historyCardData(t: T, approval: Approval) {
  return {
    t,
    id: approval.id,
    version: approval.version,
    heading: t.historyTitle(approval.title),
    entries: auditTrail(approval).map((e) => ({ when: formatWhen(e.at, t.language), ...auditLine(t, e) })),
  };
}

/** The data for `cards/approval-sign.json`, the signatory's personal card. */
export function signCardData(t: T, approval: Approval, linkId: string, notice = '') {
  const version = currentVersion(approval);
  return {
    t,
    linkId,
    version: approval.version,
    intro: t.signIntro(approval.title),
    kindText: t.kinds[approval.kind],
    versionText: String(approval.version),
    ruleText: t.rules[approval.rule],
    requesterText: `${approval.requester.name} (${party(t, approval.requester.party)})`,
    text: version.text,
    link: version.link ?? '',
    doneLine: approval.signature ? t.signedYou(formatWhen(approval.signature.at, t.language), approval.signature.contentHash) : '',
    notice,
    noticeColor: noticeColor(t, notice),
    canSign: approval.status === 'approved' && !approval.signature,
  };
}

export const REMINDER_CHOICES = { none: 0, h1: 1, d1: 24, d2: 48, w1: 168 } as const;
export type ReminderChoice = keyof typeof REMINDER_CHOICES;

export interface FormValues {
  title: string;
  kind: string;
  text: string;
  link: string;
  voters: string;
  rule: string;
  deadlineDate: string;
  deadlineTime: string;
  reminder: string;
  signatory: string;
}

/**
 * The voters choice "everyone who is not förbund staff" (`allVoters`): a large group's form offers it,
 * preselected, instead of a box per member, which would put the card over Teams' size limit.
 */
export const ALL_VOTERS = 'all';

/** Everyone who answers when the form says ALL_VOTERS: the active members who are not förbund staff. */
export function allVoterIds(group: Group, isKansli: (memberId: string) => boolean): string[] {
  return activeMembers(group).filter((m) => !isKansli(m.id) && !isForbundOrganisation(m.organisation)).map((m) => m.id);
}

/** Default form: everyone who is not förbund staff answers, one yes per party, a week to answer, reminder a day before. */
export function defaultFormValues(group: Group, title: string, now: Date, isKansli: (memberId: string) => boolean): FormValues {
  const deadline = new Date(now.getTime() + 7 * 24 * 3600_000);
  // Issue 25: only people who can answer in Teams are asked by default.
  const voters = allVoterIds(group, isKansli).filter((id) => activeMembers(group).some((m) => m.id === id && m.teamsId));
  return {
    title,
    kind: 'avvikelserapport',
    text: '',
    link: '',
    voters: activeMembers(group).length > LISTED_CHOICES ? ALL_VOTERS : voters.join(','),
    rule: 'onePerParty',
    deadlineDate: stockholmDate(deadline),
    deadlineTime: '12:00',
    reminder: 'd1',
    signatory: 'none',
  };
}

/** The parties whose members are all outside Teams: nobody there can answer a request (issue 25). */
export function unreachableParties(group: Group): string[] {
  return partiesOf(group).filter((p) => {
    const members = activeMembers(group).filter((m) => m.organisation === p);
    return members.length > 0 && members.every((m) => !m.teamsId);
  });
}

/** The data for `cards/approval-form.json`. */
export function formCardData(t: T, group: Group, values: FormValues, error = '') {
  const all = activeMembers(group).map((m) => ({ title: m.teamsId ? `${m.name} (${party(t, m.organisation ?? '')})` : t.voterNotInTeams(m.name, party(t, m.organisation ?? '')), value: m.id }));
  const unreachable = unreachableParties(group);
  // A large group: "everyone but the kansli" and the picked people listed, the rest by Teams' typeahead.
  const voters = picker(all, values.voters.split(','));
  const signatory = picker(all, [values.signatory]);
  const members = voters.search ? [{ title: t.allVoters, value: ALL_VOTERS }, ...voters.choices] : voters.choices;
  return {
    t,
    error,
    warning: unreachable.length ? t.unreachableParties(unreachable.join(', ')) : '',
    values,
    kinds: APPROVAL_KINDS.map((k) => ({ title: t.kinds[k], value: k })),
    rules: APPROVAL_RULES.map((r) => ({ title: t.rules[r], value: r })),
    reminders: (Object.keys(REMINDER_CHOICES) as ReminderChoice[]).map((r) => ({ title: t.reminders[r], value: r })),
    members,
    memberSearch: voters.search,
    signatories: [{ title: t.noSignatory, value: 'none' }, ...signatory.choices],
    signatorySearch: signatory.search,
  };
}
