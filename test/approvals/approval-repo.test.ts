import type { Container } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApproval, newVersion, voterOf, withdraw, type Approval, type NewApproval, type PersonRef } from '../../src/approvals/domain/approval.js';
import { runDue } from '../../src/approvals/domain/approval-due.js';
import { tally } from '../../src/approvals/domain/approval-tally.js';
import { pseudonymize } from '../../src/shared/personal-data.js';
import { ApprovalRepo } from '../../src/approvals/approval-repo.js';
import { LeaseRepo } from '../../src/store/lease-repo.js';
import { countingPatches } from '../support/counting-patches.js';
import { freshCosmos } from '../support/embedded.js';
import { deviationReport, SEED000 as S } from '../fixtures/seed000-approval.js';

const T0 = new Date('2018-01-29T08:00:00.000Z');
let seq = 0;

function make(input: Partial<NewApproval> = {}, groupId = 'g-tierp'): Approval {
  const r = createApproval({ ...deviationReport(T0), ...input }, { id: `ap-${++seq}`, groupId, requester: S.marikaB, now: T0 });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.approval;
}

const people = (n: number, parties = 4): PersonRef[] =>
  Array.from({ length: n }, (_, i) => ({ memberId: `m${i}`, name: `Medlem ${i}`, party: `Part ${i % parties}`, teamsId: `29:m${i}` }));

