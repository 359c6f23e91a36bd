import { attendanceStats, HELD_STATUSES } from '../../src/attendance/domain/attendance.js';
import type { Meeting } from '../../src/meetings/domain/meeting.js';
import { sv } from '../../src/i18n/sv/index.js';
import { statsCardData } from '../../src/attendance/attendance-stats-listeners.js';
import { sampleTierp } from '../support/sample-tierp.js';

/** Seed 000's group over 2018: three meetings held, Arbetsförmedlingen away from one (below 85 %). */
const { group, meeting } = sampleTierp();
const present = { status: 'present' as const, source: 'self' as const, at: '2018-03-16T12:04:00.000Z' };
const held = (id: string, date: string, awayId?: string): Meeting => ({
  ...meeting,
  id,
  date,
  status: 'ended',
  startedAt: `${date}T12:00:00.000Z`,
  endedAt: `${date}T14:00:00.000Z`,
  attendance: Object.fromEntries(group.members.filter((m) => m.id !== awayId).map((m) => [m.id, present])),
});
const meetings = [held('m1', '2018-01-25'), held('m2', '2018-03-16', 'm_wictoria'), held('m3', '2018-04-20')].filter((m) => HELD_STATUSES.includes(m.status));
const stats = attendanceStats(group, meetings, { from: '2018-01-01', to: '2018-12-31' }, (iso) => iso.slice(0, 10));
export const sample = statsCardData(sv, { from: '2018-01-01', to: '2018-12-31' }, [{ group, stats }], 'https://lokus.example.se/attendance.csv?g=g_tierp&from=2018-01-01&to=2018-12-31&lang=sv&exp=1546300800&sig=sample', false);
