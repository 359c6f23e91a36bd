import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container, CosmosClient } from '@azure/cosmos';
import { newGroup, type Group } from '../../src/groups/domain/group.js';
import { ensureContainers } from '../../src/store/containers.js';
import { createCosmosClient } from '../../src/store/cosmos-client.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded/start.js';
import { GroupRepo } from '../../src/groups/group-repo.js';
import { KNOWN_MS, MeetingRepo } from '../../src/meetings/meeting-repo.js';

/** A read asks Cosmos (unless a recent copy is asked for); an unchanged document comes back as 304 with no body and is taken from memory. */
describe('group, meeting and approval reads with If-None-Match', () => {
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
    expect(await elsewhere.setAttendance('g-cache', 'meeting-c1', 'm1', { status: 'present', source: 'self', at }, ['started'])).toMatchObject({ attendance: { m1: { status: 'present' } } });
    expect((await here.get('g-cache', 'meeting-c1'))!.attendance).toEqual({ m1: { status: 'present', source: 'self', at } });
  });

  it('recent: a group confirmed within the last second is used without asking; this instance\'s own change shows at once', async () => {
    const here = new GroupRepo(domain);
    const elsewhere = new GroupRepo(domain);
    await here.create({ ...group, groupId: 'g-recent' });
    const seen = (await here.recent('g-recent'))!;
    await elsewhere.update('g-recent', (g) => ({ next: { ...g!, name: 'Ändrad på en annan instans' }, result: undefined }));
    // Within the second: the copy Cosmos confirmed a moment ago (another instance's change not yet seen).
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

  describe('a check-in answered without the meeting (Prefer: return=minimal)', () => {
    const mark = (id: string) => ({ status: 'present' as const, source: 'self' as const, at, by: id });
    const meeting = (id: string) => domain.items.create({ id, groupId: 'g-min', type: 'meeting', title: 'Lokusmöte', status: 'started', attendance: {}, items: [], participantEvents: [] });

    it("answers with the meeting as last read plus the mark; another instance's marks show once the copy is a second old", async () => {
      await meeting('meeting-min1');
      const here = new MeetingRepo(domain);
      const elsewhere = new MeetingRepo(domain);
      await here.known('g-min', 'meeting-min1');
      await elsewhere.setAttendance('g-min', 'meeting-min1', 'm3', mark('m3'), ['started']);
      const after = (await here.setAttendance('g-min', 'meeting-min1', 'm1', mark('m1'), ['started']))!;
      expect(Object.keys(after.attendance)).toEqual(['m1']);
      expect(Object.isFrozen(after.attendance)).toBe(true);
      expect(await here.known('g-min', 'meeting-min1')).toBe(after);
      await new Promise((r) => setTimeout(r, KNOWN_MS + 100));
      expect(Object.keys((await here.known('g-min', 'meeting-min1'))!.attendance).sort()).toEqual(['m1', 'm3']);
    });

    it('keeps its own mark when a read that left before the mark was written comes back after it', async () => {
      await meeting('meeting-min2');
      let hold: Promise<void> | undefined;
      const held = new Proxy(domain, {
        get: (target, prop) => (prop === 'item' ? (id: string, pk: string) => {
          const item = target.item(id, pk);
          return new Proxy(item, { get: (i, p) => (p === 'read' ? async (...args: Parameters<typeof item.read>) => {
            const gate = hold;
            const r = await i.read(...args);
            await gate;
            return r;
          } : Reflect.get(i, p)) });
        } : Reflect.get(target, prop)),
      });
      const here = new MeetingRepo(held);
      const elsewhere = new MeetingRepo(domain);
      await here.known('g-min', 'meeting-min2');
      await elsewhere.setAttendance('g-min', 'meeting-min2', 'm2', mark('m2'), ['started']);
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      // This read is answered (m2, no m1) before m1 is written, and handed back only after.
      const reading = here.get('g-min', 'meeting-min2');
      await new Promise((r) => setTimeout(r, 50));
      hold = undefined;
      expect(Object.keys((await here.setAttendance('g-min', 'meeting-min2', 'm1', mark('m1'), ['started']))!.attendance)).toEqual(['m1']);
      release();
      expect(Object.keys((await reading)!.attendance).sort()).toEqual(['m1', 'm2']);
      expect(Object.keys((await here.known('g-min', 'meeting-min2'))!.attendance).sort()).toEqual(['m1', 'm2']);
    });

    it("shows this instance's own change to the meeting at once", async () => {
      await meeting('meeting-min3');
      const here = new MeetingRepo(domain);
      await here.setAttendance('g-min', 'meeting-min3', 'm1', mark('m1'), ['started']);
      await here.update('g-min', 'meeting-min3', (m) => ({ next: { ...m!, title: 'Extra lokusmöte' }, result: undefined }));
      const now = (await here.known('g-min', 'meeting-min3'))!;
      expect(now.title).toBe('Extra lokusmöte');
      expect(Object.keys(now.attendance)).toEqual(['m1']);
    });
  });

  /**
   * Reads that Cosmos answered before this instance's own write and that come back after it. The
   * next read that holds still answers (Cosmos has answered it) and is handed back only on `release`.
   */
  describe('this instance reads its own write through the trusting and conditional paths', () => {
    function holding(container: Container) {
      let next: { answered: () => void; gate: Promise<void> } | undefined;
      const proxy = new Proxy(container, {
        get: (target, prop) => (prop === 'item' ? (id: string, pk: string) => {
          const item = target.item(id, pk);
          return new Proxy(item, { get: (i, p) => (p === 'read' ? async (...args: Parameters<typeof item.read>) => {
            const held = next;
            next = undefined;
            const r = await i.read(...args);
            if (held) {
              held.answered();
              await held.gate;
            }
            return r;
          } : Reflect.get(i, p)) });
        } : Reflect.get(target, prop)),
      });
      const holdNextRead = () => {
        let answered!: () => void;
        let release!: () => void;
        const wasAnswered = new Promise<void>((r) => (answered = r));
        next = { answered, gate: new Promise<void>((r) => (release = r)) };
        return { answered: wasAnswered, release };
      };
      return { container: proxy, holdNextRead };
    }
    const rename = (name: string) => (g: Group | undefined) => ({ next: { ...g!, name }, result: undefined });

    it('recent, asked after the write while a trusting read from before it is on its way: its own read, with the write', async () => {
      const { container, holdNextRead } = holding(domain);
      const here = new GroupRepo(container);
      await here.create({ ...group, groupId: 'g-own1' });
      const held = holdNextRead();
      const before = here.recent('g-own1');
      await held.answered;
      await here.update('g-own1', rename('Ändrad här'));
      const after = here.recent('g-own1');
      held.release();
      expect((await before)!.name).toBe('Lokusgrupp Tierp');
      expect((await after)!.name).toBe('Ändrad här');
      expect((await here.recent('g-own1'))!.name).toBe('Ändrad här');
    });

    it('recent, after a first read that overlapped the write came back with the old group: not trusted, asked again', async () => {
      const { container, holdNextRead } = holding(domain);
      const here = new GroupRepo(container);
      await here.create({ ...group, groupId: 'g-own2' });
      const held = holdNextRead();
      const before = here.get('g-own2');
      await held.answered;
      await here.update('g-own2', rename('Ändrad här'));
      held.release();
      expect((await before)!.name).toBe('Lokusgrupp Tierp');
      expect((await here.recent('g-own2'))!.name).toBe('Ändrad här');
    });

    it('recent, after an unchanged answer (304) that overlapped the write: not trusted, asked again', async () => {
      const { container, holdNextRead } = holding(domain);
      const here = new GroupRepo(container);
      await here.create({ ...group, groupId: 'g-own3' });
      expect((await here.get('g-own3'))!.name).toBe('Lokusgrupp Tierp');
      const held = holdNextRead();
      const before = here.get('g-own3');
      await held.answered;
      await here.update('g-own3', rename('Ändrad här'));
      held.release();
      expect((await before)!.name).toBe('Lokusgrupp Tierp');
      expect((await here.recent('g-own3'))!.name).toBe('Ändrad här');
      expect((await here.get('g-own3'))!.name).toBe('Ändrad här');
    });

    it('a meeting read answered unchanged (304) before this instance\'s check-in, handed back after it, has the check-in', async () => {
      await domain.items.create({ id: 'meeting-own4', groupId: 'g-own', type: 'meeting', title: 'Lokusmöte', status: 'started', attendance: {}, items: [], participantEvents: [] });
      const { container, holdNextRead } = holding(domain);
      const here = new MeetingRepo(container);
      await here.known('g-own', 'meeting-own4');
      const held = holdNextRead();
      const reading = here.get('g-own', 'meeting-own4');
      await held.answered;
      await here.setAttendance('g-own', 'meeting-own4', 'm1', { status: 'present', source: 'self', at }, ['started']);
      held.release();
      expect(Object.keys((await reading)!.attendance)).toEqual(['m1']);
      expect(Object.keys((await here.known('g-own', 'meeting-own4'))!.attendance)).toEqual(['m1']);
    });
  });
});
