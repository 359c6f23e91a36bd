import type { Container } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoalescedPatches, type ConditionalSet } from '../../src/store/coalesced-patches.js';
import { freshCosmos } from '../support/embedded.js';

interface Doc {
  id: string;
  groupId: string;
  status: string;
  marks: Record<string, string>;
}

const OPEN = "FROM c WHERE c.status = 'open'";
const mark = (who: string, value: string, when = ''): ConditionalSet => ({ path: `/marks/${who}`, value, when });
const unmarked = (who: string) => ` AND NOT IS_DEFINED(c.marks["${who}"])`;

/** Conditional sets on one document go together while one is on its way; each gets the answer its own patch would have had. */
describe('coalesced conditional patches, against the embedded Cosmos server', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let plain: Container;
  let patches = 0;
  let counted: Container;

  beforeAll(async () => {
    cosmos = await freshCosmos();
    plain = await cosmos.container('coalesced');
    counted = new Proxy(plain, {
      get: (target, prop) => (prop === 'item' ? (id: string, pk: string) => {
        const item = target.item(id, pk);
        return new Proxy(item, { get: (i, p) => (p === 'patch' ? (...args: Parameters<typeof item.patch>) => (patches++, i.patch(...args)) : Reflect.get(i, p)) });
      } : Reflect.get(target, prop)),
    });
  });
  afterAll(async () => cosmos.close());

  const create = (id: string, status = 'open') => plain.items.create<Doc>({ id, groupId: 'g', status, marks: {} });
  const stored = async (id: string) => (await plain.item(id, 'g').read<Doc>()).resource!;

  it('80 members at once: every mark stored, in far fewer patches than marks', async () => {
    await create('d-many');
    const sets = new CoalescedPatches<Doc>(counted);
    patches = 0;
    const who = Array.from({ length: 80 }, (_, i) => `m${i}`);
    const outcomes = await Promise.all(who.map((w) => sets.set('d-many', 'g', OPEN, mark(w, 'present', unmarked(w)))));
    expect(outcomes.every((o) => o.written)).toBe(true);
    expect(Object.keys((await stored('d-many')).marks).sort()).toEqual([...who].sort());
    expect(patches).toBeLessThanOrEqual(12);
  });

  it('a lone set goes at once, as one patch, and comes back with the document unless asked not to', async () => {
    await create('d-one');
    patches = 0;
    const outcome = await new CoalescedPatches<Doc>(counted).set('d-one', 'g', OPEN, mark('m1', 'present'));
    expect(patches).toBe(1);
    expect(outcome.written && outcome.resource?.marks).toEqual({ m1: 'present' });
    const minimal = await new CoalescedPatches<Doc>(counted, { initialHeaders: { Prefer: 'return=minimal' } }).set('d-one', 'g', OPEN, mark('m2', 'present'));
    expect(minimal).toEqual({ written: true, resource: undefined });
  });

  it('one stale condition in a joined patch: only that set is refused, the others are written', async () => {
    await create('d-stale');
    await plain.item('d-stale', 'g').patch({ operations: [{ op: 'set', path: '/marks/late', value: 'absent' }] });
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    patches = 0;
    // The first goes alone; the three that come while it is on its way go together, and the joined
    // patch fails on `late`, whose mark is no longer missing.
    const [first, ...joined] = await Promise.all([
      sets.set('d-stale', 'g', OPEN, mark('a', 'present', unmarked('a'))),
      sets.set('d-stale', 'g', OPEN, mark('b', 'present', unmarked('b'))),
      sets.set('d-stale', 'g', OPEN, mark('late', 'present', unmarked('late'))),
      sets.set('d-stale', 'g', OPEN, mark('c', 'present', unmarked('c'))),
    ]);
    expect(first!.written).toBe(true);
    expect(joined.map((o) => o.written)).toEqual([true, false, true]);
    expect((await stored('d-stale')).marks).toEqual({ late: 'absent', a: 'present', b: 'present', c: 'present' });
    // 1 alone, 1 joined that failed, 3 again alone.
    expect(patches).toBe(5);
  });

  it('the same member twice (a double click): never in one patch, and exactly one of them written', async () => {
    await create('d-twice');
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    const outcomes = await Promise.all([
      sets.set('d-twice', 'g', OPEN, mark('x', 'present', unmarked('x'))),
      sets.set('d-twice', 'g', OPEN, mark('m', 'present', unmarked('m'))),
      sets.set('d-twice', 'g', OPEN, mark('m', 'excused', unmarked('m'))),
    ]);
    expect(outcomes.map((o) => o.written)).toEqual([true, true, false]);
    expect((await stored('d-twice')).marks).toEqual({ x: 'present', m: 'present' });
  });

  it('writes nothing into a closed document, nor into one that is not there', async () => {
    await create('d-closed', 'closed');
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    const outcomes = await Promise.all(['a', 'b', 'c', 'd'].map((w) => sets.set('d-closed', 'g', OPEN, mark(w, 'present'))));
    expect(outcomes.every((o) => !o.written)).toBe(true);
    expect((await stored('d-closed')).marks).toEqual({});
    const missing = await Promise.all(['a', 'b', 'c'].map((w) => sets.set('d-none', 'g', OPEN, mark(w, 'present'))));
    expect(missing.every((o) => !o.written)).toBe(true);
  });

  it('more than 10 waiting go in patches of at most 10 operations (Cosmos refuses more)', async () => {
    await create('d-ten');
    const sizes: number[] = [];
    const sizing = new Proxy(plain, {
      get: (target, prop) => (prop === 'item' ? (id: string, pk: string) => {
        const item = target.item(id, pk);
        return new Proxy(item, { get: (i, p) => (p === 'patch' ? (...args: Parameters<typeof item.patch>) => {
          const body = args[0];
          sizes.push(Array.isArray(body) ? body.length : body.operations.length);
          return i.patch(...args);
        } : Reflect.get(i, p)) });
      } : Reflect.get(target, prop)),
    });
    const sets = new CoalescedPatches<Doc>(sizing, {}, 1);
    const outcomes = await Promise.all(Array.from({ length: 25 }, (_, i) => sets.set('d-ten', 'g', OPEN, mark(`m${i}`, 'present'))));
    expect(outcomes.every((o) => o.written)).toBe(true);
    expect(sizes).toEqual([1, 10, 10, 4]);
    expect(Object.keys((await stored('d-ten')).marks)).toHaveLength(25);
  });

  it('an error that is no answer about the document (a bad condition) reaches the caller of that set', async () => {
    await create('d-bad');
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    const outcomes = await Promise.allSettled([
      sets.set('d-bad', 'g', OPEN, mark('a', 'present')),
      sets.set('d-bad', 'g', OPEN, mark('b', 'present')),
      sets.set('d-bad', 'g', OPEN, mark('c', 'present', ' AND (((')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((await stored('d-bad')).marks).toEqual({ a: 'present', b: 'present' });
  });
});
