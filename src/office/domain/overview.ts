import { attendanceStats, meetingDay, HELD_STATUSES } from '../../attendance/domain/attendance.js';
import type { Group, GroupKind } from '../../groups/domain/group.js';
import type { Meeting } from '../../meetings/domain/meeting.js';
import type { GoalProgress, Insats } from './insats.js';
import { partyLine, type PartyLine } from './party-line.js';

/**
 * The office's overview of its förbund (issue 27): per group, the year's meetings month by month,
 * attendance per party against the group's target, open and overdue action items, approvals
 * waiting and minutes not yet justerade; per insats, its goals' progress. Pure.
 */

export type { PartyLine } from './party-line.js';

export interface GroupOverview {
  groupId: string;
  name: string;
  kind: GroupKind;
  targetPercent: number;
  meetingsHeld: number;
  /** "2018-01" … "2018-12" with the number of meetings held that month. */
  byMonth: Array<{ month: string; count: number }>;
  parties: PartyLine[];
  openActions: number;
  overdueActions: number;
  approvalsWaiting: number;
  minutesAwaitingJustering: number;
}

export interface InsatsOverview {
  insats: Insats;
  progress: GoalProgress[];
}

export interface Overview {
  year: number;
  groups: GroupOverview[];
  insatser: InsatsOverview[];
}

export interface GroupData {
  group: Group;
  meetings: Meeting[];
  approvalsWaiting: number;
  minutesAwaitingJustering: number;
}

export function groupOverview(d: GroupData, year: number, today: string, day: (iso: string) => string): GroupOverview {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const stats = attendanceStats(d.group, d.meetings, period, day);
  const byMonth = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    return { month, count: stats.meetings.filter((m) => meetingDay(m, day).startsWith(month)).length };
  });
  const actions = d.meetings.filter((m) => HELD_STATUSES.includes(m.status)).flatMap((m) => m.actionItems).filter((a) => a.status === 'open');
  return {
    groupId: d.group.groupId,
    name: d.group.name,
    kind: d.group.kind,
    targetPercent: stats.targetPercent,
    meetingsHeld: stats.meetings.length,
    byMonth,
    parties: stats.parties.map(partyLine),
    openActions: actions.length,
    overdueActions: actions.filter((a) => a.due !== undefined && a.due < today).length,
    approvalsWaiting: d.approvalsWaiting,
    minutesAwaitingJustering: d.minutesAwaitingJustering,
  };
}
