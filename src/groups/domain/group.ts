import { err, ok, type DomainError, type Result } from '../../shared/result.js';
import type { FormalSettings } from '../../formal/domain/formal-body.js';

/** How a group writes its minutes, and the kinds of agenda item (its standing items have them too). */
export type MinutesFormat = 'protokoll' | 'minnesanteckningar';
export const AGENDA_ITEM_KINDS = ['information', 'diskussion', 'beslut'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

/**
 * A Lokus group: one per Teams channel, group chat or personal test chat (keyed by tenant +
 * conversation, see `groupIdOf`). Members belong to an organisation (party); roles are kept as a
 * history so that "från och med nästa möte tar Nima ordförandeskapet" can be recorded ahead of time
 * and every role check can ask which roles were in force at the moment of the action.
 */

export const GROUP_KINDS = ['lokusgrupp', 'strategisk-utvecklingsgrupp', 'arbetsutskott', 'styrelse', 'annan'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/**
 * Roles in a group. `kansli` marks förbund office staff (they may read across meetings; they are
 * not a party). A member can hold several roles at once (e.g. secretary + kansli).
 */
export const ROLES = ['chair', 'viceChair', 'secretary', 'adjuster', 'member', 'substitute', 'kansli'] as const;
export type Role = (typeof ROLES)[number];

/** Who someone is in Teams; people outside Teams have neither. */
export interface TeamsIdentity {
  /** Teams user id, `29:…` */
  teamsId?: string;
  aadObjectId?: string;
}

export interface Member extends TeamsIdentity {
  /** Stable id within the group (`m_…`); attendance marks, action items and roles refer to it. */
  id: string;
  name: string;
  /** The party the member represents, e.g. "Försäkringskassan"; one of `Group.organisations`. */
  organisation?: string;
  /** Title, where known ("förbundschef", "verksamhetsutvecklare"): how förbund staff are listed in minutes. */
  title?: string;
  email?: string;
  addedAt: string;
  /** Members are never deleted (old minutes name them); a removed member has `removedAt`. */
  removedAt?: string;
}

/**
 * One role decision: from `from` on, `memberId` holds exactly `roles`. An assignment decided to take
 * effect "from the next meeting" has no `from` until that meeting is planned or started
 * (`resolvePendingRoles`).
 */
export interface RoleAssignment {
  id: string;
  memberId: string;
  roles: Role[];
  /** ISO instant from which the roles are in force; absent while waiting for the next meeting. */
  from?: string;
  fromNextMeeting?: boolean;
  decidedAt: string;
  /** Member id of who decided it (absent for the group's founder). */
  decidedBy?: string;
}

/** An item every new agenda starts with, e.g. "Föregående minnesanteckningar". */
export interface StandingItem {
  /** `previousMinutes` gets the open action items of earlier meetings listed under it. */
  key: 'previousMinutes' | 'otherBusiness' | 'nextMeeting' | 'custom';
  title: string;
  kind: AgendaItemKind;
  position: 'start' | 'end';
}

export interface GroupSettings {
  /** Share of called meetings each party should attend, in percent (seed 002: 85 %). */
  attendanceTargetPercent: number;
  /** Whether any member may record notes (`anteckning`), not only chair, vice chair and secretary. */
  membersMayNote: boolean;
  /** Whether any member may ask the group to approve a document, not only leaders and kansli (issue 6). */
  membersMayRequestApproval: boolean;
  /** The optional assistant (issue 29) turned off for this group: its messages never go to the model. */
  assistantOff?: boolean;
  defaultFormat: MinutesFormat;
  standingItems: StandingItem[];
  /** How many days before an action item's due date its owner is reminded (issue 7; default 2, 0 = only on the day). */
  actionReminderDays?: number;
  /** The language of what the group shares: channel cards, notices, minutes (default Swedish). */
  language?: Language;
}

export interface Group {
  groupId: string;
  tenantId: string;
  conversationId: string;
  name: string;
  kind: GroupKind;
  /** The parties (organisations), in the order the group lists them. */
  organisations: string[];
  members: Member[];
  roleHistory: RoleAssignment[];
  settings: GroupSettings;
  /** A decision-making body's ledamöter, ersättare and anslag settings (issue 26). */
  formal?: FormalSettings;
  createdAt: string;
  updatedAt: string;
}

/** The languages Lokus speaks (as `i18n` names them). */
export type Language = 'sv' | 'en';

export const DEFAULT_ATTENDANCE_TARGET_PERCENT = 85;

/** The language of the group's shared cards, notices and minutes, whoever acts. */
export function groupLanguage(group: Pick<Group, 'settings'>): Language {
  return group.settings.language ?? 'sv';
}

export type GroupErrorCode =
  | 'GROUP.MEMBER_NOT_FOUND'
  | 'GROUP.MEMBER_AMBIGUOUS'
  | 'GROUP.NAME_MISSING'
  | 'GROUP.TARGET_INVALID'
  | 'GROUP.LAST_LEADER'
  | 'GROUP.ROLES_EMPTY'
  | 'GROUP.FORBUND_NOT_A_PARTY';
export type GroupError = DomainError<GroupErrorCode>;

export interface NewGroupInput {
  groupId: string;
  tenantId: string;
  conversationId: string;
  name: string;
  kind: GroupKind;
  organisations?: string[];
  standingItems: StandingItem[];
  /** The person setting the group up; they become its chair until changed. */
  founder: { memberId: string; roleId: string; name: string; organisation?: string } & TeamsIdentity;
  at: string;
}

export function newGroup(input: NewGroupInput): Group {
  const f = input.founder;
  const founder: Member = {
    id: f.memberId,
    name: f.name,
    ...(f.organisation ? { organisation: f.organisation } : {}),
    ...(f.teamsId ? { teamsId: f.teamsId } : {}),
    ...(f.aadObjectId ? { aadObjectId: f.aadObjectId } : {}),
    addedAt: input.at,
  };
  return {
    groupId: input.groupId,
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    name: input.name,
    kind: input.kind,
    organisations: uniq([...(input.organisations ?? []), ...(f.organisation ? [f.organisation] : [])]).filter((o) => !isForbundOrganisation(o)),
    members: [founder],
    roleHistory: [{ id: f.roleId, memberId: founder.id, roles: ['chair'], from: input.at, decidedAt: input.at }],
    settings: {
      attendanceTargetPercent: DEFAULT_ATTENDANCE_TARGET_PERCENT,
      membersMayNote: false,
      membersMayRequestApproval: false,
      defaultFormat: formatOfKind(input.kind),
      standingItems: input.standingItems,
    },
    createdAt: input.at,
    updatedAt: input.at,
  };
}

function uniq(xs: string[]): string[] {
  const seen = new Set<string>();
  return xs.map((x) => x.trim()).filter((x) => x && !seen.has(x.toLowerCase()) && seen.add(x.toLowerCase()));
}

/**
 * An organisation that is the förbund itself or its office (kansli), never a party: "Samordningsförbundet",
 * "Samordningsförbundet RAR i Sörmland", "Kansli", "Förbundets kansli". The parties are the member
 * organisations (Försäkringskassan, Arbetsförmedlingen, the region, the municipalities).
 */
export function isForbundOrganisation(name: string | undefined): boolean {
  return !!name && /^(?:samordningsförbund|förbundet\b|förbundets\s+kansli\b|förbundskansli|kansli(?:et)?\b|finsam\b)/iu.test(name.trim());
}

/** The parties (member organisations) in the group's order, without the förbund. */
export function partiesOf(group: Pick<Group, 'organisations'>): string[] {
  return group.organisations.filter((o) => !isForbundOrganisation(o));
}

/** Förbund staff: the kansli role, or an organisation that is the förbund. They attend; they are no party. */
export function isStaff(group: Group, member: Member, at: string | Date): boolean {
  return isForbundOrganisation(member.organisation) || rolesAt(group, member.id, at).includes('kansli');
}

const iso = (at: string | Date) => (typeof at === 'string' ? at : at.toISOString());

export function activeMembers(group: Group): readonly Member[] {
  return group.members.filter((m) => !m.removedAt);
}

export function memberById(group: Group, memberId: string | undefined): Member | undefined {
  return memberId === undefined ? undefined : group.members.find((m) => m.id === memberId);
}

/** The active member with this Teams identity (AAD object id first, then the 29: id). */
export function findMember(group: Group, who: TeamsIdentity): Member | undefined {
  const active = activeMembers(group);
  return (
    (who.aadObjectId ? active.find((m) => m.aadObjectId === who.aadObjectId) : undefined) ??
    (who.teamsId ? active.find((m) => m.teamsId === who.teamsId) : undefined)
  );
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A member named in plain text: the full name, or a first name / start of a name that only one
 * active member has. Unknown or ambiguous names are refused (the caller lists the members).
 */
export function memberByName(group: Group, name: string): Result<Member, GroupError> {
  const q = fold(name);
  const active = activeMembers(group);
  if (!q) return err('GROUP.MEMBER_NOT_FOUND', { name });
  const exact = active.filter((m) => fold(m.name) === q);
  if (exact.length === 1) return ok(exact[0]!);
  const partial = exact.length > 1 ? exact : active.filter((m) => fold(m.name).startsWith(`${q} `) || fold(m.name).split(' ').includes(q));
  if (partial.length === 1) return ok(partial[0]!);
  if (partial.length > 1) return err('GROUP.MEMBER_AMBIGUOUS', { name, candidates: partial.map((m) => m.name).join(', ') });
  return err('GROUP.MEMBER_NOT_FOUND', { name });
}

/** Roles of a member in force at `at` (the latest assignment from on or before `at`); none → []. */
export function rolesAt(group: Group, memberId: string, at: string | Date): Role[] {
  return rolesOf(memberById(group, memberId), group.roleHistory, iso(at));
}

function rolesOf(member: Member | undefined, history: readonly RoleAssignment[], t: string): Role[] {
  if (!member || (member.removedAt && member.removedAt <= t)) return [];
  if (member.addedAt > t) return [];
  let current: RoleAssignment | undefined;
  for (const r of history) {
    if (r.memberId !== member.id || !r.from || r.from > t) continue;
    if (!current || r.from > current.from! || (r.from === current.from && r.decidedAt >= current.decidedAt)) current = r;
  }
  return current ? current.roles : ['member'];
}

/**
 * `rolesAt` for many members of one group: the role history indexed by member once, so a list of
 * 200 members costs one pass over the history instead of one per member.
 */
export function rolesLookup(group: Group): (member: Member, at: string | Date) => Role[] {
  const byMember = new Map<string, RoleAssignment[]>();
  for (const r of group.roleHistory) {
    const list = byMember.get(r.memberId);
    if (list) list.push(r);
    else byMember.set(r.memberId, [r]);
  }
  return (member, at) => rolesOf(member, byMember.get(member.id) ?? [], iso(at));
}

export function hasRole(group: Group, memberId: string, role: Role, at: string | Date): boolean {
  return rolesAt(group, memberId, at).includes(role);
}

/** Active members holding `role` at `at`, in roster order. */
export function membersWithRole(group: Group, role: Role, at: string | Date): Member[] {
  return activeMembers(group).filter((m) => rolesAt(group, m.id, at).includes(role));
}

export interface MemberInput extends TeamsIdentity {
  id: string;
  name: string;
  organisation?: string;
  title?: string;
  email?: string;
}

/**
 * Adds a member (or, when someone with the same Teams identity is already there, updates their name
 * and organisation): picking the same person from the roster twice adds them once.
 */
export function addMember(group: Group, input: MemberInput, at: string): Result<{ group: Group; member: Member }, GroupError> {
  const name = input.name.trim();
  if (!name) return err('GROUP.NAME_MISSING');
  const organisation = input.organisation?.trim() || undefined;
  const title = input.title?.trim() || undefined;
  const existing = input.teamsId || input.aadObjectId ? findMember(group, input) : undefined;
  // The förbund's own office is not a party: its staff are members, their organisation no party.
  const organisations = organisation && !isForbundOrganisation(organisation) ? uniq([...group.organisations, organisation]) : group.organisations;
  if (existing) {
    const member: Member = { ...existing, name, ...(organisation ? { organisation } : {}), ...(title ? { title } : {}) };
    return ok({ group: { ...group, organisations, members: group.members.map((m) => (m.id === existing.id ? member : m)), updatedAt: at }, member });
  }
  const member: Member = {
    id: input.id,
    name,
    ...(organisation ? { organisation } : {}),
    ...(title ? { title } : {}),
    ...(input.teamsId ? { teamsId: input.teamsId } : {}),
    ...(input.aadObjectId ? { aadObjectId: input.aadObjectId } : {}),
    ...(input.email ? { email: input.email } : {}),
    addedAt: at,
  };
  return ok({ group: { ...group, organisations, members: [...group.members, member], updatedAt: at }, member });
}

/** Gives a member a title ("förbundschef"), or takes it away with an empty one. */
export function setTitle(group: Group, memberId: string, title: string, at: string): Result<Group, GroupError> {
  const m = memberById(group, memberId);
  if (!m || m.removedAt) return err('GROUP.MEMBER_NOT_FOUND', { name: memberId });
  const { title: _old, ...rest } = m;
  const next: Member = title.trim() ? { ...rest, title: title.trim() } : rest;
  return ok({ ...group, members: group.members.map((x) => (x.id === m.id ? next : x)), updatedAt: at });
}

/** Chair, vice chair and secretary: those who can change the group. One must always remain. */
const LEADERS: Role[] = ['chair', 'viceChair', 'secretary'];

function leadersAfter(group: Group, at: string): Member[] {
  return activeMembers(group).filter((m) => rolesAt(group, m.id, at).some((r) => LEADERS.includes(r)));
}

export function removeMember(group: Group, memberId: string, at: string): Result<Group, GroupError> {
  const m = memberById(group, memberId);
  if (!m || m.removedAt) return err('GROUP.MEMBER_NOT_FOUND', { name: memberId });
  const next = { ...group, members: group.members.map((x) => (x.id === memberId ? { ...x, removedAt: at } : x)), updatedAt: at };
  if (leadersAfter(next, at).length === 0) return err('GROUP.LAST_LEADER', { name: m.name });
  return ok(next);
}

export interface RoleChange {
  /** Id for the new history entry. */
  id: string;
  memberId: string;
  roles: Role[];
  /** `now`, or from the next meeting (seed 000). */
  effective: 'now' | 'nextMeeting';
  /** The start of the next planned meeting, if one is planned; else the change waits (pending). */
  nextMeetingStart?: string;
  by?: string;
  at: string;
}

/**
 * Gives a member exactly `roles` from now or from the next meeting. Giving `member` only is how a
 * role is taken away. An immediate change that would leave nobody to lead the group is refused.
 */
export function setRoles(group: Group, change: RoleChange): Result<Group, GroupError> {
  const m = memberById(group, change.memberId);
  if (!m || m.removedAt) return err('GROUP.MEMBER_NOT_FOUND', { name: change.memberId });
  const roles = [...new Set(change.roles)].filter((r) => (ROLES as readonly string[]).includes(r));
  if (roles.length === 0) return err('GROUP.ROLES_EMPTY');
  const later = change.effective === 'nextMeeting';
  const from = later ? change.nextMeetingStart : change.at;
  const entry: RoleAssignment = {
    id: change.id,
    memberId: m.id,
    roles,
    ...(from ? { from } : {}),
    ...(later ? { fromNextMeeting: true } : {}),
    decidedAt: change.at,
    ...(change.by ? { decidedBy: change.by } : {}),
  };
  // A newer decision for the same member replaces one still waiting for the next meeting.
  const history = [...group.roleHistory.filter((r) => !(r.memberId === m.id && !r.from)), entry];
  const next = { ...group, roleHistory: history, updatedAt: change.at };
  if (!later && leadersAfter(next, change.at).length === 0) return err('GROUP.LAST_LEADER', { name: m.name });
  return ok(next);
}

/** Role changes waiting for "the next meeting" take effect at `meetingStart` (when it is planned or started). */
export function resolvePendingRoles(group: Group, meetingStart: string): Group {
  if (!group.roleHistory.some((r) => !r.from)) return group;
  return {
    ...group,
    roleHistory: group.roleHistory.map((r) => (r.from || r.decidedAt > meetingStart ? r : { ...r, from: meetingStart })),
  };
}

export interface GroupSettingsChange {
  name?: string;
  kind?: GroupKind;
  organisations?: string[];
  attendanceTargetPercent?: number;
  membersMayNote?: boolean;
  membersMayRequestApproval?: boolean;
  defaultFormat?: MinutesFormat;
  language?: Language;
  /** The standing items of the new kind of group (the caller has the texts). */
  standingItems?: StandingItem[];
}

/** Working committees and boards keep a protokoll with §; other groups minnesanteckningar. */
export function formatOfKind(kind: GroupKind): MinutesFormat {
  return kind === 'arbetsutskott' || kind === 'styrelse' ? 'protokoll' : 'minnesanteckningar';
}

export function changeSettings(group: Group, change: GroupSettingsChange, at: string): Result<Group, GroupError> {
  const name = change.name === undefined ? group.name : change.name.trim();
  if (!name) return err('GROUP.NAME_MISSING');
  const target = change.attendanceTargetPercent ?? group.settings.attendanceTargetPercent;
  if (!Number.isFinite(target) || target < 0 || target > 100) return err('GROUP.TARGET_INVALID', { value: String(target) });
  const forbund = change.organisations?.find((o) => isForbundOrganisation(o));
  if (forbund) return err('GROUP.FORBUND_NOT_A_PARTY', { name: forbund.trim() });
  return ok({
    ...group,
    name,
    kind: change.kind ?? group.kind,
    organisations: change.organisations ? uniq(change.organisations) : group.organisations,
    settings: {
      ...group.settings,
      attendanceTargetPercent: target,
      ...(change.membersMayNote !== undefined ? { membersMayNote: change.membersMayNote } : {}),
      ...(change.membersMayRequestApproval !== undefined ? { membersMayRequestApproval: change.membersMayRequestApproval } : {}),
      ...(change.language ? { language: change.language } : {}),
      // A new kind of body writes its minutes its own way, unless a format is given.
      ...(change.defaultFormat ? { defaultFormat: change.defaultFormat } : change.kind && change.kind !== group.kind ? { defaultFormat: formatOfKind(change.kind) } : {}),
      ...(change.standingItems ? { standingItems: change.standingItems } : {}),
    },
    updatedAt: at,
  });
}
