import type { Application, TurnState } from '@microsoft/teams-ai';
import { parsePeriod } from './domain/attendance-period.js';
import { attendanceStats, HELD_STATUSES, type AttendanceStats, type Period } from './domain/attendance.js';
import { findMember, hasRole, type Group } from '../groups/domain/group.js';
import { formatDate, stockholmDate } from '../shared/swedish-date.js';
import type { Texts } from '../i18n/texts.js';
import { LINK_DAYS } from './attendance-links.js';
import type { Deps } from '../bot/deps.js';
import { cmd, commandArgs } from '../bot/command.js';
import { domainErrorText, type GroupTurn } from '../bot/group-turn.js';
import { onCommand, type Answer, type Heard } from '../bot/listen.js';
import { renderCard, type CardJson } from '../bot/render-card.js';

/** `närvaro [från] [till]` / `attendance [from] [to]`: statistics per party and person against the target. */
export const ATTENDANCE = cmd(['närvaro', 'attendance'], { args: 'optional' });

const day = (iso: string) => stockholmDate(new Date(iso));

export interface GroupStats {
  group: Group;
  stats: AttendanceStats;
}

export function statsCardData(texts: Texts, period: Period, all: GroupStats[], csvUrl: string, acrossGroups: boolean) {
  const a = texts.attendance;
  return {
    t: a,
    heading: acrossGroups ? a.statsTitleAll : a.statsTitle(all[0]?.group.name ?? ''),
    periodText: a.period(period.from ? formatDate(period.from) : '', period.to ? formatDate(period.to) : ''),
    groups: all.map(({ group, stats }) => ({
      name: group.name,
      showName: acrossGroups,
      targetText: a.targetText(stats.targetPercent),
      meetingsText: stats.meetings.length ? a.meetingsHeld(stats.meetings.length) : a.noMeetings,
      hasMeetings: stats.meetings.length > 0,
      parties: stats.parties.map((p) => ({
        line: a.partyStat(p.organisation ?? a.noParty, p.attended, p.called, a.percent(p.percent)),
        verdict: p.meetsTarget ? a.meets : a.misses,
        // Colour repeats what the words say; it never carries the meaning alone.
        color: p.meetsTarget ? 'Good' : 'Warning',
      })),
      people: stats.people.map((p) => ({ line: a.personStat(p.name, p.organisation ?? '', p.attended, p.called, a.percent(p.percent)) + (p.excused ? a.excusedCount(p.excused) : '') })),
    })),
    csvUrl,
    csvNote: a.csvNote(LINK_DAYS),
  };
}

export function statsCard(texts: Texts, period: Period, all: GroupStats[], csvUrl: string, acrossGroups: boolean): CardJson {
  return renderCard('attendance-stats', statsCardData(texts, period, all, csvUrl, acrossGroups));
}

/**
 * The groups whose statistics this person sees: this group, and when they are förbund office staff
 * (kansli) here, every group of the tenant where they are kansli too.
 */
async function groupsInView(deps: Deps, turn: GroupTurn): Promise<{ groups: Group[]; across: boolean }> {
  if (!turn.member || !hasRole(turn.group, turn.member.id, 'kansli', turn.at)) return { groups: [turn.group], across: false };
  const theirs = await deps.groups.withPerson(turn.ref.tenantId, turn.actor);
  const kansli = theirs.filter((g) => {
    const m = findMember(g, turn.actor);
    return g.groupId !== turn.group.groupId && m && hasRole(g, m.id, 'kansli', turn.at);
  });
  const groups = [turn.group, ...kansli.sort((x, y) => x.name.localeCompare(y.name, 'sv'))];
  return { groups, across: groups.length > 1 };
}

async function showStats(deps: Deps, { ctx, turn }: Heard<undefined>): Promise<Answer> {
  const period = parsePeriod(commandArgs(ctx.activity.text, ATTENDANCE), stockholmDate(turn.now));
  if (!period.ok) return period.error.code === 'PERIOD.ORDER' ? turn.texts.attendance.periodOrder : domainErrorText(turn.texts, period.error);
  const { groups, across } = await groupsInView(deps, turn);
  const all: GroupStats[] = [];
  for (const group of groups) {
    const meetings = await deps.meetings.list(group.groupId, HELD_STATUSES);
    all.push({ group, stats: attendanceStats(group, meetings, period.value, day) });
  }
  const csvUrl = deps.attendanceLinks.url({ groupIds: groups.map((g) => g.groupId), ...period.value, language: turn.language }, turn.now);
  return statsCard(turn.texts, period.value, all, csvUrl, across);
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(ATTENDANCE, onCommand(deps, { may: 'stats.view' }, (heard) => showStats(deps, heard)));
}
