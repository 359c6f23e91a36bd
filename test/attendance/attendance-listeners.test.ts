import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardText } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, choiceValue } from '../support/seed-group.js';
import { checkInCard, tierpStarted } from '../support/attendance-helpers.js';
import { endMeeting } from '../support/meeting-steps.js';

const NOW = new Date('2018-03-16T12:05:00Z');
const clock = { now: NOW };
const { marika, birgitta, marikaS, wictoria, nima, geli } = TIERP;

describe('the check-in card (närvaro), over real HTTP', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now: () => clock.now });
  });
  afterAll(async () => bot.stop());
  beforeEach(() => {
    clock.now = NOW;
  });

  it('starta möte posts the check-in card; seed 000: everyone presses "Närvarande", every party full, updated in place', async () => {
    const { conv, cardId, card } = await tierpStarted(bot, 'att-seed000');
    expect(cardText(card)).toContain('Närvaro: Lokusmöte Tierp');
    // The four parties' representatives are called; the förbund's staff (Marika, Geli) are no party.
    expect(cardText(card)).toContain('Närvarande: 0 av 4 kallade');
    expect(card.refresh.userIds).toEqual(expect.arrayContaining([marika.id, birgitta.id, nima.id]));
    for (const who of [birgitta, marikaS, wictoria, nima, geli, marika]) {
      const mine = answered(await bot.click(conv, who, card, 'Närvarande'));
      expect(cardText(mine)).toContain('Du är markerad som närvarande.');
      expect(cardText(mine)).toContain('Din närvaro: närvarande.');
      expect(mine.refresh).toBeUndefined();
    }
    await bot.settle();
    const shared = cardText(bot.currentCard(cardId, conv.id)!);
    expect(shared).toContain('Närvarande: 4 av 4 kallade');
    expect(shared).not.toContain('**Samordningsförbundet**');
    for (const line of ['**Region Uppsala** 1 av 1', '**Försäkringskassan** 1 av 1', '**Arbetsförmedlingen** 1 av 1', '**Tierps kommun** 1 av 1', '**Förbundets kansli** (ingen part) 2 närvarande']) {
      expect(shared).toContain(line);
    }
    expect(shared).toContain('- Nima Najafi: närvarande');
    expect(bot.connector.posted(conv.id).filter((a) => a.id === cardId)).toHaveLength(1);
    expect(bot.connector.updates(conv.id).filter((u) => u.activityId === cardId).length).toBeGreaterThan(0);
    // Pressing twice is harmless.
    const again = answered(await bot.click(conv, nima, card, 'Närvarande'));
    expect(cardText(again)).toContain('Du var redan markerad som närvarande. Inget ändrades.');
  });

  it('seed 003: the secretary marks "§1-4", a substitute, an excused member and someone not in Teams; the card shows them', async () => {
    const { conv, cardId, card, groupId, meeting } = await tierpStarted(bot, 'att-seed003', { format: 'protokoll', notInTeams: [['Ola Wiktorson', 'Samordningsförbundet']] });
    // The secretary finds the form on the channel's card by its name, without Teams' own refresh.
    let form = answered(await bot.click(conv, marika, card, 'Markera andra'));
    expect(cardText(form)).toContain('Markera någons närvaro');
    expect(cardText(form)).toContain('Välj person och närvaro nedan och tryck på Spara.');
    // A member without the role who presses it gets their own view and who can mark others; no form.
    const refused = answered(await bot.click(conv, wictoria, card, 'Markera andra'));
    expect(cardText(refused)).not.toContain('Markera någons närvaro');
    expect(cardText(refused)).toMatch(/ordförande|sekreterare/i);
    expect(cardText(refused)).toContain('Du är inte markerad än.');
    // The personal views do not offer it again; the chair's form is there already.
    await expect(bot.click(conv, marika, form, 'Markera andra')).rejects.toThrow();
    const id = (name: RegExp) => choiceValue(form, 'memberId', name);
    const item = (n: RegExp) => choiceValue(form, 'fromItemId', n);
    form = answered(await bot.click(conv, marika, form, 'Spara närvaro', { memberId: id(/^Birgitta/), status: 'partial', fromItemId: item(/^§1 /), toItemId: item(/^§4 /) }));
    expect(cardText(form)).toContain('Birgitta Olsson är markerad som närvarande §1–4.');
    form = answered(await bot.click(conv, marika, form, 'Spara närvaro', { memberId: id(/^Wictoria/), status: 'excused' }));
    form = answered(await bot.click(conv, marika, form, 'Spara närvaro', { memberId: id(/^Nima/), status: 'substitute', substituteFor: id(/^Wictoria/) }));
    expect(cardText(form)).toContain('Nima Najafi är markerad som ersättare för Wictoria Palmetorp.');
    form = answered(await bot.click(conv, marika, form, 'Spara närvaro', { memberId: id(/^Ola Wiktorson/), status: 'present' }));
    expect(cardText(form)).toContain('Ola Wiktorson är markerad som närvarande.');
    await bot.settle();
    const shared = cardText(bot.currentCard(cardId, conv.id)!);
    expect(shared).toContain('- Birgitta Olsson: närvarande §1–4');
    expect(shared).toContain('- Wictoria Palmetorp: anmält förhinder');
    expect(shared).toContain('**Region Uppsala** 1 av 1');
    expect(shared).toContain('**Arbetsförmedlingen** 1 av 1');
    expect(shared).toContain('**Förbundets kansli** (ingen part) 1 närvarande');
    expect(shared).toContain('- Ola Wiktorson: närvarande');
    const stored = (await bot.lokus.deps.meetings.get(groupId, meeting.id))!;
    expect(Object.values(stored.attendance).find((x) => x.status === 'partial')).toMatchObject({ items: '§1-4', source: 'marked', byName: 'Marika Blomgren' });
  });

  it('refuses invalid marks clearly and changes nothing in Cosmos', async () => {
    const { conv, card, groupId, meeting } = await tierpStarted(bot, 'att-invalid');
    const form = answered(await bot.click(conv, marika, card, 'Visa min närvaro'));
    const birgittaId = choiceValue(form, 'memberId', /^Birgitta/);
    const before = await storeSnapshot(bot.lokus.store);
    const send = async (who: A.Person, data: Record<string, unknown>) => (await bot.post(A.cardAction(conv, who, bot.serviceUrl, 'attendance.mark', { meetingId: meeting.id, ...data }))).body?.value as string;
    expect(await send(nima, { memberId: birgittaId, status: 'present' })).toBe('Du kan bara markera din egen närvaro, inte Birgitta Olssons. Ordförande, vice ordförande och sekreterare kan markera andra.');
    expect(await send(marika, { memberId: 'm_forged', status: 'present' })).toBe('Personen finns inte bland gruppens deltagare. Ladda om kortet och välj någon i listan.');
    expect(await send(marika, { memberId: birgittaId, status: 'partial', fromItemId: choiceValue(form, 'fromItemId', /^1 /), toItemId: 'item-elsewhere' })).toMatch(/^Den punkten finns inte på dagordningen \(den har 7 punkter\)/);
    expect(await send(marika, { memberId: birgittaId, status: 'maybe' })).toBe('Kortet skickade ett felaktigt värde för ”närvaro”. Ladda om kortet och försök igen.');
    expect(await send(marika, { memberId: birgittaId, status: 'present', meetingId: 'meeting-of-another-group' })).toBe('Mötet finns inte i den här gruppen. Ladda om kortet eller skriv **dagordning**.');
    const stranger = A.person('Okänd Person');
    expect((await bot.click(conv, stranger, card, 'Närvarande')).message).toBe('Du finns inte med bland gruppens deltagare, så du kan inte anmäla närvaro här. Be sekreteraren lägga till dig.');
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
    expect((await bot.lokus.deps.meetings.get(groupId, meeting.id))!.attendance).toEqual({});
  });

  it('Teams participant events mark members present with times; a manual mark wins', async () => {
    const { conv, cardId, card } = await tierpStarted(bot, 'att-events');
    const join = (p: A.Person, name = 'meetingParticipantJoin') => bot.post(A.meetingEvent(conv, p, bot.serviceUrl, name, { members: [{ user: { id: p.id, aadObjectId: p.aadObjectId, name: p.name }, meeting: { inMeeting: true, role: 'Attendee' } }] }));
    expect((await join(wictoria)).status).toBe(200);
    await join(nima);
    clock.now = new Date('2018-03-16T13:40:00Z');
    await join(nima, 'meetingParticipantLeave');
    await bot.settle();
    let shared = cardText(bot.currentCard(cardId, conv.id)!);
    expect(shared).toContain('- Wictoria Palmetorp: närvarande (anslöt i Teams kl. 13.05)');
    expect(shared).toContain('- Nima Najafi: närvarande (anslöt i Teams kl. 13.05) (lämnade kl. 14.40)');
    expect(shared).toContain('**Arbetsförmedlingen** 1 av 1');
    const form = answered(await bot.click(conv, marika, card, 'Visa min närvaro'));
    await bot.click(conv, marika, form, 'Spara närvaro', { memberId: choiceValue(form, 'memberId', /^Wictoria/), status: 'absent' });
    await bot.settle();
    shared = cardText(bot.currentCard(cardId, conv.id)!);
    expect(shared).toContain('- Wictoria Palmetorp: frånvarande');
    expect(shared).toContain('**Arbetsförmedlingen** 0 av 1');
  });

  it('after the meeting ends only the secretary corrects, and the correction is logged', async () => {
    const { conv, card, cardId, groupId } = await tierpStarted(bot, 'att-ended');
    await bot.click(conv, nima, card, 'Närvarande');
    await endMeeting(bot, conv, marika);
    await bot.settle();
    const ended = cardText(bot.currentCard(cardId, conv.id)!);
    expect(ended).toContain('Mötet är avslutat. Bara sekreteraren kan rätta närvaron nu, och rättelsen loggas.');
    expect(ended).not.toMatch(/^Närvarande$/m);
    expect((await bot.click(conv, wictoria, card, 'Närvarande')).message).toBe('Mötet är avslutat. Bara sekreteraren kan rätta närvaron nu.');
    const chairForm = answered(await bot.click(conv, birgitta, card, 'Visa min närvaro'));
    expect(cardText(chairForm)).not.toContain('Markera någons närvaro');
    const nimaId = choiceValue(answered(await bot.click(conv, marika, card, 'Visa min närvaro')), 'memberId', /^Nima/);
    const chair = await bot.post(A.cardAction(conv, birgitta, bot.serviceUrl, 'attendance.mark', { meetingId: card.refresh.action.data.meetingId, memberId: nimaId, status: 'absent' }));
    expect(chair.body.value).toBe('Mötet är avslutat. Bara sekreteraren kan rätta närvaron nu.');
    const form = answered(await bot.click(conv, marika, card, 'Visa min närvaro'));
    const fixed = answered(await bot.click(conv, marika, form, 'Spara närvaro', { memberId: nimaId, status: 'partial', fromItemId: choiceValue(form, 'fromItemId', /^1 /), toItemId: choiceValue(form, 'fromItemId', /^3 /) }));
    expect(cardText(fixed)).toContain('Rättat efter mötet: Nima Najafi är nu markerad som närvarande punkt 1–3 (rättad efter mötet). Rättelsen är loggad.');
    const stored = (await bot.lokus.deps.meetings.list(groupId))[0]!.attendance[nimaId]!;
    expect(stored.corrections).toEqual([expect.objectContaining({ byName: 'Marika Blomgren', previous: expect.objectContaining({ status: 'present', source: 'self' }) })]);
  });
});

