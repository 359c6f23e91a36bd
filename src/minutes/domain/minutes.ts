import { effectiveAttendance } from '../../attendance/domain/attendance.js';
import type { minutes as svMinutes } from '../../i18n/sv/minutes.js';
import { isStaff, memberById, membersWithRole, rolesAt, type Group, type GroupKind, type Member } from '../../groups/domain/group.js';
import { itemNumber, type AgendaItem, type Meeting, type MinutesFormat } from '../../meetings/domain/meeting.js';
import type { LocalDate, TimeRange } from '../../shared/swedish-date.js';
import type { formal as svFormal } from '../../i18n/sv/formal.js';
import { formalItemText } from '../../formal/domain/formal-minutes.js';
import { formalActive } from '../../formal/domain/formal-body.js';
import { quorumFor } from '../../formal/domain/quorum.js';
import { formatDayMonth, formatTimeRange } from '../../shared/swedish-date.js';

/**
 * The minutes of one meeting as a structured document: what the secretary edits and the chair and
 * adjusters sign. Two formats, as the groups write them: a *protokoll* (seed 003: § items, "Vid
 * protokollet", "Justeras") and *minnesanteckningar* (seeds 000, 001, 004: numbered items, present
 * and absent with organisation, next meeting, secretary). Rendering to text, HTML and Word reads only
 * this document, so what is signed is exactly what is exported.
 */

export type MinutesLabels = (typeof svMinutes)['document'];
export type MinutesLanguage = 'sv' | 'en';

export interface MinutesPerson {
  memberId?: string;
  name: string;
  /** Organisation (minnesanteckningar) or role ("ordf", "1:e v ordf"), or both missing. */
  label?: string;
  /** Partial presence as written: "§1-4". */
  items?: string;
  /** Absent with notice ("anmält förhinder"). */
  excused?: boolean;
  /** The name of whom a substitute stands in for. */
  substituteFor?: string;
}

export interface MinutesDecision {
  /** The lead sentence ("Arbetsutskottet beslutade att ge …"), without the att-satser lines. */
  text: string;
  attSatser: string[];
}

export interface MinutesAction {
  owner: string;
  text: string;
  due?: LocalDate;
}

export interface MinutesItem {
  /** The agenda item it was drafted from (absent for an item the secretary added). */
  itemId?: string;
  /** "§3" or "3". */
  number: string;
  title: string;
  /** Free text paragraphs (notes, edited by the secretary). */
  paragraphs: string[];
  decisions: MinutesDecision[];
  actions: MinutesAction[];
  /** A formal protokoll's blocks after the decision: reservations, protokollsanteckningar, "Paragrafen justeras omedelbart" (issue 26). */
  closing?: string[];
  /** Justerad omedelbart at the meeting: the § may no longer be edited (issue 26). */
  adjusted?: { at: string; sha256: string; signedBy: string[] };
  dropped?: boolean;
}

export interface MinutesSignatory {
  memberId?: string;
  name: string;
  /** "Ordförande", "2:e vice ordförande", "Justerare". */
  title: string;
  role: 'chair' | 'adjuster';
}

export interface MinutesHeader {
  /** The whole heading when the secretary rewrote it ("Protokoll lokusmöte Tierp"); else built from the title. */
  heading?: string;
  /** The meeting as named in the heading: "planeringsdag med arbetsutskottet", "lokusmöte Tierp". */
  title: string;
  date?: LocalDate;
  time?: TimeRange;
  place?: string;
}

export interface MinutesDocument {
  format: MinutesFormat;
  language: MinutesLanguage;
  /** The kind of group (body) that met: a förbundsstyrelse lists "Närvarande ledamöter". */
  kind?: GroupKind;
  header: MinutesHeader;
  /** The parties' representatives present (in a protokoll: the members, without serving substitutes). */
  present: MinutesPerson[];
  /** Protokoll: substitutes serving in place of an absent member ("Tjänstgörande ersättare"). */
  substitutes?: MinutesPerson[];
  /** Förbund staff and others present who are not a party ("Övriga närvarande"), with title where known. */
  others?: MinutesPerson[];
  absent: MinutesPerson[];
  items: MinutesItem[];
  /** Minnesanteckningar: the "Nästa möte" text. */
  nextMeeting?: string;
  secretary?: { memberId?: string; name: string; title: string };
  /** Who signs (justering): the chair first, then the adjusters; a protokoll prints them under "Justeras". */
  signatories: MinutesSignatory[];
}

