import type { ExportTarget } from './attendance-links.js';
import type { Server } from 'restify';
import { attendanceCsv } from './domain/attendance-csv.js';
import { attendanceStats, HELD_STATUSES } from './domain/attendance.js';
import { stockholmDate, stockholmTime } from '../shared/swedish-date.js';
import { texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';

/**
 * The attendance CSV behind a signed, expiring link: `/attendance.csv?g=…&from=…&to=…&lang=…&exp=…&sig=…`.
 * A bot cannot attach a file to a channel message, and a file in a personal chat needs the user's
 * consent and OneDrive; a link opens in the browser from any Teams client and Excel opens the file.
 * The link is signed (attendance-links.ts).
 */

const day = (iso: string) => stockholmDate(new Date(iso));
const clock = (iso: string) => stockholmTime(new Date(iso));

/** The CSV text for a verified link: every held meeting in the period, one line per person. */
export async function exportCsv(deps: Deps, target: ExportTarget): Promise<string> {
  const a = texts(target.language).attendance;
  const groups = [];
  for (const groupId of target.groupIds) {
    const group = await deps.groups.get(groupId);
    if (!group) continue;
    const meetings = await deps.meetings.list(groupId, HELD_STATUSES);
    groups.push({ group, stats: attendanceStats(group, meetings, target, day) });
  }
  return attendanceCsv(groups, { headers: a.csv.headers, statuses: { ...a.statusChoices, none: a.statuses.none }, sources: a.csv.sources }, day, clock);
}

export function registerAttendanceExport(server: Server, deps: Deps): void {
  server.get('/attendance.csv', async (req, res) => {
    const query = new URL(req.url ?? '/', 'http://lokus.local').searchParams;
    const target = deps.attendanceLinks.verify(query, deps.now());
    if (!target) {
      res.header('content-type', 'text/plain; charset=utf-8');
      res.sendRaw(403, 'Länken är ogiltig eller har gått ut. Skriv närvaro i Teams för en ny länk. / The link is invalid or has expired.');
      return;
    }
    const csv = await exportCsv(deps, target);
    const name = `${texts(target.language).attendance.csvFileName}${target.from ? `-${target.from}` : ''}${target.to ? `-${target.to}` : ''}.csv`;
    res.header('content-type', 'text/csv; charset=utf-8');
    res.header('content-disposition', `attachment; filename="${name}"`);
    res.header('cache-control', 'no-store');
    res.sendRaw(200, csv);
  });
}
