import type { Container } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItem, newMeeting, recordNote, startMeeting } from '../../src/meetings/domain/meeting.js';
import { GroupRepo } from '../../src/groups/group-repo.js';
import { MeetingRepo } from '../../src/meetings/meeting-repo.js';
import { freshCosmos } from '../support/embedded.js';
import { T0, must, tierp } from './fixtures.js';

describe('group and meeting repositories against the embedded Cosmos server', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let c: Container;
  beforeAll(async () => {
    cosmos = await freshCosmos();
    c = await cosmos.container('domain');
  });
  afterAll(async () => cosmos.close());

  it('stores the group as one document `group` of type `group` in its partition; the first create wins', async () => {
    const groups = new GroupRepo(c);
    const g = tierp();
    const [a, b] = await Promise.all([groups.create(g), groups.create({ ...g, name: 'Other' })]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const read = await groups.get('g_tierp');
    expect(read!.name).toBe(a.created ? 'Tierp' : 'Other');
    expect(Object.keys(read!).some((k) => k.startsWith('_'))).toBe(false);
    const { resource } = await c.item('group', 'g_tierp').read();
    expect(resource.type).toBe('group');
  });

  it('keeps every parallel agenda edit (If-Match, retry on 412)', async () => {
    const meetings = new MeetingRepo(c);
    const m = must(newMeeting({ id: 'meeting-x', group: tierp(), title: 'Lokusmöte Tierp', itemIds: ['a', 'b', 'c'], at: T0 }));
    await meetings.create(m);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        meetings.update('g_tierp', 'meeting-x', (cur) => {
          const r = addItem(cur!, { id: `i${i}`, title: `Punkt ${i}` }, T0);
          return r.ok ? { next: r.value.meeting, result: true } : { result: false };
        }),
      ),
    );
    const stored = await meetings.get('g_tierp', 'meeting-x');
    expect(stored!.items).toHaveLength(23);
    expect((await meetings.list('g_tierp')).map((x) => x.id)).toContain('meeting-x');
    expect(await meetings.list('g_tierp', ['started'])).toEqual([]);
  });

  it('finds no meeting under another group’s id, nor a non-meeting document by its id', async () => {
    const meetings = new MeetingRepo(c);
    expect(await meetings.get('g_other', 'meeting-x')).toBeUndefined();
    expect(await meetings.get('g_tierp', 'group')).toBeUndefined();
    const r = await meetings.update('g_other', 'meeting-x', (cur) => ({ result: cur === undefined }));
    expect(r).toBe(true);
  });

  it('patches one member’s attendance without touching the rest', async () => {
    const meetings = new MeetingRepo(c);
    let m = must(newMeeting({ id: 'meeting-y', group: tierp(), title: 'x', itemIds: [], at: T0 }));
    m = must(startMeeting(m, 'mv', T0));
    await meetings.create(m);
    await Promise.all(['m_nima', 'm_geli', 'm_birgitta'].map((id) => meetings.setAttendance('g_tierp', 'meeting-y', id, { status: 'present', at: T0 })));
    await meetings.update('g_tierp', 'meeting-y', (cur) => {
      const r = recordNote(cur!, { id: 'n', text: 'x', byName: 'x', itemId: undefined }, T0);
      return r.ok ? { next: r.value.meeting, result: true } : { result: false };
    });
    const stored = await meetings.get('g_tierp', 'meeting-y');
    expect(Object.keys(stored!.attendance).sort()).toEqual(['m_birgitta', 'm_geli', 'm_nima']);
    expect(await meetings.setAttendance('g_tierp', 'nope', 'm_nima', { status: 'present', at: T0 })).toBe(false);
  });
});
