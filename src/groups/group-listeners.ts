import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  GROUP_KINDS,
  ROLES,
  activeMembers,
  addMember,
  changeSettings,
  memberById,
  newGroup,
  removeMember,
  rolesAt,
  setRoles,
  setTitle,
  partiesOf,
  groupLanguage,
  type Group,
  type Role,
  type GroupKind,
  type StandingItem,
} from './domain/group.js';
import { isMemberInTeams, linkMember, linkToRoster, rosterCandidates, type RosterLinks } from './domain/roster-link.js';
import { currentOrNextMeeting, isPlanning } from '../meetings/domain/meeting.js';
import { stockholmDate, toInstant } from '../shared/swedish-date.js';
import { texts, type Texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { cmd } from '../bot/command.js';
import { actor, groupRef, t } from '../bot/context.js';
import { allowed, cardNumber, domainErrorText, joinAnd, loadGroupTurn, newId, refusal, roleWords, type GroupTurn } from '../bot/group-turn.js';
import { onCard, reply, validated } from '../bot/listen.js';
import { renderCard, type CardJson } from '../bot/render-card.js';
import { rosterOf, type RosterPerson } from './roster.js';
import { memberPicker, picker, pickerData, rosterData } from './member-picker.js';

export const GROUP = cmd(['grupp', 'group']);

const name = z.string().trim().min(1).max(100);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const target = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), cardNumber.pipe(z.number().min(0).max(100)).optional());
const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const CreateData = z.object({ groupName: name, groupKind: z.enum(GROUP_KINDS), organisation: optionalText(100) });
const SaveData = z.object({
  groupName: name,
  groupKind: z.enum(GROUP_KINDS),
  organisations: optionalText(2000),
  target,
  membersMayNote: z.enum(['true', 'false']).optional(),
  membersMayRequestApproval: z.enum(['true', 'false']).optional(),
  language: z.enum(['sv', 'en']).optional(),
});
const LinkData = z.object({ memberId: z.string().min(1).max(100) });
const LinkPick = z.string().trim().min(1).max(200);
const AddMemberData = z.object({ memberName: name, memberOrganisation: optionalText(100), memberTitle: optionalText(100), memberRole: z.enum(ROLES).default('member') });
const RosterPickData = z.object({ people: csv.pipe(z.array(z.string().max(200)).max(500)), rosterOrganisation: optionalText(100) });
// No role picked (Teams sends no `roles` then) is the domain's GROUP.ROLES_EMPTY: "Välj minst en roll."
const RoleData = z.object({ roleMemberId: z.string().min(1).max(100), roleTitle: optionalText(100), roles: csv.pipe(z.array(z.enum(ROLES))).default(''), effective: z.enum(['now', 'nextMeeting']).default('now') });
const RemoveData = z.object({ roleMemberId: z.string().min(1).max(100) });

/**
 * The items every new agenda starts with, as each kind of body writes them: an arbetsutskott or a
 * förbundsstyrelse (protokoll) opens with "Val av justerare", "Godkännande av dagordningen",
 * "Föregående protokoll"; the other groups with "Föregående minnesanteckningar".
 */
export function standingItems(texts: Texts, kind: GroupKind = 'lokusgrupp'): StandingItem[] {
  if (kind === 'arbetsutskott' || kind === 'styrelse') {
    const p = texts.group.standingItemsProtokoll;
    return [
      { key: 'custom', title: p.adjusterElection, kind: 'beslut', position: 'start' },
      { key: 'custom', title: p.agendaApproval, kind: 'beslut', position: 'start' },
      { key: 'previousMinutes', title: p.previousMinutes, kind: 'information', position: 'start' },
      { key: 'otherBusiness', title: p.otherBusiness, kind: 'diskussion', position: 'end' },
      { key: 'nextMeeting', title: p.nextMeeting, kind: 'information', position: 'end' },
    ];
  }
  const s = texts.group.standingItems;
  return [
    { key: 'previousMinutes', title: s.previousMinutes, kind: 'information', position: 'start' },
    { key: 'otherBusiness', title: s.otherBusiness, kind: 'diskussion', position: 'end' },
    { key: 'nextMeeting', title: s.nextMeeting, kind: 'information', position: 'end' },
  ];
}

function kindChoices(texts: Texts) {
  return GROUP_KINDS.map((k) => ({ title: texts.group.kinds[k], value: k }));
}

function roleChoices(texts: Texts) {
  return ROLES.map((r) => ({ title: texts.group.roles[r], value: r }));
}

