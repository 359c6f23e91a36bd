import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '@azure/cosmos';
import { FollowUpRepo } from '../../src/follow-up/follow-up-repo.js';
import { MeetingRepo } from '../../src/meetings/meeting-repo.js';
import { GroupRepo } from '../../src/groups/group-repo.js';
import { freshCosmos } from '../support/embedded.js';
import { heldMeeting, tierpIn } from './follow-up-fixtures.js';

describe('FollowUpRepo queries on the embedded Cosmos', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let container: Container;
  let repo: FollowUpRepo;
  beforeAll(async () => {
    cosmos = await freshCosmos();
    container = await cosmos.container('domain');
    repo = new FollowUpRepo(container);
    const groups = new GroupRepo(container);
    const meetings = new MeetingRepo(container);
    await groups.create(tierpIn('g_a'));
    await groups.create(tierpIn('g_b'));
    await meetings.create(heldMeeting('g_a', 'm1', '2018-01-25', { actions: [['a1', 'm_marikab', '2018-02-15'], ['a2', 'm_nima', '2018-06-01']], decisions: [['d1', 'Lokusgruppen beslutade att skicka in en avvikelserapport.']] }));
    await meetings.create(heldMeeting('g_b', 'm2', '2018-02-01', { actions: [['a3', 'm_marikab', '2018-02-10'], ['a4', 'm_marikab', undefined]], decisions: [] }));
  });
  afterAll(() => cosmos.close());

  it('finds open dated action items up to the reminder horizon across groups', async () => {
    const found = await repo.reminderCandidates(new Date('2018-02-05T07:00:00Z'));
    expect(found.map((f) => f.actionId).sort()).toEqual(['a1', 'a3']);
  });

  it('finds someone’s groups by their Teams identity, in their tenant only', async () => {
    const mine = await repo.membershipsOf('tenant-t', { aadObjectId: 'aad-marika-blomgren', teamsId: '29:marika-blomgren' });
    expect(mine.map((m) => m.groupId).sort()).toEqual(['g_a', 'g_b']);
    expect(mine[0]!.memberId).toBe('m_marikab');
    expect(await repo.membershipsOf('other-tenant', { aadObjectId: 'aad-marika-blomgren', teamsId: '29:marika-blomgren' })).toEqual([]);
  });

  it('reads a group’s meetings with their decisions and action items, and nothing of other groups', async () => {
    const ms = await repo.meetings('g_a');
    expect(ms.map((m) => m.id)).toEqual(['m1']);
    expect(ms[0]!.decisions[0]!.text).toContain('avvikelserapport');
    expect(ms[0]!.notes).toEqual([]);
  });
});