describe('närvarokort', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now: () => NOW });
  });
  afterAll(async () => bot.stop());

  it('the secretary re-posts the check-in card (a member may not); presses then update the new one', async () => {
    const { conv, cardId } = await tierpStarted(bot, 'att-repost');
    const refused = await bot.say(conv, nima, 'närvarokort');
    expect(refused.replies[0]!.text).toMatch(/^Du kan inte markera andras närvaro\./);
    const r = await bot.say(conv, marika, 'närvarokort');
    expect(r.replies.at(-1)!.text).toBe('Närvarokortet är publicerat i kanalen.');
    await bot.settle();
    const fresh = checkInCard(bot, conv);
    expect(fresh.cardId).not.toBe(cardId);
    await bot.click(conv, nima, fresh.card, 'Närvarande');
    await bot.settle();
    expect(cardText(bot.currentCard(fresh.cardId, conv.id)!)).toContain('- Nima Najafi: närvarande');
  });
});

describe('200 members press "Närvarande" at once, over real HTTP', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now: () => NOW });
  });
  afterAll(async () => bot.stop());

  it('counts all 200 exactly once, answers every press with a card, and a second press is harmless', async () => {
    const parties = ['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun'];
    const people = parties.map((party, p) => [Array.from({ length: 50 }, (_, i) => A.person(`Deltagare ${p}-${i}`)), party] as [A.Person[], string]);
    const { conv, cardId, card, groupId, meeting } = await tierpStarted(bot, 'att-200', { extra: people });
    const everyone = people.flatMap(([ps]) => ps);
    const presses = await Promise.all(everyone.map((p) => bot.click(conv, p, card, 'Närvarande')));
    expect(presses.map((r) => r.status)).toEqual(everyone.map(() => 200));
    expect(presses.filter((r) => r.card && cardText(r.card).includes('Din närvaro: närvarande.'))).toHaveLength(200);
    const twice = await Promise.all(everyone.slice(0, 20).map((p) => bot.click(conv, p, card, 'Närvarande')));
    expect(twice.every((r) => r.card && cardText(r.card).includes('Du var redan markerad som närvarande.'))).toBe(true);
    const stored = (await bot.lokus.deps.meetings.get(groupId, meeting.id))!;
    const marks = Object.values(stored.attendance);
    expect(marks).toHaveLength(200);
    expect(marks.every((m) => m.status === 'present' && m.source === 'self')).toBe(true);
    expect(new Set(marks.map((m) => m.by)).size).toBe(200);
    await bot.settle();
    const shared = bot.currentCard(cardId, conv.id)!;
    expect(cardText(shared)).toContain('Närvarande: 200 av 204 kallade');
    expect(cardText(shared)).toContain('**Arbetsförmedlingen** 50 av 51');
    expect(shared.refresh.userIds).toHaveLength(60);
    // The channel card is updated in place, and presses coalesce: far fewer PUTs than presses.
    const puts = bot.connector.updates(conv.id).filter((u) => u.activityId === cardId);
    expect(puts.length).toBeGreaterThan(0);
    expect(puts.length).toBeLessThan(100);
    // Teams throttles message edits: one card is updated at most once a second (arrivals vary a little).
    const gaps = puts.slice(1).map((u, i) => u.at! - puts[i]!.at!);
    expect(Math.min(...gaps, Infinity)).toBeGreaterThanOrEqual(500);
    expect(shared.refresh.userIds.slice(0, 2).sort()).toEqual([birgitta.id, marika.id].sort());
  }, 60_000);
});