/** What the group card shows beyond the group: a message, and after "Hämta från Teams" the roster. */
interface CardExtra {
  message?: string;
  roster?: RosterPerson[];
  alreadyMembers?: string[];
  /** Members typed by name whom several people in Teams could be: the chair links each (issue 25). */
  ambiguous?: RosterLinks['ambiguous'];
}

/** How many "Koppla …" forms the card holds at once (the rest come when these are done). */
const MAX_LINK_FORMS = 10;

/** The settings card's data: facts, members with organisation and roles, forms for those who may edit. */
export function groupCardData(texts: Texts, group: Group, at: string, canEdit: boolean, extra: CardExtra = {}) {
  const g = texts.group;
  const members = activeMembers(group).map((m) => {
    const roles = rolesAt(group, m.id, at);
    const pending = group.roleHistory.filter((r) => r.memberId === m.id && (!r.from || r.from > at)).at(-1);
    const parts = [m.organisation ?? g.noOrganisation, ...(m.title ? [m.title] : []), roleWords(texts, roles), ...(m.teamsId ? [] : [g.notInTeams]), ...(pending ? [g.pendingRole(roleWords(texts, pending.roles))] : [])];
    return { name: m.name, details: parts.filter(Boolean).join(' · ') };
  });
  return {
    t: g,
    title: g.settingsTitle(group.name),
    message: extra.message ?? '',
    name: group.name,
    kind: group.kind,
    kindText: g.kinds[group.kind],
    partiesText: partiesOf(group).join(', ') || '–',
    organisationsText: partiesOf(group).join('\n'),
    target: group.settings.attendanceTargetPercent,
    targetText: g.targetValue(group.settings.attendanceTargetPercent),
    language: groupLanguage(group),
    languageText: g.languages[groupLanguage(group)],
    languageChoices: (['sv', 'en'] as const).map((value) => ({ title: g.languages[value], value })),
    membersMayNote: String(group.settings.membersMayNote),
    membersMayRequestApproval: String(group.settings.membersMayRequestApproval === true),
    members,
    canEdit,
    kindChoices: kindChoices(texts),
    roleChoices: roleChoices(texts),
    ...pickerData(memberPicker(activeMembers(group), [], (m) => m.name)),
    showRoster: extra.roster !== undefined,
    rosterEmpty: (extra.roster ?? []).length === 0,
    rosterAlready: extra.alreadyMembers?.length ? g.rosterAlready(joinAnd(texts, extra.alreadyMembers)) : '',
    ...rosterData(picker(rosterChoices(extra.roster ?? []))),
    linkForms: (extra.ambiguous ?? []).slice(0, MAX_LINK_FORMS).map((a) => ({
      memberId: a.member.id,
      inputId: linkInputId(a.member.id),
      title: g.linkButton(a.member.name),
      question: g.linkQuestion(a.member.name),
      choices: a.candidates.map((c) => ({ title: c.name + (c.email ? ` (${c.email})` : ''), value: c.teamsId })),
    })),
  };
}

/** The roster as choices; two people of one name are told apart by their e-mail. */
function rosterChoices(roster: RosterPerson[]) {
  const named = (name: string) => roster.filter((p) => p.name === name).length;
  return roster.map((p) => ({ title: named(p.name) > 1 && p.email ? `${p.name} (${p.email})` : p.name, value: p.teamsId }));
}

/** Each "Koppla …" form's own input, so that one card holds several. */
const linkInputId = (memberId: string) => `link-${memberId}`;

/** The group card after "Hämta från Teams": who in the roster is not in the group yet, who is, whom to link. */
function rosterView(roster: RosterPerson[], at: string) {
  return (group: Group): CardExtra => ({
    roster: roster.filter((p) => !isMemberInTeams(group, p)),
    alreadyMembers: roster.filter((p) => isMemberInTeams(group, p)).map((p) => isMemberInTeams(group, p)!.name),
    ambiguous: linkToRoster(group, roster, at).ambiguous,
  });
}

/** In the group's conversation, the group's language as it now stands (a save may just have changed it). */
function sharedTexts(turn: GroupTurn, group: Group): Texts {
  return turn.ref.conversationType !== 'personal' ? texts(groupLanguage(group)) : turn.texts;
}

/** The group's card, in the group's language as it now stands. */
function settingsCard(turn: GroupTurn, group: Group, extra: CardExtra = {}): CardJson {
  const canEdit = allowed({ ...turn, group }, 'group.edit');
  return renderCard('group-settings', groupCardData(sharedTexts(turn, group), group, turn.at, canEdit, extra));
}

