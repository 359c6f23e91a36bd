import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { forgeryScene, type Press } from '../support/forgery.js';
import { COMMAND_SAMPLES, commandsWithoutSample, recordRoutes } from '../support/registered-routes.js';
import { groupIdFor } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';
import { AzureOpenAIServer, factsSent } from '../support/azure-openai-server.js';

/**
 * The authorization audit (issue 10): every registered card verb and chat command, walked. Card data
 * copied from group A's real cards is pressed from another tenant (same conversation id), another
 * channel and by someone outside the group, with extra fields claiming to be A's secretary in A's
 * group; none of it may change anything.
 */
describe('authorization: forged ids and identities change nothing', () => {
  const routes = recordRoutes();
  let bot: TestBot;
  let scene: Awaited<ReturnType<typeof forgeryScene>>;
  let presses: Press[];
  // The optional assistant (issue 29) is on, so its verbs are walked too: the model proposes an item.
  let model: AzureOpenAIServer;

  beforeAll(async () => {
    model = await new AzureOpenAIServer().start();
    model.answer = (body) => {
      const meeting = factsSent(body).meetings[0];
      return meeting ? { toolCall: { name: 'add_agenda_item', arguments: JSON.stringify({ meeting_id: meeting.id, title: 'Budget' }) } } : { content: '' };
    };
    bot = await TestBot.start({ env: model.env() });
    scene = await forgeryScene(bot);
    presses = scene.presses;
  });
  afterAll(async () => {
    await bot.stop();
    await model.stop();
  });

  /** Fields a forger adds to name the actor or switch group; card data must never be read for these. */
  const claims = () => ({
    groupId: groupIdFor(scene.a),
    tenantId: scene.a.tenantId,
    conversationId: scene.a.id,
    from: { id: scene.secretary.id, aadObjectId: scene.secretary.aadObjectId, name: scene.secretary.name },
    userId: scene.secretary.id,
    aadObjectId: scene.secretary.aadObjectId,
    actorId: scene.secretary.id,
  });

  /** A's documents by id (A's partition only). */
  const partitionOf = (snap: Map<string, string>, conv: A.Conversation) => new Map([...snap].filter(([k]) => k.endsWith(`/${groupIdFor(conv)}`)));

  it('finds every registered card verb on a card the bot really sent, and a sample for every command', () => {
    expect(routes.verbs.length).toBeGreaterThan(10);
    const onCards = new Set(presses.map((p) => p.verb));
    // approval.form is for a button no card shows yet; it only opens an empty form. minutes.page shows
    // only on minutes longer than one card: the size test pages through those, and an outsider's press
    // is refused there.
    expect(routes.verbs.filter((v) => !onCards.has(v) && v !== 'approval.form' && v !== 'minutes.page')).toEqual([]);
    expect(commandsWithoutSample(routes)).toEqual([]);
  });

  it('refuses every card action from outside the group, whatever identity the data claims', async () => {
    const before = await storeSnapshot(bot.lokus.store);
    for (const p of presses) {
      const r = await bot.post(A.cardAction(scene.a, scene.outsider, bot.serviceUrl, p.verb, { ...p.data, ...claims() }));
      expect(r.status, p.verb).toBe(200);
    }
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
  });

  it("refuses every card action with A's ids pressed in another tenant's conversation of the same id, and in another channel", async () => {
    for (const conv of [scene.b, scene.c]) {
      const before = await storeSnapshot(bot.lokus.store);
      const carryingIds = presses.filter((p) => Object.values(p.data).some((v) => typeof v === 'string' && /^[a-z]+[-_][0-9a-f]{6,}/i.test(v)));
      expect(carryingIds.length).toBeGreaterThan(5);
      for (const p of carryingIds) {
        // B's and C's chair is a person with the same Teams and Entra ids as A's secretary.
        const r = await bot.post(A.cardAction(conv, scene.secretary, bot.serviceUrl, p.verb, { ...p.data, ...claims() }));
        expect(r.status, p.verb).toBe(200);
      }
      await bot.settle();
      expect(changedDocuments(before, await storeSnapshot(bot.lokus.store)), conv.tenantId).toEqual([]);
    }
  });

  it('keeps every group to itself: presses without ids in B and C never touch A', async () => {
    const before = partitionOf(await storeSnapshot(bot.lokus.store), scene.a);
    for (const conv of [scene.b, scene.c]) {
      for (const p of presses) await bot.post(A.cardAction(conv, scene.secretary, bot.serviceUrl, p.verb, { ...p.data, ...claims() }));
    }
    await bot.settle();
    expect(changedDocuments(before, partitionOf(await storeSnapshot(bot.lokus.store), scene.a))).toEqual([]);
  });

  it('walks every command: someone outside the group changes nothing; the same command under another tenant never touches A', async () => {
    const before = await storeSnapshot(bot.lokus.store);
    for (const text of COMMAND_SAMPLES) {
      const r = await bot.say(scene.a, scene.outsider, text);
      expect(r.status, text).toBe(200);
    }
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);

    const aBefore = partitionOf(await storeSnapshot(bot.lokus.store), scene.a);
    for (const text of COMMAND_SAMPLES) await bot.say(scene.b, scene.secretary, text);
    await bot.settle();
    expect(changedDocuments(aBefore, partitionOf(await storeSnapshot(bot.lokus.store), scene.a))).toEqual([]);
  });

  it('lets a member without a role do nothing a role is needed for', async () => {
    const before = await storeSnapshot(bot.lokus.store);
    // Check-ins, approval answers, one's own jäv and vote are every member's own (issues 5, 6, 26); everything else needs a role.
    const open = new Set(['attendance.checkIn', 'approval.answer', 'approval.vote', 'formal.jav', 'formal.ballot']);
    for (const p of presses.filter((x) => !open.has(x.verb))) {
      await bot.post(A.cardAction(scene.a, scene.member, bot.serviceUrl, p.verb, p.data));
    }
    await bot.settle();
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
  });
});
