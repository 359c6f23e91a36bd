import type { Server } from 'restify';
import { kansliGroups, loadOverview } from './overview-data.js';
import { reportHtml } from './office-report.js';
import { OFFICE_FILES, type OfficeFile } from './office-links.js';
import { formatInstant } from '../shared/swedish-date.js';
import { texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';

/**
 * `GET /office/<report.html|report.xlsx|attendance.png|meetings.png>` behind a signed, expiring link
 * (office-links.ts): the overview of the groups of the link's förbund where its person is kansli
 * when it is opened, read fresh. The chart and Excel libraries (vega, resvg, exceljs: about 0.7 s
 * and tens of MB) load on the first such request, not at the bot's start.
 */
export function registerOfficeExport(server: Server, deps: Deps): void {
  server.get('/office/:file', async (req, res) => {
    const file = String(req.params.file ?? '') as OfficeFile;
    const query = new URL(req.url ?? '/', 'http://lokus.local').searchParams;
    const now = deps.now();
    const target = OFFICE_FILES.includes(file) ? deps.officeLinks.verify(query, now) : undefined;
    // The groups where the person is kansli now: a role given up since the link was made shows nothing.
    const groups = target ? await kansliGroups(deps, target.tenantId, { aadObjectId: target.person, teamsId: target.person }, now.toISOString()) : [];
    if (!target || groups.length === 0) {
      res.header('content-type', 'text/plain; charset=utf-8');
      res.sendRaw(403, `${texts('sv').office.report.invalidLink} / ${texts('en').office.report.invalidLink}`);
      return;
    }
    const tx = texts(target.language);
    const overview = await loadOverview(deps, target.tenantId, groups, target.year, now);
    res.header('cache-control', 'no-store');
    if (file === 'report.xlsx') {
      res.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.header('content-disposition', `attachment; filename="${tx.office.report.fileName(target.year)}.xlsx"`);
      const { overviewXlsx } = await import('./office-xlsx.js');
      res.sendRaw(200, await overviewXlsx(tx, overview));
      return;
    }
    const { chartSvg, attendanceChartSpec, meetingsChartSpec, svgToPng } = await import('./office-charts.js');
    if (file === 'report.html') {
      const charts = { attendance: await chartSvg(attendanceChartSpec(overview, tx)), meetings: await chartSvg(meetingsChartSpec(overview, tx)) };
      res.header('content-type', 'text/html; charset=utf-8');
      res.sendRaw(200, reportHtml(tx, target.language, overview, charts, formatInstant(now, target.language)));
      return;
    }
    const spec = file === 'attendance.png' ? attendanceChartSpec(overview, tx) : meetingsChartSpec(overview, tx);
    res.header('content-type', 'image/png');
    res.sendRaw(200, svgToPng(await chartSvg(spec)));
  });
}
