import type { Container } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoalescedPatches, conditionalSet, type ConditionalChange } from '../../src/store/coalesced-patches.js';
import { countingPatches } from '../support/counting-patches.js';
import { freshCosmos } from '../support/embedded.js';

interface Doc {
  id: string;
  groupId: string;
  status: string;
  marks: Record<string, string>;
}

const OPEN = "FROM c WHERE c.status = 'open'";
const mark = (who: string, value: string, when = ''): ConditionalChange => conditionalSet(`/marks/${who}`, value, when);
const unmarked = (who: string) => ` AND NOT IS_DEFINED(c.marks["${who}"])`;

/** Conditional sets on one document go together while one is on its way; each gets the answer its own patch would have had. */
describe('coalesced conditional patches, against the embedded Cosmos server', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let plain: Container;
  let sent: number[];
  let counted: Container;

  beforeAll(async () => {
    cosmos = await freshCosmos();
    plain = await cosmos.container('coalesced');
    ({ container: counted, patches: sent } = countingPatches(plain));
  });
  afterAll(async () => cosmos.close());

  const create = (id: string, status = 'open') => plain.items.create<Doc>({ id, groupId: 'g', status, marks: {} });
  const stored = async (id: string) => (await plain.item(id, 'g').read<Doc>()).resource!;

  it('80 members at once: every mark stored, in far fewer patches than marks', async () => {
    await create('d-many');
    const sets = new CoalescedPatches<Doc>(counted);
    sent.length = 0;
    const who = Array.from({ length: 80 }, (_, i) => `m${i}`);
    const outcomes = await Promise.all(who.map((w) => sets.apply('d-many', 'g', OPEN, mark(w, 'present', unmarked(w)))));
    expect(outcomes.every((o) => o.written)).toBe(true);
    expect(Object.keys((await stored('d-many')).marks).sort()).toEqual([...who].sort());
    expect(sent.length).toBeLessThanOrEqual(12);
  });

  it('a lone set goes at once, as one patch, and comes back with the document unless asked not to', async () => {
    await create('d-one');
    sent.length = 0;
    const outcome = await new CoalescedPatches<Doc>(counted).apply('d-one', 'g', OPEN, mark('m1', 'present'));
    expect(sent).toEqual([1]);
    expect(outcome.written && outcome.resource?.marks).toEqual({ m1: 'present' });
    const minimal = await new CoalescedPatches<Doc>(counted, { initialHeaders: { Prefer: 'return=minimal' } }).apply('d-one', 'g', OPEN, mark('m2', 'present'));
    expect(minimal).toMatchObject({ written: true, resource: undefined });
  });

  it('one stale condition in a joined patch: only that set is refused, the others are written', async () => {
    await create('d-stale');
    await plain.item('d-stale', 'g').patch({ operations: [{ op: 'set', path: '/marks/late', value: 'absent' }] });
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    sent.length = 0;
    // The first goes alone; the three that come while it is on its way go together, and the joined
    // patch fails on `late`, whose mark is no longer missing.
    const [first, ...joined] = await Promise.all([
      sets.apply('d-stale', 'g', OPEN, mark('a', 'present', unmarked('a'))),
      sets.apply('d-stale', 'g', OPEN, mark('b', 'present', unmarked('b'))),
      sets.apply('d-stale', 'g', OPEN, mark('late', 'present', unmarked('late'))),
      sets.apply('d-stale', 'g', OPEN, mark('c', 'present', unmarked('c'))),
    ]);
    expect(first!.written).toBe(true);
    expect(joined.map((o) => o.written)).toEqual([true, false, true]);
    expect((await stored('d-stale')).marks).toEqual({ late: 'absent', a: 'present', b: 'present', c: 'present' });
    // 1 alone, 1 joined that failed, 3 again alone.
    expect(sent).toEqual([1, 3, 1, 1, 1]);
  });

  it('the same member twice (a double click): never in one patch, and exactly one of them written', async () => {
    await create('d-twice');
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    const outcomes = await Promise.all([
      sets.apply('d-twice', 'g', OPEN, mark('x', 'present', unmarked('x'))),
      sets.apply('d-twice', 'g', OPEN, mark('m', 'present', unmarked('m'))),
      sets.apply('d-twice', 'g', OPEN, mark('m', 'excused', unmarked('m'))),
    ]);
    expect(outcomes.map((o) => o.written)).toEqual([true, true, false]);
    expect((await stored('d-twice')).marks).toEqual({ x: 'present', m: 'present' });
  });

  it('writes nothing into a closed document, nor into one that is not there', async () => {
    await create('d-closed', 'closed');
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    const outcomes = await Promise.all(['a', 'b', 'c', 'd'].map((w) => sets.apply('d-closed', 'g', OPEN, mark(w, 'present'))));
    expect(outcomes.every((o) => !o.written)).toBe(true);
    expect((await stored('d-closed')).marks).toEqual({});
    const missing = await Promise.all(['a', 'b', 'c'].map((w) => sets.apply('d-none', 'g', OPEN, mark(w, 'present'))));
    expect(missing.every((o) => !o.written)).toBe(true);
  });

  it('more than 10 waiting go in patches of at most 10 operations (Cosmos refuses more)', async () => {
    await create('d-ten');
    sent.length = 0;
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    const outcomes = await Promise.all(Array.from({ length: 25 }, (_, i) => sets.apply('d-ten', 'g', OPEN, mark(`m${i}`, 'present'))));
    expect(outcomes.every((o) => o.written)).toBe(true);
    expect(sent).toEqual([1, 10, 10, 4]);
    expect(Object.keys((await stored('d-ten')).marks)).toHaveLength(25);
  });

  it('changes of several operations fill a patch only as far as 10 operations go, the first one always', async () => {
    await create('d-ops');
    sent.length = 0;
    const three = (w: string): ConditionalChange => ({
      key: `/marks/${w}`,
      operations: ['a', 'b', 'c'].map((f) => ({ op: 'set' as const, path: `/marks/${w}${f}`, value: f })),
      when: unmarked(`${w}a`),
    });
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    const outcomes = await Promise.all(['p', 'q', 'r', 's', 't', 'u', 'v', 'w'].map((w) => sets.apply('d-ops', 'g', OPEN, three(w))));
    expect(outcomes.every((o) => o.written)).toBe(true);
    expect(sent).toEqual([3, 9, 9, 3]);
    expect(Object.keys((await stored('d-ops')).marks)).toHaveLength(24);
  });

  it('an error that is no answer about the document (a bad condition) reaches the caller of that set', async () => {
    await create('d-bad');
    const sets = new CoalescedPatches<Doc>(counted, {}, 1);
    const outcomes = await Promise.allSettled([
      sets.apply('d-bad', 'g', OPEN, mark('a', 'present')),
      sets.apply('d-bad', 'g', OPEN, mark('b', 'present')),
      sets.apply('d-bad', 'g', OPEN, mark('c', 'present', ' AND (((')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((await stored('d-bad')).marks).toEqual({ a: 'present', b: 'present' });
  });
});
