import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingContent } from '../../src/approvals/domain/approval.js';
import { groupIdOf } from '../../src/bot/context.js';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';
import { memberId, P, PARTY_REPS, seedGroup, TEXT, TITLE } from './approval-fixtures.js';

const T0 = new Date('2018-01-29T08:00:00.000Z');
let clock = T0;
const minutes = (n: number) => (clock = new Date(clock.getTime() + n * 60_000));

describe('approvals over real HTTP: seed 000', () => {
  let bot: TestBot;
  const conv = A.channel('lokus-tierp');

  beforeAll(async () => {
    bot = await TestBot.start({ now: () => clock });
    await seedGroup(bot, conv, T0);
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('request, one party comments, all four approve, Wictoria signs in a personal chat; the channel card ends as signed', async () => {
    const asked = await bot.say(conv, P.marikaB, `godkännande ${TITLE}`);
    const form = cardsOf(asked.replies[0])[0]!;
    expect(cardText(form)).toContain('Begär godkännande');
    const sent = await bot.click(conv, P.marikaB, form, 'Skicka för godkännande', {
      text: TEXT,
      voters: PARTY_REPS.map(memberId).join(','),
      rule: 'onePerParty',
      deadlineDate: '2018-02-05',
      deadlineTime: '12:00',
      reminder: 'd1',
      signatory: memberId(P.wictoria),
    });
    expect(sent.card, sent.message).toBeDefined();
    // A second press on the same form (a double click, a Teams retry) makes no second request.
    const again = await bot.click(conv, P.marikaB, form, 'Skicka för godkännande', { text: TEXT, voters: PARTY_REPS.map(memberId).join(','), signatory: memberId(P.wictoria), deadlineDate: '2018-02-05' });
    expect(cardText(again.card!)).toContain(TITLE);
    const { resources: requests } = await bot.lokus.store.domain.items
      .query({ query: "SELECT c.id FROM c WHERE c.groupId = @g AND c.type = 'approval'", parameters: [{ name: '@g', value: groupIdOf(conv.tenantId, conv.id) }] })
      .fetchAll();
    expect(requests).toHaveLength(1);
    await bot.idle();
    const formId = asked.replies[0]!.id as string;
    let channelCard = bot.currentCard(formId)!;
    let text = cardText(channelCard);
    expect(text).toContain(TITLE);
    expect(text).toContain('Typ Avvikelserapport');
    expect(text).toContain('Ett ja från varje part');
    expect(text).toContain('5 februari 2018 kl. 12.00');
    expect(text).toContain('0 av 4 parter har sagt ja');
    expect(text).toContain('Nima Najafi (Tierps kommun) Inget svar ännu');
    expect(channelCard.refresh.userIds).toEqual(expect.arrayContaining(PARTY_REPS.map((p) => p.id)));

    minutes(10);
    const commented = await bot.click(conv, P.nima, channelCard, 'Skicka synpunkt', { comment: 'Lägg till att annonsen går ut nästa vecka.' });
    expect(cardText(commented.card!)).toContain('Din synpunkt är sparad.');
    for (const p of [P.birgitta, P.marikaS, P.wictoria]) {
      minutes(1);
      const r = await bot.click(conv, p, channelCard, 'Godkänn');
      expect(cardText(r.card!)).toContain('Ditt godkännande är sparat.');
      expect(cardText(r.card!)).toContain('Ditt svar: Godkänner');
    }
    await bot.idle();
    channelCard = bot.currentCard(formId)!;
    text = cardText(channelCard);
    expect(text).toContain('3 av 4 parter har sagt ja');
    expect(text).toContain('Nima Najafi (Tierps kommun) Har lämnat synpunkt: Lägg till att annonsen går ut nästa vecka.');
    expect(text).toContain('Väntar på svar');
    expect(bot.connector.calls.filter((c) => c.kind === 'createConversation')).toHaveLength(0);

    minutes(5);
    const last = await bot.click(conv, P.nima, channelCard, 'Godkänn');
    expect(cardText(last.card!)).toContain('Godkänt – väntar på underskrift av Wictoria Palmetorp.');
    await bot.idle();
    channelCard = bot.currentCard(formId)!;
    expect(cardText(channelCard)).toContain('4 av 4 parter har sagt ja');
    expect(() => findAction(channelCard, 'Godkänn')).toThrow();

    // The signatory is messaged in a personal chat, with Skriv under.
    const created = bot.connector.calls.filter((c) => c.kind === 'createConversation');
    expect(created.map((c) => c.body.members[0].id)).toEqual([P.wictoria.id]);
    const personal = A.personalChat(P.wictoria);
    const signCard = bot.lastCard(personal.id);
    expect(cardText(signCard)).toContain('Underskrift begärs');
    expect(cardText(signCard)).toContain(TEXT);

    // Someone else pressing Skriv under in their own chat finds nothing to sign.
    const forged = await bot.execute(A.personalChat(P.nima), P.nima, 'approval.sign', findAction(signCard, 'Skriv under').action.data);
    expect(forged.message).toContain('finns inte');

    minutes(30);
    const signed = await bot.click(personal, P.wictoria, signCard, 'Skriv under');
    const stored = (await bot.lokus.deps.approvals.get(groupIdOf(conv.tenantId, conv.id), findAction(channelCard, 'Visa historik').action.data.approvalId))!.approval;
    const hash = createHash('sha256').update(signingContent(stored)).digest('hex');
    expect(stored.signature).toMatchObject({ memberId: memberId(P.wictoria), name: 'Wictoria Palmetorp', version: 1, contentHash: hash, at: clock.toISOString() });
    expect(cardText(signed.card!)).toContain(`Du skrev under 29 januari 2018 kl. 9.48. Kontrollsumma (SHA-256): ${hash}`);
    await bot.idle();
    channelCard = bot.currentCard(formId)!;
    expect(cardText(channelCard)).toContain(`Underskrivet av Wictoria Palmetorp 29 januari 2018 kl. 9.48 (kontrollsumma ${hash.slice(0, 12)}).`);

    // Each member sees their own answer (per-user refresh); the history keeps every step.
    const nimaView = await bot.refresh(conv, P.nima, channelCard);
    expect(cardText(nimaView.card!)).toContain('Ditt svar: Godkänner (29 januari 2018 kl. 9.18).');
    const history = await bot.click(conv, P.geli, channelCard, 'Visa historik');
    expect(cardTexts(history.card!)).toEqual(expect.arrayContaining([
      'Marika Blomgren begärde godkännande (version 1).',
      'Nima Najafi (Tierps kommun) lämnade en synpunkt på version 1.',
      'Birgitta Olsson (Region Uppsala) godkände version 1.',
      'Dokumentet är godkänt – regeln är uppfylld.',
      `Wictoria Palmetorp skrev under version 1 (SHA-256 ${hash.slice(0, 12)}).`,
    ]));
  });
});

function cardTexts(card: Record<string, any>): string[] {
  return cardText(card).split('\n');
}
