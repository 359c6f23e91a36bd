import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Overview } from './domain/overview.js';
import type { Texts } from '../i18n/texts.js';

/**
 * The overview's bar charts, drawn on the server with Vega-Lite (SVG, no browser, no native build)
 * and turned into PNG for the card image with resvg (a prebuilt binary from npm). The report page
 * embeds the same SVG. Bars below the goal are a different colour and say so in the legend and the
 * bar's label, so the colour never carries the meaning alone.
 */

const FONT = 'DejaVu Sans';
/** The font comes with the package (dejavu-fonts-ttf), not from the machine: a slim container has none. */
const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(FONT_DIR, f));
// Large enough to read when Teams shrinks the image to the card's width.
const config = { font: FONT, background: 'white', title: { fontSize: 17, subtitleFontSize: 14 }, axis: { labelFontSize: 14, titleFontSize: 14 }, legend: { labelFontSize: 14, symbolSize: 160 }, header: { labelFontSize: 15 } };

export function attendanceChartSpec(o: Overview, texts: Texts): TopLevelSpec {
  const t = texts.office;
  const values = o.groups.flatMap((g) =>
    g.parties.map((p) => ({
      group: g.name,
      party: p.organisation,
      percent: p.percent ?? 0,
      target: g.targetPercent,
      verdict: p.meetsTarget ? t.met : t.belowGoal,
      label: `${t.percent(p.percent)}${p.meetsTarget ? '' : ` ${t.belowGoal}`}`,
      // The label starts past the bar and past the goal mark, so neither covers it.
      labelAt: Math.max(p.percent ?? 0, p.meetsTarget ? 0 : g.targetPercent),
    })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: t.report.chartAttendanceTitle, subtitle: t.report.chartAttendanceSubtitle, anchor: 'start' },
    config,
    data: { values },
    // One panel per group, its name above it; the parties within it.
    facet: { row: { field: 'group', type: 'nominal', sort: null, title: null, header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold' } } },
    resolve: { scale: { y: 'independent' } },
    spacing: 14,
    spec: {
      width: 300,
      height: { step: 26 },
      encoding: { y: { field: 'party', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } } },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            x: { field: 'percent', type: 'quantitative', title: t.report.chartPercent, scale: { domain: [0, 100] } },
            color: { field: 'verdict', type: 'nominal', title: null, scale: { domain: [t.met, t.belowGoal], range: ['#2e7d32', '#c77700'] }, legend: { orient: 'bottom', labelLimit: 0 } },
          },
        },
        { mark: { type: 'tick', color: '#1a1a1a', thickness: 3, size: 24 }, encoding: { x: { field: 'target', type: 'quantitative' } } },
        { mark: { type: 'text', align: 'left', dx: 5, fontSize: 13 }, encoding: { x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'label' } } },
      ],
    },
  } as TopLevelSpec;
}

/** The monthly goal: each insats's meeting goal spread over the months of its period. */
export function monthlyGoal(o: Overview): number | undefined {
  let goal = 0;
  for (const { insats } of o.insatser) {
    const months = (Number(insats.to.slice(0, 4)) - Number(insats.from.slice(0, 4))) * 12 + Number(insats.to.slice(5, 7)) - Number(insats.from.slice(5, 7)) + 1;
    for (const g of insats.goals) if (g.kind === 'meetingCount') goal += g.target / months;
  }
  return goal > 0 ? Math.round(goal * 10) / 10 : undefined;
}

export function meetingsChartSpec(o: Overview, texts: Texts): TopLevelSpec {
  const t = texts.office.report;
  const monthsOfYear = Array.from({ length: 12 }, (_, i) => `${o.year}-${String(i + 1).padStart(2, '0')}`);
  // With an insats that counts meetings, the bars are the meetings its goal counts (so the line
  // compares like with like); otherwise every group's held meetings.
  const counted = o.insatser.flatMap(({ insats, progress }) => progress.flatMap((p) => (p.kind === 'meetingCount' ? [{ insats, p }] : [])));
  const values = counted.length
    ? counted.flatMap(({ insats, p }) => monthsOfYear.map((month) => ({ month, series: `${insats.name} (${p.kind === 'meetingCount' ? p.goal.titleWord : ''})`, count: p.kind === 'meetingCount' ? (p.byMonth.find((m) => m.month === month)?.count ?? 0) : 0 })))
    : o.groups.flatMap((g) => g.byMonth.map((m) => ({ month: m.month, series: g.name, count: m.count })));
  const goal = counted.length ? monthlyGoal(o) : undefined;
  const words = [...new Set(counted.map(({ p }) => (p.kind === 'meetingCount' ? p.goal.titleWord : '')))].join(', ');
  const label = goal !== undefined ? t.chartGoalPerMonth(goal) : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: counted.length ? t.chartGoalMeetingsTitle(words) : t.chartMeetingsTitle, anchor: 'start' },
    width: 420,
    height: 220,
    config,
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'month', type: 'ordinal', title: t.chartMonth },
          y: { aggregate: 'sum', field: 'count', type: 'quantitative', title: t.chartMeetings, axis: { tickMinStep: 1 } },
          color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 0 } },
        },
      },
      ...(goal !== undefined
        ? [
            { data: { values: [{ goal }] }, mark: { type: 'rule', color: '#1a1a1a', strokeDash: [6, 4], strokeWidth: 2 }, encoding: { y: { field: 'goal', type: 'quantitative' } } },
            { data: { values: [{ goal, label }] }, mark: { type: 'text', align: 'right', dy: -9, x: 'width', fontSize: 14 }, encoding: { y: { field: 'goal', type: 'quantitative' }, text: { field: 'label' } } },
          ]
        : []),
    ],
  } as TopLevelSpec;
}
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  // Both libraries would print warnings to the console; the bot's log is JSON lines only.
  const quiet = vega.logger(vega.None);
  const view = new vega.View(vega.parse(compile(spec, { logger: quiet }).spec), { renderer: 'none', logger: quiet });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT } }).render().asPng();
}
