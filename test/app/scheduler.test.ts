import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/log.js';
import { Scheduler } from '../../src/app/scheduler.js';
import { LeaseRepo } from '../../src/store/lease-repo.js';
import { freshCosmos } from '../support/embedded.js';

describe('Scheduler', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let leases: LeaseRepo;
  let clock = new Date('2018-03-01T08:59:30.000Z');
  const log = createLogger('silent');
  beforeAll(async () => {
    cosmos = await freshCosmos();
    const { container } = await cosmos.client.database('test').containers.createIfNotExists({ id: 'bot', partitionKey: { paths: ['/pk'] } });
    leases = new LeaseRepo(container);
  });
  afterAll(() => cosmos.close());

  it('runs the due items of every kind on the instance holding the lease; a failed item is tried again next tick', async () => {
    const a = new Scheduler({ leases, holder: 'A', now: () => clock, log });
    const b = new Scheduler({ leases, holder: 'B', now: () => clock, log });
    const done: string[] = [];
    let failOnce = true;
    for (const s of [a, b]) {
      s.register<string>({
        kind: 'action.reminder',
        findDue: async (now) => (now >= new Date('2018-03-01T09:00:00.000Z') ? ['uppdrag-1', 'uppdrag-2'].filter((x) => !done.includes(x)) : []),
        async run(item) {
          if (item === 'uppdrag-2' && failOnce) {
            failOnce = false;
            throw new Error('connector down');
          }
          done.push(item);
        },
      });
    }
    expect(await a.tick()).toEqual({ leader: true, ran: {}, failed: 0 });
    clock = new Date('2018-03-01T09:00:00.000Z');
    expect(await b.tick()).toEqual({ leader: false, ran: {}, failed: 0 });
    expect(await a.tick()).toEqual({ leader: true, ran: { 'action.reminder': 1 }, failed: 1 });
    expect(await a.tick()).toEqual({ leader: true, ran: { 'action.reminder': 1 }, failed: 0 });
    expect(done).toEqual(['uppdrag-1', 'uppdrag-2']);
    await a.stop();
    // A stopped instance gives the lease up: the other one takes over at once.
    expect((await b.tick()).leader).toBe(true);
    await b.stop();
  });

  it('refuses a kind registered twice', () => {
    const s = new Scheduler({ leases, holder: 'C', now: () => clock, log });
    const kind = { kind: 'approval', findDue: async () => [], run: async () => undefined };
    s.register(kind);
    expect(() => s.register(kind)).toThrow('registered twice');
  });
});
