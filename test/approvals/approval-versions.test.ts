import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupIdOf } from '../../src/bot/context.js';
import * as A from '../support/activities.js';
import { cardText, findAction } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';
import { memberId, P, seedGroup, startRequest } from './approval-fixtures.js';

let clock = new Date('2018-01-29T08:00:00.000Z');
const minutes = (n: number) => (clock = new Date(clock.getTime() + n * 60_000));

describe('a new version of the document, over real HTTP', () => {
  let bot: TestBot;
  const conv = A.channel('lokus-versions');
  beforeAll(async () => {
    bot = await TestBot.start({ now: () => clock });
    await seedGroup(bot, conv, clock);
  });
  afterAll(() => bot.stop());
  const deps = () => bot.lokus.deps;

  it('resets two approvals, keeps them in the history, tells those who answered, and refuses the old version', async () => {
    const req = await startRequest(bot, conv);
    const v1Card = req.card();
    minutes(1);
    await bot.click(conv, P.birgitta, v1Card, 'Godkänn');
    minutes(1);
    await bot.click(conv, P.marikaS, v1Card, 'Godkänn');
    await bot.idle();
    expect(cardText(req.card())).toContain('2 av 4 parter har sagt ja');

    // Only the requester's own view offers a new version.
    expect(() => findAction(v1Card, 'Skicka ny version')).toThrow();
    const mine = await bot.refresh(conv, P.marikaB, req.card());
    minutes(5);
    const sent = await bot.click(conv, P.marikaB, mine.card!, 'Skicka ny version', { newText: 'Version 2: insatsstart 1 mars 2018, avslut 28 februari 2020.' });
    expect(cardText(sent.card!)).toContain('Version 2 är skickad.');
    await bot.idle();
    const v2Card = req.card();
    const text = cardText(v2Card);
    expect(text).toContain('Version 2');
    expect(text).toContain('Version 2: insatsstart 1 mars 2018, avslut 28 februari 2020.');
    expect(text).toContain('0 av 4 parter har sagt ja');
    expect(text).toContain('Birgitta Olsson (Region Uppsala) Inget svar ännu');

    // Birgitta and Marika S. are told in personal chats that version 2 waits; nobody else.
    const told = bot.connector.calls.filter((c) => c.kind === 'createConversation').map((c) => c.body.members[0].id);
    expect(told.sort()).toEqual([P.birgitta.id, P.marikaS.id].sort());
    const msg = bot.connector.posted(A.personalChat(P.birgitta).id).at(-1)!;
    expect(msg.text).toBe('Version 2 av ”Avvikelserapport: insatsstart flyttas till 1 mars 2018” väntar på ditt svar. Ditt tidigare svar räknas inte längre.');

    // A press on a card still showing version 1 is refused and changes nothing.
    const stale = await bot.click(conv, P.wictoria, v1Card, 'Godkänn');
    expect(cardText(stale.card!)).toContain('Det finns en nyare version av dokumentet. Läs den och svara igen.');
    const stored = (await bot.lokus.deps.approvals.get(groupIdOf(conv.tenantId, conv.id), req.approvalId))!.approval;
    expect(stored.answers.v2!.log).toEqual([]);
    expect(stored.answers.v0!.log.map((e) => `${e.choice} v${e.version}`)).toEqual(['approve v1']);

    const history = await bot.click(conv, P.nima, v2Card, 'Visa historik');
    const lines = cardText(history.card!);
    expect(lines).toContain('Birgitta Olsson (Region Uppsala) godkände version 1.');
    expect(lines).toContain('Marika Söderberg (Försäkringskassan) godkände version 1.');
    expect(lines).toContain('Marika Blomgren laddade upp version 2. Tidigare svar räknas inte längre.');
    const back = await bot.click(conv, P.nima, history.card!, 'Tillbaka');
    expect(cardText(back.card!)).toContain('Du har inte svarat än.');
  });

  // Issue 25 changed this: a voter outside Teams is no longer asked (the form names him and refuses);
  // once linked he is asked and answers.
  it('a voter not yet linked to Teams is refused on the form by name; once linked, he is asked and answers', async () => {
    const groupId = groupIdOf(conv.tenantId, conv.id);
    const unlink = (linked: boolean) => deps().groups.update(groupId, (g) => ({
      next: { ...g!, members: g!.members.map((m) => (m.id === memberId(P.nima) ? { ...m, teamsId: linked ? P.nima.id : undefined, aadObjectId: linked ? P.nima.aadObjectId : undefined } : m)) },
      result: undefined,
    }));
    await unlink(false);
    const form = bot.currentCard((await bot.say(conv, P.marikaB, 'godkännande Ansökan om språkstöd')).replies[0]!.id)!;
    expect(cardText(form)).toContain('Nima Najafi (Tierps kommun) – inte i Teams, kan inte svara');
    expect(cardText(form)).toContain('Obs! Ingen i Tierps kommun finns i Teams, så ingen där kan svara.');
    const refused = await bot.click(conv, P.marikaB, form, 'Skicka för godkännande', { text: 'Ansökan.', voters: [P.birgitta, P.nima].map(memberId).join(','), deadlineDate: '2018-02-05' });
    expect(cardText(refused.card!)).toContain('Nima Najafi finns inte i Teams och kan inte svara.');
    expect((await bot.documents(groupId)).filter((d) => d.title === 'Ansökan om språkstöd')).toEqual([]);
    await unlink(true);
    const req = await startRequest(bot, conv, { title: 'Ansökan om språkstöd' });
    const r = await bot.click(conv, P.nima, req.card(), 'Godkänn');
    expect(cardText(r.card!)).toContain('Ditt godkännande är sparat.');
  });

  it('the requester withdraws an open request; answers are then refused', async () => {
    const req = await startRequest(bot, conv, { title: 'Yttrande över ansökan om språkstöd' });
    const before = req.card();
    // Someone else who presses "Ändra eller återkalla" gets their own view and why not; nothing changes.
    const other = await bot.click(conv, P.nima, before, 'Ändra eller återkalla');
    expect(cardText(other.card!)).toContain('Bara den som begärde godkännandet kan göra det.');
    expect(() => findAction(other.card!, 'Återkalla begäran')).toThrow();
    // The requester finds her tools on the channel's card by name, with no refresh from Teams.
    const mine = await bot.click(conv, P.marikaB, before, 'Ändra eller återkalla');
    expect(findAction(mine.card!, 'Ny version')).toBeTruthy();
    const r = await bot.click(conv, P.marikaB, mine.card!, 'Återkalla begäran');
    expect(cardText(r.card!)).toContain('Begäran är återkallad.');
    await bot.idle();
    expect(cardText(req.card())).toContain('Återkallat av den som begärde godkännandet');
    const late = await bot.click(conv, P.nima, before, 'Godkänn');
    expect(cardText(late.card!)).toContain('Begäran är stängd och tar inte emot fler svar.');
  });
});