export interface DraftInput {
  meeting: Meeting;
  group: Group;
  language: MinutesLanguage;
  labels: MinutesLabels;
  /** The group's next planned meeting, for "Nästa möte" when nothing was noted under that item. */
  next?: Pick<Meeting, 'date' | 'time' | 'place' | 'room' | 'notice'>;
  /** A formal body's wording (jäv, yrkanden, omröstning, reservation; issue 26). */
  formal?: typeof svFormal;
}

/** Whose roles apply: when the meeting started (else when it was planned for, else created). */
function rolesMoment(m: Meeting): string {
  return m.startedAt ?? (m.date ? `${m.date}T12:00:00.000Z` : m.createdAt);
}

/** "ordf", "1:e v ordf" (several vice chairs are numbered in roster order), else undefined. */
function roleLabel(group: Group, member: Member, at: string, labels: MinutesLabels, long: boolean): string | undefined {
  const roles = rolesAt(group, member.id, at);
  if (roles.includes('chair')) return long ? labels.chair : labels.chairShort;
  if (roles.includes('viceChair')) {
    const vices = membersWithRole(group, 'viceChair', at);
    const n = vices.length > 1 ? vices.findIndex((v) => v.id === member.id) + 1 : undefined;
    return long ? labels.viceChair(n) : labels.viceChairShort(n);
  }
  return undefined;
}

function personOf(group: Group, member: Member, m: Meeting, input: DraftInput, staff = false): MinutesPerson {
  const mark = m.attendance[member.id];
  // Staff by their title where known ("Ola Wiktorson, förbundschef"), else their organisation.
  const label = staff
    ? (member.title ?? member.organisation)
    : m.format === 'protokoll' ? (roleLabel(group, member, rolesMoment(m), input.labels, false) ?? member.organisation) : member.organisation;
  const sub = mark?.status === 'substitute' ? memberById(group, mark.substituteFor)?.name : undefined;
  return {
    memberId: member.id,
    name: member.name,
    ...(label ? { label } : {}),
    ...(mark?.status === 'partial' && mark.items ? { items: mark.items } : {}),
    ...(mark?.status === 'excused' ? { excused: true } : {}),
    ...(sub ? { substituteFor: sub } : {}),
  };
}

const PRESENT_STATUSES: ReadonlySet<string> = new Set(['present', 'partial', 'substitute']);

interface AttendanceLists {
  present: MinutesPerson[];
  substitutes: MinutesPerson[];
  others: MinutesPerson[];
  absent: MinutesPerson[];
}

/**
 * Present and absent, in roster order. With any attendance recorded (marks, or Teams meeting joins,
 * where a mark wins), that decides and members with none are absent; with nothing recorded at all,
 * every member is drafted as present for the secretary to correct. In a protokoll the secretary has
 * their own line and is not listed, and a substitute serving for an absent member is listed under
 * "Tjänstgörande ersättare". Förbund staff (kansli) are no party: those present are "Övriga
 * närvarande", those not there are not listed as absent.
 */
