import { effectiveAttendance, meetingDay, type AttendanceStats, type Effective } from './attendance.js';
import { memberById, type Group } from '../../groups/domain/group.js';
import type { AttendanceStatus } from '../../meetings/domain/meeting.js';

/** Column headings and words in the reader's language (the Teams layer passes them from i18n). */
export interface CsvLabels {
  headers: [group: string, meeting: string, date: string, name: string, organisation: string, status: string, items: string, substituteFor: string, source: string, joined: string, left: string];
  statuses: Record<AttendanceStatus | 'none', string>;
  sources: Record<Effective['source'], string>;
}

/** One CSV field: quoted when it holds the separator, a quote or a line break; formula starts defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The attendance of every held meeting in the statistics, one line per person and meeting, as CSV for
 * Excel in Sweden: semicolon separated, CRLF line ends, UTF-8 with a byte order mark (so å, ä, ö open
 * right when the file is double-clicked).
 */
export function attendanceCsv(groups: Array<{ group: Group; stats: AttendanceStats }>, labels: CsvLabels, stockholmDay: (iso: string) => string, clock: (iso: string) => string): string {
  const lines = [labels.headers.map(csvField).join(';')];
  for (const { group, stats } of groups) {
    for (const m of stats.meetings) {
      for (const e of effectiveAttendance(m, group)) {
        const sub = e.status === 'substitute' ? (memberById(group, e.mark?.substituteFor)?.name ?? '') : '';
        const row = [
          group.name,
          m.title,
          meetingDay(m, stockholmDay),
          e.member.name,
          e.member.organisation ?? '',
          labels.statuses[e.status],
          e.status === 'partial' ? (e.mark?.items ?? '') : '',
          sub,
          labels.sources[e.source],
          e.joinedAt ? clock(e.joinedAt) : '',
          e.leftAt ? clock(e.leftAt) : '',
        ];
        lines.push(row.map(csvField).join(';'));
      }
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
