import { isOpenForMarks, isThere, partyCounts, type Effective } from './domain/attendance.js';
import { activeMembers, memberById, rolesAt, type Group, type Member } from '../groups/domain/group.js';
import { ATTENDANCE_STATUSES, itemNumber, type Meeting } from '../meetings/domain/meeting.js';
import { may } from '../groups/domain/permissions.js';
import { stockholmTime } from '../shared/swedish-date.js';
import type { Language, Texts } from '../i18n/texts.js';
import { whenText } from '../meetings/meeting-view.js';
import { renderCard, type CardJson } from '../bot/render-card.js';
import { memberPicker } from '../groups/member-picker.js';

/** Teams refreshes a card per user automatically for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;

export interface AttendanceView {
  texts: Texts;
  language: Language;
  group: Group;
}

/** Who looks at the card: absent for the shared channel card; a member (or not) for a personal view. */
export interface Viewer {
  member?: Member;
  at: string;
}

const clock = (iso: string) => stockholmTime(new Date(iso));

/** How a person's attendance reads on the card: "närvarande §1-4", "ersättare för …", "närvarande (anslöt i Teams 13:02)". */
export function statusText(texts: Texts, group: Group, e: Effective): string {
  const a = texts.attendance;
  let s: string;
  if (e.status === 'partial' && e.mark?.items) s = a.partialStatus(e.mark.items);
  else if (e.status === 'substitute' && e.mark?.substituteFor) s = a.substituteStatus(memberById(group, e.mark.substituteFor)?.name ?? '');
  else if (e.source === 'auto' && e.joinedAt) s = a.autoStatus(clock(e.joinedAt));
  else s = a.statuses[e.status];
  const notes = [...(e.source === 'auto' && e.leftAt ? [a.leftNote(clock(e.leftAt))] : []), ...(e.mark?.corrections?.length ? [a.correctedNote] : [])];
  return notes.length ? `${s} (${notes.join(', ')})` : s;
}

/**
 * Teams ids for the per-user refresh, at most 60: leaders first (they get the marking form), then
 * the other members with a Teams identity in roster order. Beyond 60 the shared card stays correct
 * and anyone can press "Visa min närvaro".
 */
export function refreshUserIds(group: Group, at: string): string[] {
  const withTeams = activeMembers(group).filter((m) => m.teamsId);
  const leaders = withTeams.filter((m) => may(group, m, 'attendance.markOthers', at));
  const others = withTeams.filter((m) => !leaders.includes(m));
  return [...leaders, ...others].slice(0, MAX_REFRESH_USERS).map((m) => m.teamsId!);
}

/** May this viewer mark others on the card now (leaders while open; the secretary after the end)? */
function canMark(group: Group, m: Meeting, viewer: Viewer | undefined): boolean {
  const member = viewer?.member;
  if (!member || member.removedAt) return false;
  if (isOpenForMarks(m)) return may(group, member, 'attendance.markOthers', viewer.at);
  if (m.status === 'adjusted') return false;
  return m.secretaryId === member.id || rolesAt(group, member.id, viewer.at).includes('secretary');
}

interface PartyLines {
  parties: Array<{ line: string; people: string }>;
  present: number;
  expected: number;
  /** Everyone's attendance as counted, for the viewer's own line. */
  everyone: Effective[];
}

/** Who is there, per party, as the card shows it. */
function partyLines(view: AttendanceView, m: Meeting): PartyLines {
  const { group, texts } = view;
  const a = texts.attendance;
  const counts = partyCounts(m, group);
  return {
    parties: counts.map((p) => ({
      line: p.staff ? a.staffLine(p.people.filter(isThere).length) : a.partyLine(p.organisation ?? a.noParty, p.present, p.expected),
      // One text per party, a Markdown list: 200 people as 200 elements cost more than the rest.
      people: p.people.map((e) => `- ${a.personLine(e.member.name, statusText(texts, group, e))}`).join('\n'),
    })),
    present: counts.reduce((n, p) => n + p.present, 0),
    expected: counts.reduce((n, p) => n + p.expected, 0),
    everyone: counts.flatMap((p) => p.people),
  };
}

/** What of the check-in card is the viewer's own: their line, and whether they get the marking form. */
function viewerPart(view: AttendanceView, m: Meeting, viewer: Viewer | undefined) {
  const a = view.texts.attendance;
  const { everyone } = partyLines(view, m);
  const mine = viewer?.member ? everyone.find((e) => e.member.id === viewer.member!.id) : undefined;
  return {
    youText: !viewer ? '' : !viewer.member ? a.notMember : mine && mine.status !== 'none' ? a.youAre(statusText(view.texts, view.group, mine)) : a.youNotMarked,
    canMark: canMark(view.group, m, viewer),
  };
}

export function attendanceCardData(view: AttendanceView, m: Meeting, viewer?: Viewer, message = '', own = viewerPart(view, m, viewer)) {
  const a = view.texts.attendance;
  const { group } = view;
  const { parties, present, expected } = partyLines(view, m);
  const { youText } = own;
  const userIds = viewer ? [] : refreshUserIds(group, m.startedAt ?? m.createdAt);
  // The marking form's lists are only bound for someone who sees the form (the shared card and a
  // member's own view hide it): 200 members' choices twice cost more than the rest of the card.
  const form = own.canMark;
  const members = form ? memberPicker(activeMembers(group)) : { choices: [], search: false };
  return {
    t: a,
    meetingId: m.id,
    heading: a.cardTitle(m.title),
    whenText: whenText(view.texts, view.language, m),
    message,
    youText,
    open: isOpenForMarks(m),
    totalText: a.total(present, expected),
    parties,
    // The shared card asks Teams to refresh it per user; a personal view never does.
    refresh: !viewer,
    refreshUserIds: userIds,
    canMark: form,
    // A large group's pickers list no one and let Teams search as the leader types (member-picker.ts).
    memberChoices: members.choices,
    memberSearch: members.search,
    statusChoices: form ? ATTENDANCE_STATUSES.map((s) => ({ title: a.statusChoices[s], value: s })) : [],
    itemChoices: form ? m.items.map((item, i) => ({ title: `${itemNumber(m, i)} ${item.title}`, value: item.id })) : [],
  };
}

/** The check-in card: shared (no viewer) in the channel, or one person's view (their status, and the form for leaders). */
export function attendanceCard(view: AttendanceView, m: Meeting, viewer?: Viewer, message = ''): CardJson {
  // A personal view carries no `refresh` (renderCard drops the null a false `$when` leaves): an invoke
  // answer with one would make teams-ai replace the card for everyone (REPLACE_FOR_ALL).
  return renderCard('attendance', attendanceCardData(view, m, viewer, message));
}
