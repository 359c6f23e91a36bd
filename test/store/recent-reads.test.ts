import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container, CosmosClient } from '@azure/cosmos';
import { newGroup } from '../../src/groups/domain/group.js';
import { ensureContainers } from '../../src/store/containers.js';
import { createCosmosClient } from '../../src/store/cosmos-client.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded/start.js';
import { GroupRepo } from '../../src/groups/group-repo.js';
import { MeetingRepo } from '../../src/meetings/meeting-repo.js';

/** A read asks Cosmos; only `recent` (card presses a whole group makes at once) takes a read at most a second old or still on its way. */
describe('group and meeting reads: fresh, or recent for presses', () => {
  let server: EmbeddedCosmos;
  let client: CosmosClient;
  let domain: Container;
  const at = '2026-03-02T08:00:00.000Z';
  const group = newGroup({ groupId: 'g-cache', tenantId: 't', conversationId: '19:c', name: 'Lokusgrupp Tierp', kind: 'lokusgrupp', standingItems: [], founder: { memberId: 'm1', roleId: 'r1', name: 'Marika Blomgren' }, at });

  beforeAll(async () => {
    server = await startEmbeddedCosmos();
    client = await createCosmosClient({ endpoint: server.endpoint, key: server.key });
    domain = (await ensureContainers(client, 'group-cache')).domain;
  });
  afterAll(async () => {
    client.dispose();
    await server.close();
  });

  it('the embedded server answers 304 to a read whose ETag still matches, and 200 once it changed', async () => {
    const { resource } = await domain.items.create({ id: 'doc-1', groupId: 'g-x', n: 1 });
    const same = await domain.item('doc-1', 'g-x').read({ accessCondition: { type: 'IfNoneMatch', condition: resource!._etag } });
    expect(same.statusCode).toBe(304);
    expect(same.resource).toBeNull();
    await domain.item('doc-1', 'g-x').replace({ id: 'doc-1', groupId: 'g-x', n: 2 });
    const changed = await domain.item('doc-1', 'g-x').read({ accessCondition: { type: 'IfNoneMatch', condition: resource!._etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.resource).toMatchObject({ n: 2 });
  });

  it('sees a change made by another instance at once, and shares no mutable group between turns', async () => {
    const here = new GroupRepo(domain);
    const elsewhere = new GroupRepo(domain);
    await here.create(group);
    const first = (await here.get('g-cache'))!;
    const again = (await here.get('g-cache'))!;
    expect(again).toEqual(first);
    expect(Object.isFrozen(again.members)).toBe(true);
    await elsewhere.update('g-cache', (g) => ({ next: { ...g!, name: 'Lokusgrupp Tierp och Älvkarleby' }, result: undefined }));
    expect((await here.get('g-cache'))!.name).toBe('Lokusgrupp Tierp och Älvkarleby');
    await domain.item('group', 'g-cache').delete();
    expect(await here.get('g-cache')).toBeUndefined();
  });

  it('a check-in patched by another instance shows in the next read of the meeting', async () => {
    const here = new MeetingRepo(domain);
    const elsewhere = new MeetingRepo(domain);
    await domain.items.create({ id: 'meeting-c1', groupId: 'g-cache', type: 'meeting', title: 'Lokusmöte', status: 'started', attendance: {}, items: [], participantEvents: [] });
    expect((await here.get('g-cache', 'meeting-c1'))!.attendance).toEqual({});
    expect(Object.isFrozen((await here.get('g-cache', 'meeting-c1'))!.attendance)).toBe(true);
    expect(await elsewhere.setAttendance('g-cache', 'meeting-c1', 'm1', { status: 'present', source: 'self', at }, ['started'])).toBe(true);
    expect((await here.get('g-cache', 'meeting-c1'))!.attendance).toEqual({ m1: { status: 'present', source: 'self', at } });
  });

  it('recent: a group confirmed within the last second is used without asking; this instance\'s own change shows at once', async () => {
    const here = new GroupRepo(domain);
    const elsewhere = new GroupRepo(domain);
    await here.create({ ...group, groupId: 'g-recent' });
    const seen = (await here.recent('g-recent'))!;
    await elsewhere.update('g-recent', (g) => ({ next: { ...g!, name: 'Ändrad på en annan instans' }, result: undefined }));
    // Within the second: the copy read a moment ago (another instance's change not yet seen).
    expect(await here.recent('g-recent')).toBe(seen);
    // A plain read always asks, and is then the confirmed copy.
    expect((await here.get('g-recent'))!.name).toBe('Ändrad på en annan instans');
    await here.update('g-recent', (g) => ({ next: { ...g!, name: 'Ändrad här' }, result: undefined }));
    expect((await here.recent('g-recent'))!.name).toBe('Ändrad här');
  });

  it('recent: a whole group asking at once after the second has passed makes one read between them', async () => {
    let reads = 0;
    const counting = new Proxy(domain, {
      get: (target, prop) => (prop === 'item' ? (id: string, pk: string) => {
        const item = target.item(id, pk);
        return new Proxy(item, { get: (i, p) => (p === 'read' ? (...args: Parameters<typeof item.read>) => (reads++, i.read(...args)) : Reflect.get(i, p)) });
      } : Reflect.get(target, prop)),
    });
    const here = new GroupRepo(counting);
    await here.create({ ...group, groupId: 'g-herd' });
    await here.get('g-herd');
    await new Promise((r) => setTimeout(r, 1_100));
    reads = 0;
    const all = await Promise.all(Array.from({ length: 50 }, () => here.recent('g-herd')));
    expect(reads).toBe(1);
    expect(new Set(all).size).toBe(1);
    expect(all[0]!.name).toBe('Lokusgrupp Tierp');
  });
});
