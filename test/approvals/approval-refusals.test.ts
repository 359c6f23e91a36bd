import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupIdOf } from '../../src/bot/context.js';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction, pressData } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';
import { memberId, P, seedGroup, startRequest, TEXT } from './approval-fixtures.js';

const clock = new Date('2018-01-29T08:00:00.000Z');

describe('approvals refuse forged, stale and unauthorised presses, and change nothing', () => {
  let bot: TestBot;
  const tierp = A.channel('lokus-tierp-refusals');
  const other = A.channel('lokus-enkoping');
  let req: Awaited<ReturnType<typeof startRequest>>;
  let otherReq: Awaited<ReturnType<typeof startRequest>>;
  const stored = async (conv: A.Conversation, id: string) => (await bot.lokus.deps.approvals.get(groupIdOf(conv.tenantId, conv.id), id))!;

  beforeAll(async () => {
    bot = await TestBot.start({ now: () => clock });
    await seedGroup(bot, tierp, clock);
    await seedGroup(bot, other, clock);
    req = await startRequest(bot, tierp);
    otherReq = await startRequest(bot, other, { title: 'Ansökan om språkstöd' });
  });
  afterAll(() => bot.stop());

  it('a request id from another group is not found, in either direction', async () => {
    const before = await stored(other, otherReq.approvalId);
    const data = { ...findAction(req.card(), 'Godkänn').action.data, approvalId: otherReq.approvalId };
    const r = await bot.execute(tierp, P.nima, 'approval.answer', data);
    expect(r.message).toBe('Den här begäran finns inte i gruppen. Kortet kan vara gammalt eller komma från en annan grupp.');
    for (const verb of ['approval.history', 'approval.refresh', 'approval.withdraw', 'approval.newVersion']) {
      const x = await bot.execute(tierp, P.marikaB, verb, { approvalId: otherReq.approvalId, version: 1, newText: 'kapad' });
      expect(x.message, verb).toContain('finns inte i gruppen');
    }
    expect(await stored(other, otherReq.approvalId)).toEqual(before);
  });

  it('a wrong version, a non-member and a member outside the rule are refused with a clear message', async () => {
    const before = await stored(tierp, req.approvalId);
    const card = req.card();
    const wrong = await bot.execute(tierp, P.nima, 'approval.answer', { ...findAction(card, 'Godkänn').action.data, version: 7 });
    expect(cardText(wrong.card!)).toContain('Det finns en nyare version av dokumentet.');

    const stranger = A.person('Okänd Person');
    const outsider = await bot.click(tierp, stranger, card, 'Godkänn');
    expect(cardText(outsider.card!)).toContain('Du är inte med i den här gruppen');

    const geli = await bot.click(tierp, P.geli, card, 'Godkänn');
    expect(cardText(geli.card!)).toContain('Du är inte bland dem som ska svara på den här begäran. Ditt svar har inte sparats.');

    const noReason = await bot.click(tierp, P.nima, card, 'Skicka avslag', { reason: '   ' });
    expect(cardText(noReason.card!)).toContain('Skriv en motivering när du avslår.');

    const garbage = await bot.execute(tierp, P.nima, 'approval.answer', { approvalId: req.approvalId, version: 'x', choice: 'maybe' });
    expect(garbage.message).toBe('Kortet skickade uppgifter som inte gick att använda. Ladda om kortet och försök igen.');

    const notRequester = await bot.execute(tierp, P.nima, 'approval.withdraw', { approvalId: req.approvalId, version: 1 });
    expect(cardText(notRequester.card!)).toContain('Bara den som begärde godkännandet kan göra det.');

    expect(await stored(tierp, req.approvalId)).toEqual(before);
  });

  it('only planning roles or the förbund office may ask; a bad form is refused with the typing kept', async () => {
    const r = await bot.say(tierp, P.nima, 'godkännande Något');
    expect(r.replies[0]!.text).toBe('Du kan inte begära godkännande av ett dokument. Det kan Marika Blomgren (sekreterare och förbundets kansli), Birgitta Olsson (ordförande) och Geli Lytter (förbundets kansli) göra.');
    const stranger = await bot.say(A.channel('no-group-here'), P.nima, 'approval Test');
    expect(stranger.replies[0]!.text).toContain('Gruppen är inte skapad än.');

    const asked = await bot.say(tierp, P.birgitta, 'godkännande');
    const form = cardsOf(asked.replies[0])[0]!;
    const bad = await bot.click(tierp, P.birgitta, form, 'Skicka för godkännande', { title: 'Yttrande', text: TEXT, deadlineDate: '2018-02-30', deadlineTime: '12:00' });
    expect(cardText(bad.card!)).toContain('Ange svarstiden som ett datum (ÅÅÅÅ-MM-DD) och ett klockslag som finns, till exempel 15.00.');
    expect(findInput(bad.card!, 'title').value).toBe('Yttrande');
    const past = await bot.click(tierp, P.birgitta, form, 'Skicka för godkännande', { title: 'Yttrande', text: TEXT, deadlineDate: '2018-01-01', deadlineTime: '12:00' });
    expect(cardText(past.card!)).toContain('Svarstiden har redan passerat.');
    // A voter the list does not offer: no Teams client sends that, so it is a forged press.
    const send = findAction(form, 'Skicka för godkännande');
    const forgedData = { ...pressData(send, { title: 'Yttrande', text: TEXT }), voters: `${memberId(P.nima)},m_someone-else` };
    const forgedVoter = await bot.execute(tierp, P.birgitta, String(send.action.verb), forgedData, { replyToId: bot.activityIdOf(form) });
    expect(cardText(forgedVoter.card!)).toContain('Välj vilka som ska svara bland gruppens deltagare.');
    // Nima (member) pressing someone else's form is refused too: identity comes from the activity.
    const notAllowed = await bot.click(tierp, P.nima, form, 'Skicka för godkännande', { title: 'Yttrande', text: TEXT });
    expect(notAllowed.message).toContain('Du kan inte begära godkännande av ett dokument.');
    const { resources } = await bot.lokus.store.domain.items
      .query({ query: "SELECT c.id FROM c WHERE c.groupId = @g AND c.type = 'approval'", parameters: [{ name: '@g', value: groupIdOf(tierp.tenantId, tierp.id) }] })
      .fetchAll();
    expect(resources).toHaveLength(1);
  });

  it('with the group setting on, every member may ask for approval', async () => {
    const conv = A.channel('lokus-open-requests');
    await seedGroup(bot, conv, clock);
    expect((await bot.say(conv, P.nima, 'godkännande Yttrande')).replies[0]!.text).toContain('Du kan inte begära godkännande');
    const settings = cardsOf((await bot.say(conv, P.birgitta, 'grupp')).replies[0])[0]!;
    const saved = await bot.click(conv, P.birgitta, settings, 'Spara', { membersMayRequestApproval: 'true' });
    expect(saved.card, saved.message).toBeDefined();
    const form = cardsOf((await bot.say(conv, P.nima, 'godkännande Yttrande')).replies[0])[0]!;
    expect(cardText(form)).toContain('Begär godkännande');
  });

  it('the approval.form verb (a button on the group card) opens the form; without the form message the card is posted anew', async () => {
    const opened = await bot.execute(tierp, P.birgitta, 'approval.form', {});
    expect(cardText(opened.card!)).toContain('Begär godkännande');
    const refused = await bot.execute(tierp, P.wictoria, 'approval.form', {});
    expect(refused.message).toContain('Du kan inte begära godkännande av ett dokument.');

    const before = bot.connector.posted(tierp.id).length;
    const r = await bot.execute(tierp, P.birgitta, 'approval.create', {
      form: 'approval', title: 'Yttrande över remiss', kind: 'yttrande', text: TEXT, link: '', voters: memberId(P.nima), rule: 'first',
      deadlineDate: '2018-02-10', deadlineTime: '09:30', reminder: 'none', signatory: 'none',
    });
    expect(cardText(r.card!)).toContain('Yttrande över remiss');
    await bot.idle();
    const posted = bot.connector.posted(tierp.id).slice(before);
    expect(posted).toHaveLength(1);
    const card = bot.currentCard(posted[0]!.id, tierp.id)!;
    expect(cardText(card)).toContain('Första svaret avgör');
    const yes = await bot.click(tierp, P.nima, card, 'Godkänn');
    expect(cardText(yes.card!)).toContain('Godkänt');
    await bot.idle();
    expect(cardText(bot.currentCard(posted[0]!.id, tierp.id)!)).toContain('Status Godkänt');
  });

  it('answers in English for an English-locale user', async () => {
    const emma = { ...P.nima, locale: 'en-GB' };
    // The shared card is in the requester's language (Swedish); the answer to Emma's press is in hers.
    const sv = await bot.click(tierp, emma, req.card(), 'Skicka synpunkt', { comment: 'Looks fine' });
    expect(cardText(sv.card!)).toContain('Your comment is saved.');
    expect(cardText(sv.card!)).toContain('Per party');
  });
});

function findInput(card: Record<string, any>, id: string): Record<string, any> {
  let found: Record<string, any> | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, any>;
    if (o.id === id && String(o.type).startsWith('Input.')) found = o;
    Object.values(o).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no input ${id}`);
  return found;
}
