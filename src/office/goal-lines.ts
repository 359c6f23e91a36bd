import type { GoalProgress } from './domain/insats.js';
import type { Texts } from '../i18n/texts.js';

export interface GoalLine {
  goal: string;
  progress: string;
  /** What the card shows on one line: the goal with its count, or (attendance) the party's line. */
  shown: string;
  met: boolean;
  /** "✓ når målet" / "▲ under målet": the verdict in words, whatever colour shows it. */
  verdict: string;
}

/** Each goal's progress as lines a person reads (the card, the report page and the Excel file alike). */
export function goalLines(texts: Texts, progress: GoalProgress[]): GoalLine[] {
  const o = texts.office;
  const line = (goal: string, progressText: string, met: boolean, shown = goal): GoalLine => ({ goal, progress: progressText, shown, met, verdict: o.verdict(met) });
  return progress.flatMap((p): GoalLine[] => {
    switch (p.kind) {
      case 'meetingCount':
        return [line(o.goals.meetingCount(p.goal.titleWord, p.goal.minParties, p.count, p.goal.target), `${p.count} / ${p.goal.target}`, p.met)];
      case 'attendance':
        return p.parties.map((x) => {
          const party = o.goals.attendanceParty(x.groupName, x.organisation, x.attended, x.called, o.percent(x.percent));
          return line(o.goals.attendanceHeader(p.goal.percent), party, x.meetsTarget, `${party} (${o.goals.attendanceHeader(p.goal.percent).toLocaleLowerCase()})`);
        });
      case 'regularMeetings':
        return p.years.map((y) => line(o.goals.regularYear(p.goal.titleWord, y.year, y.count, p.goal.perYear), `${y.count} / ${p.goal.perYear}`, y.met));
      case 'yearlyReview':
        return p.years.map((y) => line(o.goals.reviewYear(p.goal.itemTitle, y.year, y.met), `${y.count}`, y.met));
    }
  });
}
