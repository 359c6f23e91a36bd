import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnce, updateWithRetry } from '../../src/store/update-with-retry.js';
import { freshCosmos } from '../support/embedded.js';

describe('updateWithRetry against the embedded Cosmos server', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  beforeAll(async () => {
    cosmos = await freshCosmos();
  });
  afterAll(async () => cosmos.close());

  it('N parallel increments of one document give exactly N (If-Match, retry on 412)', async () => {
    const c = await cosmos.container();
    const N = 40;
    const seen = await Promise.all(
      Array.from({ length: N }, () =>
        updateWithRetry<{ id: string; groupId: string; count: number }, number>(c, 'counter', 'g1', (cur) => {
          const count = (cur?.count ?? 0) + 1;
          return { next: { id: 'counter', groupId: 'g1', count }, result: count };
        }),
      ),
    );
    const { resource } = await c.item('counter', 'g1').read();
    expect(resource.count).toBe(N);
    // Every writer saw its own, distinct value: no increment was applied twice or lost.
    expect(new Set(seen).size).toBe(N);
  });

  it('writes nothing when the change says so, and returns its result', async () => {
    const c = await cosmos.container();
    await c.items.create({ id: 'doc', groupId: 'g1', v: 1 });
    const before = (await c.item('doc', 'g1').read()).etag;
    const r = await updateWithRetry<{ id: string; groupId: string; v: number }, string>(c, 'doc', 'g1', () => ({ result: 'refused' }));
    expect(r).toBe('refused');
    expect((await c.item('doc', 'g1').read()).etag).toBe(before);
  });

  it('createOnce creates once, however often it is called', async () => {
    const c = await cosmos.container();
    const results = await Promise.all(Array.from({ length: 10 }, () => createOnce(c, { id: 'once', groupId: 'g1' })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});
