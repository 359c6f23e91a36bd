import { activeMembers, type Group } from '../groups/domain/group.js';
import { FOLLOW_UP_STATUSES, type Meeting } from '../meetings/domain/meeting.js';
import { meetingDate, type ActionEntry, type DecisionLogEntry, type LogFilter, type Page } from './domain/follow-up.js';
import type { Texts } from '../i18n/texts.js';
import { renderCard, type CardJson } from '../bot/render-card.js';
import { memberPicker } from '../groups/member-picker.js';

type T = Texts['followUp'];

/** What a decision-log card was asked for; carried in its buttons so paging keeps the filter. */
export interface LogQuery extends LogFilter {
  page: number;
}

export interface LogCardInput {
  heading: string;
  page: Page<DecisionLogEntry>;
  query: LogQuery;
  /** The group's meetings for the meeting filter (none in the cross-group view). */
  meetings: Meeting[];
  /** Group names by id, shown per entry in the cross-group view. */
  groupNames?: Record<string, string>;
  /** The group's members as choices for a follow-up's responsible person (only for those who may set it). */
  group?: Group;
  mayFollowUp: (e: DecisionLogEntry) => boolean;
  message?: string;
}

function statusChoices(t: T) {
  return FOLLOW_UP_STATUSES.map((s) => ({ title: t.statuses[s], value: s }));
}

export function decisionLogCard(t: T, input: LogCardInput): CardJson {
  return renderCard('decision-log', decisionLogCardData(t, input));
}

export function decisionLogCardData(t: T, input: LogCardInput) {
  const { page, query } = input;
  const filterData = { query: query.query ?? '', from: query.from ?? '', to: query.to ?? '', meetingId: query.meetingId ?? '' };
  const filtered = !!(query.query || query.from || query.to || query.meetingId);
  const members = input.group ? memberPicker(activeMembers(input.group), [], (m) => m.name) : { choices: [], search: false };
  const memberChoices = members.choices;
  return {
    t,
    heading: input.heading,
    message: input.message ?? '',
    summary: page.total === 0 ? (filtered ? t.logEmptyFilter : t.logEmpty) : t.logSummary(page.total, page.page + 1, page.pages),
    filter: filterData,
    hasMeetingFilter: input.meetings.length > 0,
    // "Alla möten" is the list's placeholder (no choice may have an empty value).
    meetingChoices: [...input.meetings]
      .filter((m) => m.decisions.length > 0)
      .sort((a, b) => (meetingDate(b) ?? '').localeCompare(meetingDate(a) ?? ''))
      .map((m) => ({ title: `${meetingDate(m) ?? ''} ${m.title}`.trim(), value: m.id })),
    entries: page.entries.map((e) => ({
      decisionId: e.decisionId,
      meetingId: e.meetingId,
      groupId: e.groupId,
      header: t.entryHeader(e.date ?? t.noDate, e.meetingTitle, e.number, e.itemTitle),
      groupText: input.groupNames ? t.groupLine(input.groupNames[e.groupId] ?? '') : '',
      text: e.text,
      responsible: e.responsibleName ?? t.noResponsible,
      followUpDate: e.followUpDate ?? t.noDate,
      status: e.status ? t.statuses[e.status] : t.noFollowUp,
      minutesHint: e.date ? t.minutesHint(e.date) : '',
      showMeeting: !query.meetingId && !input.groupNames,
    })),
    page: page.page,
    hasFollowUp: page.entries.some(input.mayFollowUp),
    followUpChoices: page.entries.filter(input.mayFollowUp).map((e) => ({ title: t.followUpChoice(e.date ?? t.noDate, e.number, e.text), value: `${e.groupId}|${e.meetingId}|${e.decisionId}` })),
    memberChoices,
    hasMemberChoices: memberChoices.length > 0 || members.search,
    memberSearch: members.search,
    statusChoices: statusChoices(t),
    hasPrevious: page.page > 0,
    hasNext: page.page + 1 < page.pages,
    previousPage: page.page - 1,
    nextPage: page.page + 1,
  };
}

export interface ActionCardInput {
  heading: string;
  entries: ActionEntry[];
  empty: string;
  /** Group names by id (the personal "mina uppdrag" list spans groups). */
  groupNames?: Record<string, string>;
  message?: string;
  /** For leaders in the group's list: the reminder setting. */
  reminderDays?: number;
  /** A second list (the kansli's overdue items of their groups). */
  overdue?: { heading: string; entries: ActionEntry[] };
  /** Where the card is: 'group' (channel list) or 'mine' (personal chat). */
  scope: 'group' | 'mine';
}

function actionRows(t: T, entries: ActionEntry[], input: ActionCardInput) {
  return entries.map((e) => ({
    actionId: e.actionId,
    meetingId: e.meetingId,
    groupId: e.groupId,
    line: t.actionLine(e.ownerName, e.text),
    dueText: e.due ? (e.overdue ? t.overdue(e.due) : t.due(e.due)) : t.noDue,
    overdue: e.overdue,
    source: t.source(e.meetingTitle, e.meetingDate ?? t.noDate),
    groupText: input.groupNames ? t.groupLine(input.groupNames[e.groupId] ?? '') : '',
    dueValue: e.due ?? '',
  }));
}

export function actionListCard(t: T, input: ActionCardInput): CardJson {
  return renderCard('action-list', actionListCardData(t, input));
}

export function actionListCardData(t: T, input: ActionCardInput) {
  return {
    t,
    heading: input.heading,
    message: input.message ?? '',
    scope: input.scope,
    hasEntries: input.entries.length > 0,
    empty: input.empty,
    entries: actionRows(t, input.entries, input),
    hasOverdue: !!input.overdue,
    overdueHeading: input.overdue?.heading ?? '',
    overdueEntries: input.overdue ? actionRows(t, input.overdue.entries, input) : [],
    overdueEmpty: t.noOverdue,
    showSettings: input.reminderDays !== undefined,
    reminderDays: String(input.reminderDays ?? ''),
    dayChoices: [0, 1, 2, 3, 5, 7, 14].map((d) => ({ title: t.dayChoice(d), value: String(d) })),
  };
}

/** The personal reminder: the item, its due date, and Klart / Nytt datum. */
export function actionReminderCard(t: T, e: ActionEntry, kind: 'before' | 'due' | 'answer', groupName: string, message = '', open = true): CardJson {
  return renderCard('action-reminder', actionReminderCardData(t, e, kind, groupName, message, open));
}

export function actionReminderCardData(t: T, e: ActionEntry, kind: 'before' | 'due' | 'answer', groupName: string, message = '', open = true) {
  return {
    t,
    heading: kind === 'due' ? t.reminderDueHeading : kind === 'before' ? t.reminderBeforeHeading : t.reminderAnswerHeading,
    message,
    text: e.text,
    dueText: e.due ? t.due(e.due) : t.noDue,
    source: t.source(e.meetingTitle, e.meetingDate ?? t.noDate),
    groupText: t.groupLine(groupName),
    actionId: e.actionId,
    meetingId: e.meetingId,
    groupId: e.groupId,
    dueValue: e.due ?? '',
    open,
  };
}
