import type { Overview } from './domain/overview.js';
import { goalLines } from './goal-lines.js';
import type { Language, Texts } from '../i18n/texts.js';
import { escapeHtml } from '../shared/escape-html.js';

const esc = (s: string | number) => escapeHtml(String(s));

function table(headers: string[], rows: Array<Array<string | number>>, rowClass?: (i: number) => string): string {
  const head = `<tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r, i) => `<tr${rowClass?.(i) ? ` class="${rowClass(i)}"` : ''}>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The printable report page: the same charts (inline SVG) and tables as the card and the Excel file. */
export function reportHtml(texts: Texts, language: Language, o: Overview, charts: { attendance: string; meetings: string }, generatedAt: string): string {
  const r = texts.office.report;
  const c = r.columns;
  const parties = o.groups.flatMap((g) => g.parties.map((p) => ({ g, p })));
  // Months down, groups across: a year fits on a page.
  const months = (o.groups[0]?.byMonth ?? []).map((m, i) => [m.month, ...o.groups.map((g) => g.byMonth[i]?.count ?? 0)]);
  const goals = o.insatser.flatMap(({ insats, progress }) => goalLines(texts, progress).map((l) => ({ insats: insats.name, l })));
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${esc(texts.office.overviewTitle(o.year))}</title>
<style>
  body { font-family: "Segoe UI", "DejaVu Sans", sans-serif; margin: 2rem; color: #1a1a1a; max-width: 60rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
  .generated { color: #555; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
  th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f0f0f0; }
  tr.below td { background: #fff4e0; }
  figure { margin: .5rem 0 1rem; }
  figure svg { max-width: 100%; height: auto; }
  @media print { body { margin: 0; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${esc(texts.office.overviewTitle(o.year))}</h1>
<p class="generated">${esc(r.generated(generatedAt))}</p>
<h2>${esc(r.groupsHeader)}</h2>
${table([c.group, c.kind, c.held, c.open, c.overdue, c.approvals, c.minutes], o.groups.map((g) => [g.name, texts.group.kinds[g.kind], g.meetingsHeld, g.openActions, g.overdueActions, g.approvalsWaiting, g.minutesAwaitingJustering]))}
<h2>${esc(r.attendanceHeader)}</h2>
<figure role="img" aria-label="${esc(texts.office.attendanceChartAlt)}">${charts.attendance}</figure>
${table([c.group, c.party, c.called, c.attended, c.percent, c.target, c.verdict], parties.map(({ g, p }) => [g.name, p.organisation, p.called, p.attended, texts.office.percent(p.percent), g.targetPercent, texts.office.verdict(p.meetsTarget)]), (i) => (parties[i]!.p.meetsTarget ? '' : 'below'))}
<h2>${esc(r.meetingsHeader)}</h2>
<figure role="img" aria-label="${esc(texts.office.meetingsChartAlt)}">${charts.meetings}</figure>
${table([c.month, ...o.groups.map((g) => g.name)], months)}
<h2>${esc(r.insatserHeader)}</h2>
${table([c.insats, c.goal, c.progress, c.verdict], goals.map(({ insats, l }) => [insats, l.goal, l.progress, l.verdict]), (i) => (goals[i]!.l.met ? '' : 'below'))}
</body>
</html>
`;
}
