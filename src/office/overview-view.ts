import type { Overview } from './domain/overview.js';
import { goalLines } from './goal-lines.js';
import type { OfficeFile } from './office-links.js';
import { OFFICE_LINK_DAYS } from './office-links.js';
import { formatDate } from '../shared/swedish-date.js';
import type { Texts } from '../i18n/texts.js';
import { renderCard, type CardJson } from '../bot/render-card.js';

// Colour repeats what the words say ("▲ under målet"); it never carries the meaning alone.
const colour = (met: boolean) => (met ? 'Good' : 'Warning');

/**
 * The most party and goal lines the whole card shows (Teams' 28 KB). Up to it every line; past it only
 * those under the goal, in card order until the cap, and each group and insats says how many meet it.
 */
export const CARD_GOAL_LINES = 24;

export function overviewCardData(texts: Texts, o: Overview, links: Record<OfficeFile, string>) {
  const t = texts.office;
  const insatsLines = o.insatser.map((i) => goalLines(texts, i.progress));
  const total = o.groups.reduce((n, g) => n + g.parties.length, 0) + insatsLines.reduce((n, l) => n + l.length, 0);
  const all = total <= CARD_GOAL_LINES;
  let left = CARD_GOAL_LINES;
  const shown = <T extends { met: boolean }>(lines: T[]) => {
    const picked = (all ? lines : lines.filter((l) => !l.met)).slice(0, left);
    left -= picked.length;
    return picked;
  };
  return {
    t,
    heading: t.overviewTitle(o.year),
    intro: t.overviewIntro(o.groups.length, o.insatser.length),
    attendanceChart: links['attendance.png'],
    meetingsChart: links['meetings.png'],
    groups: o.groups.map((g) => ({
      name: g.name,
      meetingsText: t.groupMeetings(g.meetingsHeld),
      targetText: t.groupTarget(g.targetPercent),
      parties: shown(g.parties.map((p) => ({ met: p.meetsTarget, line: t.partyLine(p.organisation, p.attended, p.called, t.percent(p.percent)), verdict: t.verdict(p.meetsTarget), color: colour(p.meetsTarget) }))),
      summary: all ? '' : t.partiesMeetTarget(g.parties.filter((p) => p.meetsTarget).length, g.parties.length),
      hasSummary: !all,
      statusText: t.groupStatus(g.openActions, g.overdueActions, g.approvalsWaiting, g.minutesAwaitingJustering),
    })),
    hasInsatser: o.insatser.length > 0,
    insatser: o.insatser.map(({ insats }, i) => ({
      name: insats.name,
      period: t.insatsPeriod(formatDate(insats.from), formatDate(insats.to)),
      lines: shown(insatsLines[i]!.map((l) => ({ met: l.met, text: l.shown, verdict: l.verdict, color: colour(l.met) }))),
      summary: all ? '' : t.goalsMet(insatsLines[i]!.filter((l) => l.met).length, insatsLines[i]!.length),
      hasSummary: !all && insatsLines[i]!.length > 0,
    })),
    linkNote: t.linkNote(OFFICE_LINK_DAYS),
    reportUrl: links['report.html'],
    excelUrl: links['report.xlsx'],
  };
}

export function overviewCard(texts: Texts, o: Overview, links: Record<OfficeFile, string>): CardJson {
  return renderCard('office-overview', overviewCardData(texts, o, links));
}