function setupCard(texts: Texts): CardJson {
  return renderCard('group-setup', { t: texts.group, name: '', kind: 'lokusgrupp', kindChoices: kindChoices(texts) });
}

async function showGroup(ctx: TurnContext, deps: Deps): Promise<void> {
  const turn = await loadGroupTurn(ctx, deps);
  await reply(ctx, turn ? settingsCard(turn, turn.group) : setupCard(t(ctx)));
}

/** The first person to set up the group becomes its chair; a second setup shows what is there. */
async function createGroup(ctx: TurnContext, deps: Deps, data: unknown): Promise<CardJson | string> {
  const texts = t(ctx);
  const parsed = validated(ctx, CreateData, data);
  if (!parsed.ok) return parsed.answer;
  const ref = groupRef(ctx);
  const who = actor(ctx);
  const at = deps.now().toISOString();
  const group = newGroup({
    groupId: ref.groupId,
    tenantId: ref.tenantId,
    conversationId: ref.conversationId,
    name: parsed.value.groupName,
    kind: parsed.value.groupKind,
    standingItems: standingItems(texts, parsed.value.groupKind),
    founder: { memberId: newId('m'), roleId: newId('r'), name: who.name || parsed.value.groupName, organisation: parsed.value.organisation, teamsId: who.teamsId, aadObjectId: who.aadObjectId },
    at,
  });
  const { created, group: stored } = await deps.groups.create(group);
  if (created) deps.log.info({ groupId: ref.groupId }, 'group set up');
  const turn = (await loadGroupTurn(ctx, deps))!;
  return settingsCard(turn, stored, { message: created ? texts.group.created(stored.name) : texts.group.alreadyCreated });
}

type GroupChange = (group: Group, turn: GroupTurn) => { ok: true; group: Group; message: string } | { ok: false; message: string };

/**
 * The common shape of every settings edit (after the steps: data, group, permission): apply the pure
 * change under If-Match (retried on 412), with the role checked again on the group as stored, and
 * answer with the refreshed card or the refusal.
 */
async function editGroup(deps: Deps, turn: GroupTurn, change: GroupChange, view?: (group: Group) => CardExtra): Promise<CardJson | string> {
  type Outcome = { ok: true; group: Group; message: string } | { ok: false; message: string };
  const outcome = await deps.groups.update<Outcome>(turn.ref.groupId, (current) => {
    if (!current) return { result: { ok: false as const, message: turn.texts.group.notSetUp } };
    const fresh = { ...turn, group: current, member: current.members.find((m) => m.id === turn.member?.id) };
    if (!allowed(fresh, 'group.edit')) return { result: { ok: false as const, message: refusal(fresh, 'group.edit') } };
    const r = change(current, fresh);
    // An unchanged group (nothing to do, e.g. a second press) is not written again.
    return r.ok && r.group !== current ? { next: r.group, result: r } : { result: r };
  });
  if (!outcome.ok) return outcome.message;
  return settingsCard(turn, outcome.group, { message: outcome.message, ...view?.(outcome.group) });
}

/** The Teams roster, or undefined when Teams does not answer (adding by name still works then). */
async function rosterIfAny(ctx: TurnContext, deps: Deps): Promise<RosterPerson[] | undefined> {
  try {
    return await rosterOf(ctx);
  } catch (err) {
    deps.log.warn({ err }, 'roster fetch failed');
    return undefined;
  }
}

/** What linking to the roster did, in words: who was linked, whom the chair must pick. */
function linkMessage(texts: Texts, links: RosterLinks): string[] {
  const g = texts.group;
  return [
    ...(links.linked.length ? [g.linkedToTeams(joinAnd(texts, links.linked.map((m) => m.name)))] : []),
    ...links.ambiguous.map((a) => g.linkAmbiguous(a.member.name, joinAnd(texts, a.candidates.map((c) => c.name + (c.email ? ` (${c.email})` : ''))))),
  ];
}

