import type { Overview } from './domain/overview.js';
import { goalLines } from './goal-lines.js';
import type { OfficeFile } from './office-links.js';
import { OFFICE_LINK_DAYS } from './office-links.js';
import { formatDate } from '../shared/swedish-date.js';
import type { Texts } from '../i18n/texts.js';
import { renderCard, type CardJson } from '../bot/render-card.js';

// Colour repeats what the words say ("▲ under målet"); it never carries the meaning alone.
const colour = (met: boolean) => (met ? 'Good' : 'Warning');

/** Up to this many party lines the card lists every party; past it only those under the goal (Teams' 28 KB). */
export const ALL_PARTIES_UP_TO = 24;

export function overviewCardData(texts: Texts, o: Overview, links: Record<OfficeFile, string>) {
  const t = texts.office;
  const partyLines = o.groups.reduce((n, g) => n + g.parties.length, 0) + o.insatser.reduce((n, i) => n + goalLines(texts, i.progress).length, 0);
  const all = partyLines <= ALL_PARTIES_UP_TO;
  const shown = <T extends { met: boolean }>(lines: T[]) => (all ? lines : lines.filter((l) => !l.met));
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
    insatser: o.insatser.map(({ insats, progress }) => ({
      name: insats.name,
      period: t.insatsPeriod(formatDate(insats.from), formatDate(insats.to)),
      lines: shown(goalLines(texts, progress).map((l) => ({ met: l.met, text: l.shown, verdict: l.verdict, color: colour(l.met) }))),
    })),
    linkNote: t.linkNote(OFFICE_LINK_DAYS),
    reportUrl: links['report.html'],
    excelUrl: links['report.xlsx'],
  };
}

export function overviewCard(texts: Texts, o: Overview, links: Record<OfficeFile, string>): CardJson {
  return renderCard('office-overview', overviewCardData(texts, o, links));
}
