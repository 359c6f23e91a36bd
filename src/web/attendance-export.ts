import { linkMac, linkMacValid } from './link-mac.js';
import type { Server } from 'restify';
import { attendanceCsv } from '../domain/attendance-csv.js';
import { attendanceStats, HELD_STATUSES, type Period } from '../domain/attendance.js';
import { stockholmDate, stockholmTime } from '../domain/swedish-date.js';
import { texts, type Language } from '../i18n/texts.js';
import type { Deps } from '../teams/deps.js';

/**
 * The attendance CSV behind a signed, expiring link: `/attendance.csv?g=…&from=…&to=…&lang=…&exp=…&sig=…`.
 * A bot cannot attach a file to a channel message, and a file in a personal chat needs the user's
 * consent and OneDrive; a link opens in the browser from any Teams client and Excel opens the file.
 * The HMAC-SHA256 signature (LOKUS_LINK_SECRET) covers the groups, the period, the language and the
 * expiry, so nothing in the link can be changed and it stops working after `LINK_DAYS`.
 */

export const LINK_DAYS = 7;

export interface ExportTarget extends Period {
  groupIds: string[];
  language: Language;
}

const ID = /^[A-Za-z0-9_-]{1,100}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class AttendanceLinks {
  /** Where links point; set at start to LOKUS_PUBLIC_URL or the address the server listens on. */
  baseUrl = '';

  constructor(private readonly secret: string) {}

  private parts(t: ExportTarget): string[] {
    return [t.groupIds.join(','), t.from ?? '', t.to ?? '', t.language];
  }

  url(t: ExportTarget, now: Date): string {
    const exp = Math.floor(now.getTime() / 1000) + LINK_DAYS * 24 * 3600;
    const q = new URLSearchParams({ g: t.groupIds.join(','), ...(t.from ? { from: t.from } : {}), ...(t.to ? { to: t.to } : {}), lang: t.language, exp: String(exp), sig: linkMac(this.secret, 'attendance.csv', this.parts(t), exp) });
    return `${this.baseUrl}/attendance.csv?${q.toString()}`;
  }

  /** The target of a link's query, or undefined when malformed, tampered with or expired. */
  verify(q: URLSearchParams, now: Date): ExportTarget | undefined {
    const [g, from, to, lang, exp, sig] = ['g', 'from', 'to', 'lang', 'exp', 'sig'].map((k) => q.get(k) ?? undefined);
    const groupIds = (g ?? '').split(',');
    if (!g || groupIds.length > 200 || !groupIds.every((x) => ID.test(x))) return undefined;
    if ((from && !DAY.test(from)) || (to && !DAY.test(to)) || (lang !== 'sv' && lang !== 'en') || !exp || !/^\d{1,12}$/.test(exp) || !sig) return undefined;
    const target: ExportTarget = { groupIds, ...(from ? { from } : {}), ...(to ? { to } : {}), language: lang };
    if (!linkMacValid(this.secret, 'attendance.csv', this.parts(target), Number(exp), sig, now)) return undefined;
    return target;
  }
}

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
