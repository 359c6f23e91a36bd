import type { Meeting } from '../../src/meetings/domain/meeting.js';
import { attendanceCardData } from '../../src/attendance/attendance-view.js';
import { sampleTierp } from '../support/sample-tierp.js';

/**
 * Seed 000's meeting under way, as the channel sees it: most have checked in, one arrived through
 * Teams, Nima for some items only. (The personal view with the marking form is an invoke answer; it
 * carries no `refresh`, which a raw template render cannot omit, so the gallery shows the shared card.)
 */
const { turn, meeting } = sampleTierp();
const at = '2018-03-16T12:04:00.000Z';
const m: Meeting = {
  ...meeting,
  status: 'started',
  startedAt: '2018-03-16T12:00:00.000Z',
  attendance: {
    m_marikab: { status: 'present', source: 'self', at, by: 'm_marikab', byName: 'Marika Blomgren' },
    m_birgitta: { status: 'present', source: 'self', at, by: 'm_birgitta', byName: 'Birgitta Olsson' },
    m_nima: { status: 'partial', fromItemId: meeting.items[0]!.id, toItemId: meeting.items[3]!.id, items: '1-4', source: 'marked', at, by: 'm_marikab', byName: 'Marika Blomgren' },
    m_marikas: { status: 'excused', source: 'marked', at, by: 'm_marikab', byName: 'Marika Blomgren' },
  },
  participantEvents: [{ id: 'e1', kind: 'join', teamsId: '29:m_wictoria', memberId: 'm_wictoria', at: '2018-03-16T12:02:00.000Z' }],
};
export const sample = attendanceCardData(turn, m);