function attendanceLists(input: DraftInput): AttendanceLists {
  const { meeting: m, group } = input;
  const effective = new Map(effectiveAttendance(m, group).map((e) => [e.member.id, e]));
  const marked = Object.keys(m.attendance).length > 0 || [...effective.values()].some((e) => e.status !== 'none');
  const at = rolesMoment(m);
  const members = group.members.filter((x) => x.id in m.attendance || ((!x.removedAt || x.removedAt > at) && x.addedAt <= (m.endedAt ?? at)));
  const protokoll = m.format === 'protokoll';
  const listed = protokoll ? members.filter((x) => x.id !== m.secretaryId) : members;
  const lists: AttendanceLists = { present: [], substitutes: [], others: [], absent: [] };
  // Issue 26: a formal body's ersättare serve for absent ledamöter (by quorum, item by item); one
  // who did not serve is no ledamot missing, so is listed as present with the others or not at all.
  const formal = m.formal && formalActive(group) ? formalServing(m, group) : undefined;
  for (const member of listed) {
    if (formal?.ersattare.has(member.id)) {
      const forId = formal.serving.get(member.id);
      const status = effective.get(member.id)?.status;
      if (forId !== undefined) lists.substitutes.push({ ...personOf(group, member, m, input), ...(memberById(group, forId) ? { substituteFor: memberById(group, forId)!.name } : {}) });
      else if (PRESENT_STATUSES.has(m.attendance[member.id]?.status ?? status ?? '')) lists.others.push(personOf(group, member, m, input));
      continue;
    }
    const e = effective.get(member.id);
    const status = m.attendance[member.id]?.status ?? e?.status;
    const isPresent = marked ? PRESENT_STATUSES.has(status ?? '') : true;
    const staff = e?.staff ?? isStaff(group, member, at);
    if (staff) {
      if (isPresent) lists.others.push(personOf(group, member, m, input, true));
      continue;
    }
    const person = personOf(group, member, m, input);
    if (!isPresent) lists.absent.push(person);
    else if (protokoll && status === 'substitute') lists.substitutes.push(person);
    else lists.present.push(person);
  }
  return lists;
}

/** The ersättare of a formal body, and for whom each served (at any item). */
function formalServing(m: Meeting, group: Group): { ersattare: Set<string>; serving: Map<string, string> } {
  const serving = new Map<string, string>();
  for (const item of m.items) for (const s of quorumFor(m, group, item.id).serving) if (!serving.has(s.member.id)) serving.set(s.member.id, s.forMemberId ?? '');
  return { ersattare: new Set(group.formal?.ersattare ?? []), serving };
}

/**
 * The meeting as its heading names it: the group's own words for its meeting when it kept the
 * default title ("förbundsstyrelsens sammanträde", "Strategiska utvecklingsgruppens möte",
 * "lokusmöte Tierp"), else the title as the chair wrote it ("planeringsdag med arbetsutskottet").
 */
export function headingSubject(m: Pick<Meeting, 'title'>, group: Pick<Group, 'kind' | 'name'>, labels: MinutesLabels): string {
  const subject = labels.subject[group.kind](group.name);
  const title = m.title.trim();
  const same = (a: string) => a.localeCompare(title, 'sv', { sensitivity: 'accent' }) === 0;
  return same(subject) || same(labels.formerTitle[group.kind](group.name)) ? subject : title;
}

const ATT = /^(?:[-–•*]\s*|\d+[.)]\s*)?att\s/iu;

function decisionOf(text: string, attSatser: string[]): MinutesDecision {
  const lead = attSatser.length ? text.split('\n').filter((l) => !ATT.test(l.trim())).join('\n').trim() : text.trim();
  return { text: lead, attSatser: [...attSatser] };
}

/** "16 mars 2018 kl. 13.00–15.00, Regionens hus, Aspnäs" from the next planned meeting. */
/**
 * "16 mars kl. 13.00–15.00, Regionens hus, lokal Aspnäs (Obs! Byte av dag och tid mot tidigare
 * planering)": the next meeting's date, time and place, and, as seed 000 notes it, that it was moved
 * after its notice went out.
 */
function nextMeetingText(next: NonNullable<DraftInput['next']>, language: MinutesLanguage, labels: MinutesLabels, after: Meeting): string | undefined {
  const when = [next.date ? formatDayMonth(next.date, language, after.date) : undefined, formatTimeRange(next.time, language)].filter(Boolean).join(' ');
  const where = next.place && next.room ? labels.placeWithRoom(next.place, next.room) : (next.place ?? next.room);
  const text = [when, where].filter(Boolean).join(', ');
  const what = (next.notice?.changed?.what ?? []).map((w) => labels.changeWords[w]);
  const moved = what.length ? ` ${labels.moved(what.length > 1 ? `${what.slice(0, -1).join(', ')} ${labels.and} ${what.at(-1)}` : what[0]!)}` : '';
  return text ? `${text}${moved}` : undefined;
}

