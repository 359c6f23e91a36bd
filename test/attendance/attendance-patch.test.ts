import type { Container } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '../../src/attendance/domain/attendance.js';
import { endMeeting, newMeeting, startMeeting, type AttendanceMark } from '../../src/meetings/domain/meeting.js';
import { MeetingRepo } from '../../src/meetings/meeting-repo.js';
import { freshCosmos } from '../support/embedded.js';
import { T0, must, tierp } from '../meetings/fixtures.js';

const present = (by: string): AttendanceMark => ({ status: 'present', source: 'self', at: T0, by });

describe('attendance as one conditional Cosmos patch per member path', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let c: Container;
  let meetings: MeetingRepo;
  beforeAll(async () => {
    cosmos = await freshCosmos();
    c = await cosmos.container('domain');
    meetings = new MeetingRepo(c);
    const m = must(startMeeting(must(newMeeting({ id: 'meeting-p', group: tierp(), title: 'Lokusmöte Tierp', itemIds: ['a', 'b', 'c'], at: T0 })), 'mv', T0));
    await meetings.create(m);
  });
  afterAll(async () => cosmos.close());

  it('300 parallel patches (150 members, each twice) leave exactly 150 marks', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `m_${i}`);
    const results = await Promise.all([...ids, ...ids].map((id) => meetings.setAttendance('g_tierp', 'meeting-p', id, present(id), OPEN_STATUSES)));
    expect(results.every(Boolean)).toBe(true);
    const m = (await meetings.get('g_tierp', 'meeting-p'))!;
    expect(Object.keys(m.attendance).sort()).toEqual([...ids].sort());
    expect(m.attendance.m_7).toEqual(present('m_7'));
  });

  it('writes nothing once the meeting has ended, nor into a meeting of another group', async () => {
    await meetings.update('g_tierp', 'meeting-p', (m) => ({ next: must(endMeeting(m!, T0)), result: undefined }));
    expect(await meetings.setAttendance('g_tierp', 'meeting-p', 'late', present('late'), OPEN_STATUSES)).toBe(false);
    expect(await meetings.setAttendance('g_other', 'meeting-p', 'x', present('x'), OPEN_STATUSES)).toBe(false);
    const m = (await meetings.get('g_tierp', 'meeting-p'))!;
    expect(m.attendance.late).toBeUndefined();
  });

  it("with the mark a decision saw: writes only while the member's mark is still that one", async () => {
    await meetings.create(must(startMeeting(must(newMeeting({ id: 'meeting-q', group: tierp(), title: 'Lokusmöte Tierp', itemIds: ['a'], at: T0 })), 'mv', T0)));
    const first = present('m_1');
    expect(await meetings.setAttendance('g_tierp', 'meeting-q', 'm_1', first, OPEN_STATUSES, null)).toBe(true);
    expect((await meetings.get('g_tierp', 'meeting-q'))!.attendance.m_1).toEqual(first);
    // A second decision on the old copy (no mark yet) is not written over the mark now there.
    const absent = { ...present('m_1'), status: 'absent' as const, at: '2026-03-02T09:00:00.000Z' };
    expect(await meetings.setAttendance('g_tierp', 'meeting-q', 'm_1', absent, OPEN_STATUSES, null)).toBe(false);
    // Decided on the mark as it is: written.
    expect(await meetings.setAttendance('g_tierp', 'meeting-q', 'm_1', absent, OPEN_STATUSES, first)).toBe(true);
    expect((await meetings.get('g_tierp', 'meeting-q'))!.attendance.m_1).toEqual(absent);
  });
  it('40 marks at once, each conditioned on its own mark, are all written', async () => {
    await meetings.create(must(startMeeting(must(newMeeting({ id: 'meeting-t', group: tierp(), title: 'Lokusmöte Tierp', itemIds: ['a'], at: T0 })), 'mv', T0)));
    const ids = Array.from({ length: 40 }, (_, i) => `t_${i}`);
    const results = await Promise.all(ids.map((id) => meetings.setAttendance('g_tierp', 'meeting-t', id, present(id), OPEN_STATUSES, null)));
    expect(results.every((r) => r === true)).toBe(true);
    const stored = (await meetings.get('g_tierp', 'meeting-t'))!;
    expect(Object.keys(stored.attendance).sort()).toEqual([...ids].sort());
    ids.forEach((id) => expect(stored.attendance[id]).toEqual(present(id)));
  });
});