async function nextMeetingStart(deps: Deps, groupId: string, now: Date): Promise<string | undefined> {
  const meetings = (await deps.meetings.list(groupId)).filter(isPlanning);
  const next = currentOrNextMeeting(meetings, stockholmDate(now));
  return next?.date ? toInstant(next.date, next.time?.start).toISOString() : undefined;
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(GROUP, (ctx) => showGroup(ctx, deps));

  app.adaptiveCards.actionExecute('group.create', (ctx, _s, data) => createGroup(ctx, deps, data));

  app.adaptiveCards.actionExecute('group.save', onCard(deps, { data: SaveData, may: 'group.edit' }, async ({ turn: heard, data: d }) =>
    editGroup(deps, heard, (group, turn) => {
      // A group that still has the standing items of its kind gets those of its new kind.
      const titles = (items: StandingItem[]) => items.map((s) => s.title).join('\n');
      const kindChanged = d.groupKind !== group.kind && titles(group.settings.standingItems) === titles(standingItems(turn.texts, group.kind));
      const r = changeSettings(
        group,
        {
          name: d.groupName,
          kind: d.groupKind,
          ...(kindChanged ? { standingItems: standingItems(turn.texts, d.groupKind) } : {}),
          ...(d.organisations !== undefined ? { organisations: d.organisations.split('\n') } : {}),
          ...(d.target !== undefined ? { attendanceTargetPercent: d.target } : {}),
          ...(d.membersMayNote ? { membersMayNote: d.membersMayNote === 'true' } : {}),
          ...(d.membersMayRequestApproval ? { membersMayRequestApproval: d.membersMayRequestApproval === 'true' } : {}),
          ...(d.language ? { language: d.language } : {}),
        },
        turn.at,
      );
      return r.ok ? { ok: true, group: r.value, message: sharedTexts(turn, r.value).group.saved } : { ok: false, message: domainErrorText(turn.texts, r.error) };
    })));

  app.adaptiveCards.actionExecute('group.addMember', onCard(deps, { data: AddMemberData, may: 'group.edit' }, async ({ ctx, turn: heard, data: d }) => {
    const memberId = newId('m');
    const roleId = newId('r');
    const roster = await rosterIfAny(ctx, deps);
    return editGroup(deps, heard, (group, turn) => {
      const added = addMember(group, { id: memberId, name: d.memberName, organisation: d.memberOrganisation, title: d.memberTitle }, turn.at);
      if (!added.ok) return { ok: false, message: domainErrorText(turn.texts, added.error) };
      const withRole = d.memberRole === 'member' ? added : setRoles(added.value.group, { id: roleId, memberId: added.value.member.id, roles: [d.memberRole], effective: 'now', at: turn.at, by: turn.member?.id });
      if (!withRole.ok) return { ok: false, message: domainErrorText(turn.texts, withRole.error) };
      const next = 'group' in withRole.value ? withRole.value.group : withRole.value;
      // Issue 25: the person typed by name is in the channel's roster: linked to their Teams account.
      const links = linkToRoster(next, roster ?? [], turn.at);
      const linked = links.linked.some((m) => m.id === added.value.member.id);
      const message = [linked ? turn.texts.group.memberAddedLinked(added.value.member.name) : turn.texts.group.memberAdded(added.value.member.name), ...linkMessage(turn.texts, { ...links, linked: links.linked.filter((m) => m.id !== added.value.member.id) })].join(' ');
      return { ok: true, group: links.group, message };
    }, (group) => {
      // The Teams list is shown when someone typed by name needs the chair to say who they are.
      const view = roster ? rosterView(roster, heard.at)(group) : {};
      return view.ambiguous?.length ? view : {};
    });
  }));

  app.adaptiveCards.actionExecute('group.linkMember', onCard(deps, { data: LinkData, may: 'group.edit' }, async ({ ctx, turn: heard, data, raw }) => {
    const g = heard.texts.group;
    const picked = LinkPick.safeParse((raw as Record<string, unknown> | undefined)?.[linkInputId(data.memberId)]);
    if (!picked.success) return g.linkRequired;
    const roster = await rosterIfAny(ctx, deps);
    if (!roster) return g.rosterFailed;
    // Only a person Teams says is in this conversation; the id from the card just picks among them.
    const person = roster.find((p) => p.teamsId === picked.data);
    if (!person) return g.linkNotInRoster;
    return editGroup(deps, heard, (group, turn) => {
      const member = memberById(group, data.memberId);
      if (!member || member.removedAt) return { ok: false, message: domainErrorText(turn.texts, { code: 'GROUP.MEMBER_NOT_FOUND', details: { name: data.memberId } }) };
      if (member.teamsId) return { ok: true, group, message: turn.texts.group.linkAlreadyLinked(member.name) };
      const taken = isMemberInTeams(group, person);
      if (taken) return { ok: false, message: turn.texts.group.linkTaken(person.name, taken.name) };
      return { ok: true, group: linkMember(group, member.id, person, turn.at), message: turn.texts.group.linked(member.name, person.name) };
    }, rosterView(roster, heard.at));
  }));

  app.adaptiveCards.actionExecute('group.roster', onCard(deps, { may: 'group.edit' }, async ({ ctx, turn }) => {
    const roster = await rosterIfAny(ctx, deps);
    if (!roster) return turn.texts.group.rosterFailed;
    // Issue 25: members added by name whom the roster shows are linked now; those already in the group are named.
    const view = rosterView(roster, turn.at);
    const links = linkToRoster(turn.group, roster, turn.at);
    if (links.linked.length === 0) return settingsCard(turn, turn.group, { message: linkMessage(turn.texts, links).join(' '), ...view(turn.group) });
    return editGroup(deps, turn, (group, fresh) => {
      const again = linkToRoster(group, roster, fresh.at);
      return { ok: true, group: again.group, message: linkMessage(fresh.texts, again).join(' ') };
    }, view);
  }));

  app.adaptiveCards.actionExecute('group.addFromRoster', onCard(deps, { data: RosterPickData, may: 'group.edit' }, async ({ ctx, turn: heard, data }) => {
    const texts = heard.texts;
    if (data.people.length === 0) return texts.group.rosterNothingPicked;
    const roster = await rosterIfAny(ctx, deps);
    if (!roster) return texts.group.rosterFailed;
    // Only people Teams says are in this conversation; ids from the card just pick among them.
    const picked = roster.filter((r) => data.people.includes(r.teamsId));
    if (picked.length === 0) return texts.group.rosterNothingPicked;
    const ids = picked.map(() => newId('m'));
    return editGroup(deps, heard, (group, turn) => {
      let next = group;
      for (const [i, person] of picked.entries()) {
        // The chair picked who a member added by name is (issue 25): that member is linked, not added twice.
        const byName = activeMembers(next).filter((m) => !m.teamsId && rosterCandidates(m, [person]).length > 0);
        const known = byName.length === 1 ? byName[0]! : undefined;
        if (known) {
          next = linkMember(next, known.id, person, turn.at);
          continue;
        }
        const r = addMember(next, { id: ids[i]!, name: person.name, organisation: data.rosterOrganisation, teamsId: person.teamsId, aadObjectId: person.aadObjectId }, turn.at);
        if (r.ok) next = r.value.group;
      }
      return { ok: true, group: next, message: turn.texts.group.membersAdded(picked.length) };
    });
  }));

  app.adaptiveCards.actionExecute('group.setRole', onCard(deps, { data: RoleData, may: 'group.edit' }, async ({ turn: heard, data: d }) => {
    const roleId = newId('r');
    const start = d.effective === 'nextMeeting' ? await nextMeetingStart(deps, heard.ref.groupId, heard.now) : undefined;
    return editGroup(deps, heard, (group, turn) => {
      const m = memberById(group, d.roleMemberId);
      if (!m || m.removedAt) return { ok: false, message: domainErrorText(turn.texts, { code: 'GROUP.MEMBER_NOT_FOUND', details: { name: d.roleMemberId } }) };
      const titled = d.roleTitle ? setTitle(group, m.id, d.roleTitle, turn.at) : ({ ok: true, value: group } as const);
      if (!titled.ok) return { ok: false, message: domainErrorText(turn.texts, titled.error) };
      const r = setRoles(titled.value, { id: roleId, memberId: m.id, roles: d.roles as Role[], effective: d.effective, nextMeetingStart: start, at: turn.at, by: turn.member?.id });
      if (!r.ok) return { ok: false, message: domainErrorText(turn.texts, r.error) };
      const words = roleWords(turn.texts, d.roles);
      return { ok: true, group: r.value, message: d.effective === 'now' ? turn.texts.group.roleSaved(m.name, words) : turn.texts.group.roleSavedNextMeeting(m.name, words) };
    });
  }));

  app.adaptiveCards.actionExecute('group.removeMember', onCard(deps, { data: RemoveData, may: 'group.edit' }, async ({ turn: heard, data }) =>
    editGroup(deps, heard, (group, turn) => {
      const m = memberById(group, data.roleMemberId);
      const r = removeMember(group, data.roleMemberId, turn.at);
      if (!r.ok) return { ok: false, message: domainErrorText(turn.texts, r.error) };
      return { ok: true, group: r.value, message: turn.texts.group.memberRemoved(m!.name) };
    })));
}