function itemOf(m: Meeting, item: AgendaItem, index: number, input?: DraftInput): MinutesItem {
  const formal = input?.formal && m.formal ? formalItemText(m, input.group, item.id, input.formal.minutes, input.formal.body[input.group.kind]) : { before: [], after: [] };
  const paragraphs = [...(item.text ? [item.text] : []), ...m.notes.filter((n) => n.itemId === item.id).map((n) => n.text), ...formal.before];
  return {
    itemId: item.id,
    number: itemNumber(m, index),
    title: item.title,
    paragraphs,
    decisions: m.decisions.filter((d) => d.itemId === item.id).map((d) => decisionOf(d.text, d.attSatser)),
    actions: m.actionItems.filter((a) => a.itemId === item.id).map((a) => ({ owner: a.ownerName, text: a.text, ...(a.due ? { due: a.due } : {}) })),
    ...(formal.after.length ? { closing: formal.after } : {}),
    ...(m.formal?.immediate[item.id] ? { adjusted: { at: m.formal.immediate[item.id]!.at, sha256: m.formal.immediate[item.id]!.sha256, signedBy: m.formal.immediate[item.id]!.signedBy } } : {}),
    ...(item.dropped ? { dropped: true } : {}),
  };
}

/**
 * Drafts the minutes from the meeting record: header, present/absent, one item per agenda item with
 * its notes, decisions and action items, next meeting, secretary and (protokoll) the justering
 * block with the chair and the adjusters. Pure; the same record always gives the same draft.
 */
export function draftMinutes(input: DraftInput): MinutesDocument {
  const { meeting: m, group, labels } = input;
  const at = rolesMoment(m);
  const { present, substitutes, others, absent } = attendanceLists(input);
  const nextItem = m.format === 'minnesanteckningar' ? m.items.find((i) => i.standing === 'nextMeeting') : undefined;
  const items = m.items.map((item, index) => ({ item, index })).filter(({ item }) => item !== nextItem).map(({ item, index }) => itemOf(m, item, index, input));
  let nextMeeting: string | undefined;
  if (nextItem) {
    const noted = itemOf(m, nextItem, 0);
    const lines = [...noted.paragraphs, ...noted.decisions.map((d) => d.text)];
    nextMeeting = lines.length ? lines.join('\n') : input.next ? nextMeetingText(input.next, input.language, labels, m) : undefined;
  }
  const secretary = memberById(group, m.secretaryId);
  const chair = memberById(group, m.chairId);
  const signatories: MinutesSignatory[] = [];
  if (chair) signatories.push({ memberId: chair.id, name: chair.name, title: roleLabel(group, chair, at, labels, true) ?? labels.chair, role: 'chair' });
  for (const id of m.adjusterIds) {
    const adj = memberById(group, id);
    if (!adj || adj.id === chair?.id) continue;
    signatories.push({ memberId: adj.id, name: adj.name, title: roleLabel(group, adj, at, labels, true) ?? labels.adjuster, role: 'adjuster' });
  }
  return {
    format: m.format,
    language: input.language,
    kind: group.kind,
    header: { title: headingSubject(m, group, labels), ...(m.date ? { date: m.date } : {}), ...(m.time ? { time: m.time } : {}), ...(placeOf(m) ? { place: placeOf(m) } : {}) },
    present,
    ...(substitutes.length ? { substitutes } : {}),
    ...(others.length ? { others } : {}),
    absent,
    items,
    ...(nextMeeting ? { nextMeeting } : {}),
    // Under "Vid protokollet" the secretary's own title where known (seed 003: "Förbundssekreterare").
    ...(secretary ? { secretary: { memberId: secretary.id, name: secretary.name, title: secretary.title && m.format === 'protokoll' ? capitalised(secretary.title) : labels.secretary } } : {}),
    signatories,
  };
}

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase('sv') + s.slice(1);

function placeOf(m: Meeting): string | undefined {
  return [m.place, m.room].filter(Boolean).join(', ') || undefined;
}
