import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimIdOf } from '../../src/store/activity-claims.js';
import { groupIdOf } from '../../src/bot/context.js';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction, pressData } from '../support/cards.js';
import { answered, choiceValue, TIERP } from '../support/seed-group.js';
import { tierpStarted } from '../support/attendance-helpers.js';
import { TestBot } from '../support/test-bot.js';
import { memberId, P, PARTY_REPS, seedGroup, TEXT, TITLE } from '../approvals/approval-fixtures.js';

type Json = Record<string, any>;

/**
 * Check-in and approval answers are the presses a whole group makes at once, so they take no
 * activity claim: the press's id is kept on the mark or answer it writes, and Teams delivering the
 * press again changes nothing and gets the first answer.
 */
describe('a redelivered check-in or approval answer is recognised on its own record', () => {
  let bot: TestBot;
  const NOW = new Date('2018-03-16T12:05:00Z');

  beforeAll(async () => {
    bot = await TestBot.start({ now: () => NOW });
  });
  afterAll(async () => bot.stop());

  const press = (conv: A.Conversation, who: A.Person, card: Json, title: string, inputs: Record<string, unknown> = {}) => {
    const found = findAction(card, title);
    return A.cardAction(conv, who, bot.serviceUrl, found.action.verb, pressData(found, inputs), { replyToId: bot.activityIdOf(card) });
  };
  /** The card an invoke was answered with (a press posted as is, so it can be posted again). */
  const answerCard = (r: { body?: Json }): Json => {
    if (r.body?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`expected a card, got ${JSON.stringify(r.body)}`);
    return r.body.value;
  };
  const claimOf = (conv: A.Conversation, activity: Json) =>
    bot.lokus.deps.activityClaims.get(claimIdOf({ channelId: 'msteams', conversationId: conv.id, activityId: activity.id, activityType: 'invoke:adaptiveCard/action' }));

  it('check-in delivered three times: one mark, three identical answers, and a later leader mark is not undone', async () => {
    const { conv, card, groupId, meeting } = await tierpStarted(bot, 'redeliver-checkin');
    const nimaPress = press(conv, TIERP.nima, card, 'Närvarande');
    const first = await bot.post(nimaPress);
    const again = await Promise.all([bot.post(nimaPress), bot.post(nimaPress)]);
    for (const r of [first, ...again]) {
      expect(r.status).toBe(200);
      expect(cardText(answerCard(r))).toContain('Du är markerad som närvarande.');
    }
    const stored = (await bot.lokus.deps.meetings.get(groupId, meeting.id))!;
    const nimaId = Object.keys(stored.attendance).find((id) => stored.attendance[id]!.byName === TIERP.nima.name)!;
    expect(stored.attendance[nimaId]).toMatchObject({ status: 'present', source: 'self', activityIds: [nimaPress.id] });
    expect(await claimOf(conv, nimaPress)).toBeUndefined();

    // A new press (another id) is a second click: nothing to change.
    const second = await bot.post(press(conv, TIERP.nima, card, 'Närvarande'));
    expect(cardText(answerCard(second))).toContain('Du var redan markerad som närvarande. Inget ändrades.');

    // The chair marks Nima absent; Nima's old press arriving again must not undo it.
    const form = answered(await bot.click(conv, TIERP.marika, card, 'Visa min närvaro'));
    answered(await bot.click(conv, TIERP.marika, form, 'Spara närvaro', { memberId: choiceValue(form, 'memberId', /^Nima/), status: 'absent' }));
    const late = await bot.post(nimaPress);
    expect(cardText(answerCard(late))).toContain('Din närvaro: frånvarande.');
    const after = (await bot.lokus.deps.meetings.get(groupId, meeting.id))!;
    expect(after.attendance[nimaId]).toMatchObject({ status: 'absent', source: 'marked' });
  });

  it('approval answer delivered three times: counted once, three identical answers, and a changed answer stands', async () => {
    const conv = A.channel('redeliver-approval');
    await seedGroup(bot, conv, NOW);
    const asked = await bot.say(conv, P.marikaB, `godkännande ${TITLE}`);
    const form = cardsOf(asked.replies[0])[0]!;
    const sent = await bot.click(conv, P.marikaB, form, 'Skicka för godkännande', {
      text: TEXT, voters: PARTY_REPS.map(memberId).join(','), rule: 'all', deadlineDate: '2018-03-23', deadlineTime: '12:00', reminder: 'none', signatory: 'none',
    });
    expect(sent.card, sent.message).toBeDefined();
    await bot.idle();
    const requestCard = bot.currentCard(asked.replies[0]!.id as string)!;
    const yes = press(conv, P.nima, requestCard, 'Godkänn');
    const first = await bot.post(yes);
    const again = await Promise.all([bot.post(yes), bot.post(yes)]);
    const firstText = cardText(answerCard(first));
    expect(firstText).toContain('Ditt godkännande är sparat.');
    for (const r of again) expect(cardText(answerCard(r))).toBe(firstText);
    const approvalId = String(findAction(requestCard, 'Godkänn').action.data.approvalId);
    let stored = (await bot.lokus.deps.approvals.get(groupIdOf(conv.tenantId, conv.id), approvalId))!;
    const nimaAnswers = stored.approval.answers[Object.keys(stored.approval.answers).find((k) => stored.approval.voters.find((v) => v.key === k)?.memberId === memberId(P.nima))!]!;
    expect(nimaAnswers.log).toHaveLength(1);
    expect(nimaAnswers.log[0]).toMatchObject({ choice: 'approve', activityId: yes.id });
    expect(await claimOf(conv, yes)).toBeUndefined();

    // Nima changes his mind; the old "Godkänn" arriving again does not bring the yes back.
    answered(await bot.click(conv, P.nima, requestCard, 'Skicka avslag', { reason: 'Datumet krockar med budgetarbetet.' }));
    await bot.post(yes);
    stored = (await bot.lokus.deps.approvals.get(stored.approval.groupId, approvalId))!;
    const latest = stored.approval.answers[Object.keys(stored.approval.answers).find((k) => stored.approval.voters.find((v) => v.key === k)?.memberId === memberId(P.nima))!]!;
    expect(latest.decision).toMatchObject({ choice: 'reject' });
    expect(latest.log.map((e) => e.choice)).toEqual(['approve', 'reject']);
  });
});
