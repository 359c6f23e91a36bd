import { attendanceStats, meetingDay, partyCounts, HELD_STATUSES } from '../../attendance/domain/attendance.js';
import { partyLine, type PartyLine } from './party-line.js';
import type { Group } from '../../groups/domain/group.js';
import type { Meeting } from '../../meetings/domain/meeting.js';
import { err, ok, type DomainError, type Result } from '../../shared/result.js';

/**
 * An insats the förbund has decided on (seed 002), with the measurable goals its application named,
 * counted from the meetings Lokus has recorded in the insats's group(s). Pure.
 */

/** Seed 002's four kinds of insatsmål. */
export type Goal =
  /** "antal möten med specifik individ närvarande med minst två parter … ska vara 60 stycken" */
  | { kind: 'meetingCount'; titleWord: string; minParties: number; target: number }
  /** "varje part ska delta på minst 85 % av kallade möten" */
  | { kind: 'attendance'; percent: number }
  /** "regelbundna träffar 4 ggr/år" */
  | { kind: 'regularMeetings'; titleWord: string; perYear: number }
  /** "”Granskning uppdrag” ska ske en gång per år" */
  | { kind: 'yearlyReview'; itemTitle: string };

export interface Insats {
  id: string;
  tenantId: string;
  name: string;
  groupIds: string[];
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  goals: Goal[];
  arendeId?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export type InsatsErrorCode = 'INSATS.NAME_MISSING' | 'INSATS.PERIOD_INVALID' | 'INSATS.NO_GOALS' | 'INSATS.GOAL_INVALID';
export type InsatsError = DomainError<InsatsErrorCode>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function newInsats(input: Omit<Insats, 'createdAt' | 'updatedAt'> & { at: string }): Result<Insats, InsatsError> {
  const name = input.name.trim();
  if (!name || name.length > 200) return err('INSATS.NAME_MISSING');
  if (!DAY.test(input.from) || !DAY.test(input.to) || input.from > input.to) return err('INSATS.PERIOD_INVALID');
  if (input.goals.length === 0) return err('INSATS.NO_GOALS');
  const bad = input.goals.some((g) =>
    (g.kind === 'meetingCount' && (!g.titleWord.trim() || g.target < 1 || g.minParties < 1)) ||
    (g.kind === 'attendance' && (g.percent < 1 || g.percent > 100)) ||
    (g.kind === 'regularMeetings' && (!g.titleWord.trim() || g.perYear < 1)) ||
    (g.kind === 'yearlyReview' && !g.itemTitle.trim()));
  if (bad) return err('INSATS.GOAL_INVALID');
  const { at, ...rest } = input;
  return ok({ ...rest, name, createdAt: at, updatedAt: at });
}

export interface GroupMeetings {
  group: Group;
  meetings: Meeting[];
}

export interface PartyProgress extends PartyLine {
  groupName: string;
}

export interface YearCount {
  year: number;
  count: number;
  met: boolean;
}

export type GoalProgress =
  | { kind: 'meetingCount'; goal: Extract<Goal, { kind: 'meetingCount' }>; count: number; met: boolean; byMonth: Array<{ month: string; count: number }> }
  | { kind: 'attendance'; goal: Extract<Goal, { kind: 'attendance' }>; parties: PartyProgress[]; met: boolean }
  | { kind: 'regularMeetings'; goal: Extract<Goal, { kind: 'regularMeetings' }>; years: YearCount[]; met: boolean }
  | { kind: 'yearlyReview'; goal: Extract<Goal, { kind: 'yearlyReview' }>; years: YearCount[]; met: boolean };

const contains = (text: string, word: string) => text.toLocaleLowerCase('sv').includes(word.trim().toLocaleLowerCase('sv'));

/** Held meetings of the insats's groups within its period (up to `today`), with their day. */
function heldInPeriod(insats: Insats, data: GroupMeetings[], today: string, day: (iso: string) => string) {
  const to = insats.to < today ? insats.to : today;
  return data.flatMap(({ group, meetings }) =>
    meetings
      .filter((m) => HELD_STATUSES.includes(m.status))
      .map((m) => ({ group, meeting: m, day: meetingDay(m, day) }))
      .filter((x) => x.day >= insats.from && x.day <= to));
}

/** The calendar years the period has reached by `today`. */
function yearsOf(insats: Insats, today: string): number[] {
  const first = Number(insats.from.slice(0, 4));
  const last = Number((insats.to < today ? insats.to : today).slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

/** Progress on every goal, counted from the recorded meetings up to `today` (YYYY-MM-DD, Stockholm). */
export function insatsProgress(insats: Insats, data: GroupMeetings[], today: string, day: (iso: string) => string): GoalProgress[] {
  const held = heldInPeriod(insats, data, today, day);
  return insats.goals.map((goal): GoalProgress => {
    switch (goal.kind) {
      case 'meetingCount': {
        const counted = held.filter(({ group, meeting }) =>
          contains(meeting.title, goal.titleWord) && partyCounts(meeting, group).filter((p) => !p.staff && p.present > 0).length >= goal.minParties);
        const months = new Map<string, number>();
        for (const { day: d } of counted) months.set(d.slice(0, 7), (months.get(d.slice(0, 7)) ?? 0) + 1);
        const byMonth = [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count }));
        return { kind: 'meetingCount', goal, count: counted.length, met: counted.length >= goal.target, byMonth };
      }
      case 'attendance': {
        const to = insats.to < today ? insats.to : today;
        const parties = data.flatMap(({ group, meetings }) => {
          const withTarget: Group = { ...group, settings: { ...group.settings, attendanceTargetPercent: goal.percent } };
          return attendanceStats(withTarget, meetings, { from: insats.from, to }, day).parties.map((p) => ({ groupName: group.name, ...partyLine(p) }));
        });
        return { kind: 'attendance', goal, parties, met: parties.every((p) => p.meetsTarget) };
      }
      case 'regularMeetings': {
        const years = yearsOf(insats, today).map((year) => {
          const count = held.filter((x) => x.day.startsWith(`${year}-`) && contains(x.meeting.title, goal.titleWord)).length;
          return { year, count, met: count >= goal.perYear };
        });
        return { kind: 'regularMeetings', goal, years, met: years.every((y) => y.met) };
      }
      case 'yearlyReview': {
        const years = yearsOf(insats, today).map((year) => {
          const count = held.filter((x) => x.day.startsWith(`${year}-`) && x.meeting.items.some((i) => !i.dropped && contains(i.title, goal.itemTitle))).length;
          return { year, count, met: count >= 1 };
        });
        return { kind: 'yearlyReview', goal, years, met: years.every((y) => y.met) };
      }
    }
  });
}