describe('ApprovalRepo on the embedded Cosmos server', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let repo: ApprovalRepo;
  let bot: Container;
  beforeAll(async () => {
    cosmos = await freshCosmos();
    repo = new ApprovalRepo(await cosmos.container('domain'));
    bot = (await cosmos.client.database('test').containers.createIfNotExists({ id: 'bot', partitionKey: { paths: ['/pk'] } })).container;
  });
  afterAll(() => cosmos.close());

  it('reads a request only in its own group partition', async () => {
    const a = make();
    await repo.create(a);
    expect((await repo.get('g-tierp', a.id))?.approval).toEqual(a);
    expect(await repo.get('g-other', a.id)).toBeUndefined();
    expect(await repo.answer('g-other', a.id, S.nima.memberId, { choice: 'approve', version: 1 }, T0)).toBeUndefined();
  });

  it('100 voters answering at once, each twice: every answer kept exactly once', async () => {
    const voters = people(100);
    const a = make({ voters, rule: 'all', signatory: undefined });
    await repo.create(a);
    const results = await Promise.all(
      voters.flatMap((v) => [0, 1].map(() => repo.answer('g-tierp', a.id, v.memberId, { choice: 'comment', text: `Synpunkt från ${v.name}`, version: 1 }, T0))),
    );
    expect(results.every((r) => r?.ok)).toBe(true);
    expect(results.filter((r) => r?.ok && r.changed)).toHaveLength(100);
    const stored = (await repo.get('g-tierp', a.id))!.approval;
    expect(Object.values(stored.answers).map((m) => m.log.length)).toEqual(Array(100).fill(1));
    expect(tally(stored).comment).toBe(100);
  });

  it('answers that come at once share patches, each with its own condition, and each sees the request as stored', async () => {
    const { container, patches } = countingPatches(await cosmos.container('domain'));
    const here = new ApprovalRepo(container);
    const voters = people(60);
    const a = make({ voters, rule: 'all', signatory: undefined });
    await here.create(a);
    const results = await Promise.all(voters.map((v) => here.answer('g-tierp', a.id, v.memberId, { choice: 'comment', text: `Synpunkt från ${v.name}`, version: 1 }, T0)));
    expect(results.filter((r) => r?.ok && r.changed)).toHaveLength(60);
    // Ten voters (one operation each: the voter's whole slot) to a patch once they queue.
    expect(patches.length).toBeLessThanOrEqual(10);
    expect(Math.max(...patches)).toBe(10);
    // Voters who shared a patch see the request it left: one state of the answers (and one tally on their cards) per patch.
    expect(new Set(results.map((r) => JSON.stringify(r?.approval.answers))).size).toBeLessThanOrEqual(patches.length);
    for (const [i, r] of results.entries()) expect(r?.ok && r.approval.answers[voterOf(r.approval, `m${i}`)!.key]?.log).toHaveLength(1);
    expect(tally((await here.get('g-tierp', a.id))!.approval).comment).toBe(60);
  });

  it("an answer decided on another instance's older copy keeps every answer the voter gave since", async () => {
    const domain = await cosmos.container('domain');
    const [one, two] = [new ApprovalRepo(domain), new ApprovalRepo(domain)];
    const a = make({ voters: people(5), rule: 'majority', signatory: undefined });
    await one.create(a);
    await two.get('g-tierp', a.id); // instance two keeps the request with no answers
    await one.answer('g-tierp', a.id, 'm0', { choice: 'approve', version: 1 }, T0);
    await one.answer('g-tierp', a.id, 'm0', { choice: 'comment', text: 'Se bilagan.', version: 1 }, T0);
    const r = await two.answer('g-tierp', a.id, 'm0', { choice: 'reject', text: 'Datumet krockar.', version: 1 }, T0);
    expect(r).toMatchObject({ ok: true, changed: true });
    const slot = (await one.get('g-tierp', a.id))!.approval.answers[voterOf(a, 'm0')!.key]!;
    expect(slot.log.map((e) => e.choice)).toEqual(['approve', 'comment', 'reject']);
    expect(slot).toMatchObject({ decision: { choice: 'reject', text: 'Datumet krockar.' }, comment: { choice: 'comment', text: 'Se bilagan.' } });
  });

  it('an answer decided on an older copy never brings back what erasure rewrote in place since', async () => {
    const domain = await cosmos.container('domain');
    const [one, two] = [new ApprovalRepo(domain), new ApprovalRepo(domain)];
    const a = make({ voters: people(5), rule: 'majority', signatory: undefined });
    await one.create(a);
    await one.answer('g-tierp', a.id, 'm0', { choice: 'comment', text: 'Fråga Medlem 4 om datumet.', version: 1 }, T0);
    await two.get('g-tierp', a.id); // instance two keeps the request with m0's comment naming Medlem 4
    // Medlem 4 is erased (as `npm run gdpr -- erase` does it: the document replaced under If-Match).
    const { resource: doc } = await domain.item(a.id, 'g-tierp').read();
    const erased = pseudonymize(doc, { ids: ['m4', '29:m4'], names: ['Medlem 4'] }, { id: 'pseudonym-x', name: 'Anonymiserad person 1a2b' });
    expect(erased.kind).toBe('pseudonymized');
    if (erased.kind !== 'pseudonymized') return;
    await domain.item(a.id, 'g-tierp').replace(erased.doc, { accessCondition: { type: 'IfMatch', condition: doc._etag } });

    const r = await two.answer('g-tierp', a.id, 'm0', { choice: 'approve', version: 1 }, T0);
    expect(r).toMatchObject({ ok: true, changed: true });
    const { resource: stored } = await domain.item(a.id, 'g-tierp').read();
    expect(JSON.stringify(stored)).not.toContain('Medlem 4');
    const slot = (await one.get('g-tierp', a.id))!.approval.answers[voterOf(a, 'm0')!.key]!;
    expect(slot.log.map((e) => [e.choice, e.text])).toEqual([['comment', 'Fråga Anonymiserad person 1a2b om datumet.'], ['approve', undefined]]);
  });

  it('writes the outcome once when many yeses land together', async () => {
    const voters = people(40);
    const a = make({ voters, rule: 'majority' });
    await repo.create(a);
    const results = await Promise.all(voters.map((v) => repo.answer('g-tierp', a.id, v.memberId, { choice: 'approve', version: 1 }, T0)));
    const decided = results.flatMap((r) => (r?.ok ? r.events : [])).filter((e) => e.type === 'decided');
    expect(decided).toEqual([{ type: 'decided', status: 'approved', reason: 'ruleMet', signatory: S.wictoria }]);
    const stored = (await repo.get('g-tierp', a.id))!.approval;
    expect(stored.status).toBe('approved');
    // Yeses that came after the outcome were refused, not lost silently: each got an answer.
    const refused = results.filter((r) => r && !r.ok);
    expect(refused.every((r) => !r!.ok && r!.error.code === 'APPROVAL.CLOSED')).toBe(true);
    expect(tally(stored).approve + refused.length).toBe(40);
  });

  it('refuses an answer to an old version and writes nothing', async () => {
    const a = make();
    await repo.create(a);
    await repo.change('g-tierp', a.id, (x) => newVersion(x, { by: S.marikaB, text: 'v2', seenVersion: 1 }, T0));
    const r = await repo.answer('g-tierp', a.id, S.nima.memberId, { choice: 'approve', version: 1 }, T0);
    expect(r).toMatchObject({ ok: false, error: { code: 'APPROVAL.VERSION_MISMATCH' } });
    expect((await repo.get('g-tierp', a.id))!.approval.answers.v3!.log).toEqual([]);
  });

  it('lists a group’s open requests by id, title and deadline only: not closed ones, not another group’s', async () => {
    const open = make({ title: 'Yttrande över remiss' }, 'g-summaries');
    const withdrawn = make({}, 'g-summaries');
    const elsewhere = make({}, 'g-summaries-other');
    for (const a of [open, withdrawn, elsewhere]) await repo.create(a);
    expect((await repo.change('g-summaries', withdrawn.id, (a) => withdraw(a, S.marikaB, T0)))?.ok).toBe(true);
    expect(await repo.openSummaries('g-summaries')).toEqual([{ id: open.id, title: 'Yttrande över remiss', deadline: open.deadline }]);
  });

  it('finds due requests across groups by their next due time', async () => {
    const a = make({}, 'g-due');
    await repo.create(a);
    const reminder = new Date(a.reminderAt!);
    const ids = async (now: Date) => (await repo.findDue(now)).filter((d) => d.groupId === 'g-due').map((d) => d.id);
    expect(await ids(new Date(reminder.getTime() - 1))).toEqual([]);
    expect(await ids(reminder)).toEqual([a.id]);
    await repo.change('g-due', a.id, (x) => ({ ok: true, value: runDue(x, reminder) }));
    expect(await ids(reminder)).toEqual([]);
    expect(await ids(new Date(a.deadline))).toEqual([a.id]);
  });

  it('a lease is held by one instance until it runs out', async () => {
    const leases = new LeaseRepo(bot);
    const [a, b] = await Promise.all([leases.tryAcquire('t', 'A', T0, 60_000), leases.tryAcquire('t', 'B', T0, 60_000)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const winner = a ? 'A' : 'B';
    const loser = a ? 'B' : 'A';
    expect(await leases.tryAcquire('t', loser, new Date(T0.getTime() + 59_000), 60_000)).toBe(false);
    expect(await leases.tryAcquire('t', winner, new Date(T0.getTime() + 59_000), 60_000)).toBe(true);
    expect(await leases.tryAcquire('t', loser, new Date(T0.getTime() + 120_000), 60_000)).toBe(true);
    await leases.release('t', loser);
    expect(await leases.tryAcquire('t', winner, new Date(T0.getTime() + 121_000), 60_000)).toBe(true);
  });
});
