import ExcelJS from 'exceljs';
import type { Overview } from './domain/overview.js';
import { goalLines } from './goal-lines.js';
import type { Texts } from '../i18n/texts.js';

/** The overview as an Excel workbook (exceljs): one sheet each for groups, attendance, months and insatser. */
export async function overviewXlsx(texts: Texts, o: Overview): Promise<Buffer> {
  const r = texts.office.report;
  const c = r.columns;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lokus';
  const sheet = (name: string, headers: string[], rows: Array<Array<string | number | null>>) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((col, i) => (col.width = Math.min(60, Math.max(12, ...[headers[i] ?? '', ...rows.map((x) => String(x[i] ?? ''))].map((s) => s.length + 2)))));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  sheet(r.sheets.groups, [c.group, c.kind, c.held, c.open, c.overdue, c.approvals, c.minutes], o.groups.map((g) => [g.name, texts.group.kinds[g.kind], g.meetingsHeld, g.openActions, g.overdueActions, g.approvalsWaiting, g.minutesAwaitingJustering]));
  sheet(r.sheets.attendance, [c.group, c.party, c.called, c.attended, c.percent, c.target, c.verdict], o.groups.flatMap((g) => g.parties.map((p) => [g.name, p.organisation, p.called, p.attended, p.percent ?? null, g.targetPercent, texts.office.verdict(p.meetsTarget)])));
  sheet(r.sheets.months, [c.group, c.month, c.count], o.groups.flatMap((g) => g.byMonth.map((m) => [g.name, m.month, m.count])));
  sheet(r.sheets.insatser, [c.insats, c.goal, c.progress, c.verdict], o.insatser.flatMap(({ insats, progress }) => goalLines(texts, progress).map((l) => [insats.name, l.goal, l.progress, l.verdict])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
