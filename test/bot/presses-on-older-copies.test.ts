import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction, pressData } from '../support/cards.js';
import { Connector } from '../support/connector.js';
import { freshCosmos } from '../support/embedded.js';
import { answered, choiceValue, TIERP } from '../support/seed-group.js';
import { tierpStarted } from '../support/attendance-helpers.js';
import { TestBot } from '../support/test-bot.js';
import { groupIdOf } from '../../src/bot/context.js';
import { memberId, P, PARTY_REPS, seedGroup, TEXT, TITLE } from '../approvals/approval-fixtures.js';

type Json = Record<string, any>;

/**
 * A check-in or approval answer is decided on the meeting, request and group as this instance last
 * saw them, and written only if the member's mark or answers are still the ones that decision saw. Two instances on one Cosmos: what one
 * writes, the other has not seen, and nothing it decides on its older copy may undo it.
 */
describe('check-ins and approval answers decided on an older copy of the meeting, request or group', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let connector: Connector;
  let one: TestBot;
  let two: TestBot;
  const NOW = new Date('2018-03-16T12:05:00Z');

  beforeAll(async () => {
    cosmos = await freshCosmos();
    connector = await new Connector().start();
    const env = { COSMOS_ENDPOINT: cosmos.server.endpoint, COSMOS_KEY: cosmos.server.key, COSMOS_DATABASE: 'older-copies' };
    one = await TestBot.start({ env, connector, now: () => NOW });
    two = await TestBot.start({ env, connector, now: () => NOW });
  });
  afterAll(async () => {
    await one.stop();
    await two.stop();
    await connector.stop();
    await cosmos.close();
  });

  const press = (bot: TestBot, conv: A.Conversation, who: A.Person, card: Json) => {
    const found = findAction(card, 'Närvarande');
    return A.cardAction(conv, who, bot.serviceUrl, found.action.verb, pressData(found), { replyToId: one.activityIdOf(card) });
  };
  const answerText = (r: { body?: Json }): string => {
    if (r.body?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`expected a card, got ${JSON.stringify(r.body)}`);
    return cardText(r.body.value);
  };

  it('a press redelivered to the instance that has not seen it does not undo a later leader mark', async () => {
    const { conv, card, groupId, meeting } = await tierpStarted(one, 'older-copy-meeting');
    // Instance two keeps the meeting as it was before Nima's press.
    expect(answerText(await two.post(press(two, conv, TIERP.geli, card)))).toContain('Du är markerad som närvarande.');

    const nimaPress = press(one, conv, TIERP.nima, card);
    expect(answerText(await one.post(nimaPress))).toContain('Du är markerad som närvarande.');
    const form = answered(await one.click(conv, TIERP.marika, card, 'Visa min närvaro'));
    answered(await one.click(conv, TIERP.marika, form, 'Spara närvaro', { memberId: choiceValue(form, 'memberId', /^Nima/), status: 'absent' }));

    // Teams delivers Nima's old press again, to instance two.
    const late = await two.post({ ...nimaPress, serviceUrl: two.serviceUrl });
    expect(answerText(late)).toContain('Din närvaro: frånvarande.');
    const stored = (await one.lokus.deps.meetings.get(groupId, meeting.id))!;
    const nima = Object.values(stored.attendance).find((m) => m.activityIds?.includes(nimaPress.id!))!;
    expect(nima).toMatchObject({ status: 'absent', source: 'marked' });
    expect(Object.values(stored.attendance).filter((m) => m.status === 'present')).toHaveLength(1);
  });

  it('a member added on one instance a moment ago checks in at once on the other', async () => {
    const newcomer = A.person('Sara Lindberg');
    const { conv, card, groupId, meeting } = await tierpStarted(one, 'older-copy-group');
    // Instance two has just read the group (before the newcomer was added).
    expect(answerText(await two.post(press(two, conv, TIERP.geli, card)))).toContain('Du är markerad som närvarande.');

    one.connector.rosters.set(conv.id, [newcomer]);
    const shown = cardsOf((await one.say(conv, TIERP.marika, 'grupp')).replies[0])[0]!;
    let settings = answered(await one.click(conv, TIERP.marika, shown, 'Hämta från Teams'));
    settings = answered(await one.click(conv, TIERP.marika, settings, 'Lägg till valda', { people: newcomer.id, rosterOrganisation: 'Region Uppsala' }));
    expect(cardText(settings)).toContain('Sara Lindberg');

    expect(answerText(await two.post(press(two, conv, newcomer, card)))).toContain('Du är markerad som närvarande.');
    const stored = (await one.lokus.deps.meetings.get(groupId, meeting.id))!;
    expect(Object.values(stored.attendance).some((m) => m.byName === 'Sara Lindberg' && m.status === 'present')).toBe(true);
  });

  it('an approval answer redelivered to the instance that has not seen it does not bring back a changed answer', async () => {
    const conv = A.channel('older-copy-approval');
    await seedGroup(one, conv, NOW);
    const asked = await one.say(conv, P.marikaB, `godkännande ${TITLE}`);
    const sent = await one.click(conv, P.marikaB, cardsOf(asked.replies[0])[0]!, 'Skicka för godkännande', {
      text: TEXT, voters: PARTY_REPS.map(memberId).join(','), rule: 'majority', deadlineDate: '2018-03-23', deadlineTime: '12:00', reminder: 'none', signatory: 'none',
    });
    expect(sent.card, sent.message).toBeDefined();
    await one.idle();
    const requestCard = one.currentCard(asked.replies[0]!.id as string)!;
    const approve = (bot: TestBot, who: A.Person) => {
      const found = findAction(requestCard, 'Godkänn');
      return A.cardAction(conv, who, bot.serviceUrl, found.action.verb, pressData(found), { replyToId: asked.replies[0]!.id as string });
    };
    // Instance two keeps the request as it was before Nima answered.
    expect(answerText(await two.post(approve(two, P.wictoria)))).toContain('Ditt godkännande är sparat.');
    await two.idle();

    const yes = approve(one, P.nima);
    expect(answerText(await one.post(yes))).toContain('Ditt godkännande är sparat.');
    answered(await one.click(conv, P.nima, requestCard, 'Skicka avslag', { reason: 'Datumet krockar med budgetarbetet.' }));
    await two.post({ ...yes, serviceUrl: two.serviceUrl });

    const approvalId = String(findAction(requestCard, 'Godkänn').action.data.approvalId);
    const stored = (await one.lokus.deps.approvals.get(groupIdOf(conv.tenantId, conv.id), approvalId))!;
    const nimaKey = stored.approval.voters.find((v) => v.memberId === memberId(P.nima))!.key;
    expect(stored.approval.answers[nimaKey]!.decision).toMatchObject({ choice: 'reject' });
    expect(stored.approval.answers[nimaKey]!.log.map((e) => e.choice)).toEqual(['approve', 'reject']);
  });
});
