import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '@azure/cosmos';
import { cosmosStatus } from '../../src/store/cosmos-errors.js';
import { MAX_ITEM_BYTES } from '../../src/store/embedded/item-size.js';
import { freshCosmos } from '../support/embedded.js';

/** The embedded server's largest item, as Azure Cosmos DB's: 2 MB, refused with 413 over it. */
describe('items over 2 MB on the embedded server (through the real SDK)', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let c: Container;
  beforeAll(async () => {
    cosmos = await freshCosmos();
    c = await cosmos.container('sizes');
  });
  afterAll(async () => cosmos.close());

  /** A document whose JSON is about `bytes` long (UTF-8: "å" is two bytes). */
  const doc = (id: string, bytes: number) => ({ id, groupId: 'g1', type: 'meeting', notes: 'å'.repeat(Math.floor(bytes / 2)) });
  const refusal = async (p: Promise<unknown>) => {
    const err = (await p.then(() => undefined, (e: unknown) => e)) as { code?: unknown; body?: { code?: string } } | undefined;
    return { status: err === undefined ? 'accepted' : cosmosStatus(err), code: err?.body?.code };
  };

  it('refuses a create over 2 MB with 413 RequestEntityTooLarge, and stores nothing', async () => {
    expect(await refusal(c.items.create(doc('big', MAX_ITEM_BYTES + 10)))).toEqual({ status: 413, code: 'RequestEntityTooLarge' });
    expect((await c.item('big', 'g1').read()).statusCode).toBe(404);
  });

  it('stores an item just under 2 MB', async () => {
    const { resource } = await c.items.create(doc('near', MAX_ITEM_BYTES - 1_000));
    expect(resource?.id).toBe('near');
  });

  it('refuses a replace, an upsert and a patch that would grow an item past 2 MB; the item stays as it was', async () => {
    const { resource } = await c.items.create(doc('grows', 1_000_000));
    const etag = resource!._etag;
    expect(await refusal(c.item('grows', 'g1').replace(doc('grows', MAX_ITEM_BYTES + 2)))).toEqual({ status: 413, code: 'RequestEntityTooLarge' });
    expect(await refusal(c.items.upsert(doc('grows', MAX_ITEM_BYTES + 2)))).toEqual({ status: 413, code: 'RequestEntityTooLarge' });
    const more = 'ö'.repeat(600_000);
    expect(await refusal(c.item('grows', 'g1').patch([{ op: 'add', path: '/more', value: more }]))).toEqual({ status: 413, code: 'RequestEntityTooLarge' });
    const { resource: after } = await c.item('grows', 'g1').read();
    expect(after!._etag).toBe(etag);
    expect(after!.more).toBeUndefined();
    // A small change still goes through.
    const { resource: patched } = await c.item('grows', 'g1').patch([{ op: 'add', path: '/small', value: 1 }]);
    expect(patched!.small).toBe(1);
  });
});
