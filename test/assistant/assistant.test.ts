import { endMeeting, startMeeting } from '../support/meeting-steps.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';
import { AzureOpenAIServer, factsSent } from '../support/azure-openai-server.js';
import { P, seedGroup, startRequest } from '../approvals/approval-fixtures.js';
import { groupIdFor } from '../support/seed-group.js';

const NOW = new Date('2018-01-25T10:00:00Z');
/** Teams gives an invoke about 5 s; the assistant must have answered (or given up) well inside it. */
const INVOKE_DEADLINE_MS = 5000;
type Json = Record<string, any>;

const UNKNOWN_MEETING = 'Det mötet finns inte bland gruppens kommande och pågående möten. Jag gör ingenting med det.';
const NOT_UNDERSTOOD = /^Jag förstod inte ”.*”\. Skriv \*\*hjälp\*\* för att se vad du kan göra\.$/;

/** Plans the next meeting of seed 004's date in a fresh group; returns the conversation and the meeting's id. */
async function groupWithMeeting(bot: TestBot, name: string): Promise<{ conv: A.Conversation; meetingId: string }> {
  const conv = A.channel(name);
  await seedGroup(bot, conv, NOW);
  await bot.say(conv, P.marikaB, 'nytt möte 2018-03-16 13-15 Regionens hus');
  const meetings = await bot.lokus.deps.meetings.list(groupIdFor(conv));
  return { conv, meetingId: meetings[0]!.id };
}

async function itemTitles(bot: TestBot, conv: A.Conversation, meetingId: string): Promise<string[]> {
  return (await bot.lokus.deps.meetings.get(groupIdFor(conv), meetingId))!.items.map((i) => i.title);
}

/** The model's answer: add an item to the first meeting it was told about. */
const addBudgetItem = (body: Json) => ({ toolCall: { name: 'add_agenda_item', arguments: JSON.stringify({ meeting_id: factsSent(body).meetings[0]!.id, title: 'Budget 2019', kind: 'beslut' }) } });

describe('the assistant, against a local Azure OpenAI chat-completions server', () => {
  let model: AzureOpenAIServer;
  let bot: TestBot;

  beforeAll(async () => {
    model = await new AzureOpenAIServer().start();
    bot = await TestBot.start({ now: () => NOW, env: model.env({ LOKUS_ASSISTANT_TIMEOUT_MS: '1500' }) });
  });
  afterAll(async () => {
    await bot.stop();
    await model.stop();
  });

  it('a plan that adds an item is a confirmation card; it runs only on the asker’s press', async () => {
    const { conv, meetingId } = await groupWithMeeting(bot, 'ai-add');
    model.answer = addBudgetItem;
    const before = await itemTitles(bot, conv, meetingId);

    const asked = await bot.say(conv, P.marikaB, 'kan du lägga till en punkt om budgeten på nästa möte');
    const card = cardsOf(asked.replies[0])[0]!;
    expect(cardText(card)).toContain('Ska jag lägga till punkten ”Budget 2019” på dagordningen för Lokusmöte Tierp?');
    expect(cardText(card)).toContain('Möte Lokusmöte Tierp fredag 16 mars 2018 kl. 13.00–15.00');
    expect(cardText(card)).toContain('Typ Beslut');
    expect(await itemTitles(bot, conv, meetingId)).toEqual(before);

    // Birgitta chairs and may add items herself, but this is Marika's request: her press changes nothing.
    const other = await bot.click(conv, P.birgitta, card, 'Gör det');
    expect(other.message).toBe('Bara den som frågade kan bekräfta förslaget. Ingenting ändrades.');
    expect(await itemTitles(bot, conv, meetingId)).toEqual(before);

    const done = await bot.click(conv, P.marikaB, card, 'Gör det');
    expect(cardText(done.card!)).toContain(`Punkt ${before.length + 1} Budget 2019 är tillagd på dagordningen för Lokusmöte Tierp.`);
    expect(cardText(done.card!)).not.toContain('Gör det');
    expect(await itemTitles(bot, conv, meetingId)).toEqual([...before, 'Budget 2019']);

    // The same press again (a Teams retry, an old copy of the card): once is once.
    const again = await bot.execute(conv, P.marikaB, 'assistant.confirm', { proposalId: findProposalId(card) });
    expect(again.message).toBe('Förslaget är redan hanterat.');
    expect((await itemTitles(bot, conv, meetingId)).filter((t) => t === 'Budget 2019')).toHaveLength(1);
  });

  it('moves a meeting on confirmation, keeping its length; notes on the running meeting; the decision log searched with its source', async () => {
    const { conv, meetingId } = await groupWithMeeting(bot, 'ai-move');
    model.answer = (b) => ({ toolCall: { name: 'move_meeting', arguments: JSON.stringify({ meeting_id: factsSent(b).meetings[0]!.id, date: '2018-03-22', start: '13:00' }) } });
    const card = cardsOf((await bot.say(conv, P.birgitta, 'flytta mötet till torsdag kl. 13')).replies[0])[0]!;
    expect(cardText(card)).toContain('Ska jag flytta Lokusmöte Tierp till torsdag 22 mars 2018 kl. 13.00–15.00?');
    expect(cardText(card)).toContain('Nu fredag 16 mars 2018 kl. 13.00–15.00');
    expect((await bot.lokus.deps.meetings.get(groupIdFor(conv), meetingId))!.date).toBe('2018-03-16');
    const moved = await bot.click(conv, P.birgitta, card, 'Gör det');
    expect(cardText(moved.card!)).toContain('Mötet är sparat.');
    const m = (await bot.lokus.deps.meetings.get(groupIdFor(conv), meetingId))!;
    expect([m.date, m.time]).toEqual(['2018-03-22', { start: '13:00', end: '15:00' }]);

    await bot.say(conv, P.marikaB, 'punkt Budget 2019 (beslut)');
    await startMeeting(bot, conv, P.marikaB);
    await bot.say(conv, P.marikaB, 'beslut Lokusgruppen fastställer budgeten för 2019.');
    model.answer = (b) => ({ toolCall: { name: 'record_note', arguments: JSON.stringify({ meeting_id: factsSent(b).meetings[0]!.id, text: 'Budgeten presenterades av Nima.' }) } });
    const noteCard = cardsOf((await bot.say(conv, P.marikaB, 'skriv att Nima presenterade budgeten')).replies[0])[0]!;
    expect(cardText(noteCard)).toContain('Anteckning Budgeten presenterades av Nima.');
    expect((await bot.lokus.deps.meetings.get(groupIdFor(conv), meetingId))!.notes).toHaveLength(0);
    const noted = await bot.click(conv, P.marikaB, noteCard, 'Gör det');
    expect(cardText(noted.card!)).toContain('Antecknat under punkt 1.');
    expect((await bot.lokus.deps.meetings.get(groupIdFor(conv), meetingId))!.notes.map((n) => [n.text, n.byName])).toEqual([['Budgeten presenterades av Nima.', 'Marika Blomgren']]);

    model.answer = () => ({ toolCall: { name: 'search_decisions', arguments: JSON.stringify({ query: 'budget' }) } });
    const found = await bot.say(conv, P.wictoria, 'vad beslutade vi om budgeten?');
    expect(found.replies[0]!.text).toBe('1 beslut om ”budget”:\n\n- 2018-03-22 · Lokusmöte Tierp · punkt 1 Budget 2019: Lokusgruppen fastställer budgeten för 2019.\n\nKälla: beslutsloggen för Tierp (skriv **beslutslogg budget** för hela listan).');
    // A group that works in English gets the answer in English, the item named as the decision log names it.
    await bot.lokus.deps.groups.update(groupIdFor(conv), (g) => ({ next: { ...g!, settings: { ...g!.settings, language: 'en' } }, result: undefined }));
    const english = await bot.say(conv, P.wictoria, 'what did we decide about the budget?');
    expect(english.replies[0]!.text).toBe('1 decision about “budget”:\n\n- 2018-03-22 · Lokusmöte Tierp · item 1 Budget 2019: Lokusgruppen fastställer budgeten för 2019.\n\nSource: the decision log of Tierp (type **decisions budget** for the whole list).');
  });

  it('Avbryt closes the proposal and changes nothing', async () => {
    const { conv, meetingId } = await groupWithMeeting(bot, 'ai-cancel');
    model.answer = addBudgetItem;
    const before = await itemTitles(bot, conv, meetingId);
    const card = cardsOf((await bot.say(conv, P.marikaB, 'lägg till budgeten på nästa möte')).replies[0])[0]!;
    const cancelled = await bot.click(conv, P.marikaB, card, 'Avbryt');
    expect(cardText(cancelled.card!)).toContain('Förslaget är avbrutet. Ingenting ändrades.');
    const late = await bot.execute(conv, P.marikaB, 'assistant.confirm', { proposalId: findProposalId(card) });
    expect(late.message).toBe('Förslaget är redan hanterat.');
    expect(await itemTitles(bot, conv, meetingId)).toEqual(before);
  });

  it('a plan naming an action the asker may not take is refused as the command refuses it', async () => {
    const { conv, meetingId } = await groupWithMeeting(bot, 'ai-refuse');
    model.answer = addBudgetItem;
    const before = await itemTitles(bot, conv, meetingId);
    const command = await bot.say(conv, P.wictoria, 'punkt Budget 2019');
    const asked = await bot.say(conv, P.wictoria, 'kan du lägga till en punkt om budgeten på nästa möte');
    expect(asked.replies).toHaveLength(1);
    expect(cardsOf(asked.replies[0])).toHaveLength(0);
    expect(asked.replies[0]!.text).toBe(command.replies[0]!.text);
    expect(asked.replies[0]!.text).toMatch(/^Du kan inte ändra dagordningen\. Det kan /);
    expect(await itemTitles(bot, conv, meetingId)).toEqual(before);
  });

  it('a plan for another group’s meeting is refused and changes nothing anywhere', async () => {
    const mine = await groupWithMeeting(bot, 'ai-mine');
    const theirs = await groupWithMeeting(bot, 'ai-theirs');
    const theirsBefore = await itemTitles(bot, theirs.conv, theirs.meetingId);
    const mineBefore = await itemTitles(bot, mine.conv, mine.meetingId);
    model.answer = () => ({ toolCall: { name: 'add_agenda_item', arguments: JSON.stringify({ meeting_id: theirs.meetingId, title: 'Budget 2019' }) } });
    const asked = await bot.say(mine.conv, P.marikaB, 'lägg till budgeten på deras möte');
    expect(asked.replies.map((r) => r.text)).toEqual([UNKNOWN_MEETING]);
    expect(await itemTitles(bot, theirs.conv, theirs.meetingId)).toEqual(theirsBefore);
    expect(await itemTitles(bot, mine.conv, mine.meetingId)).toEqual(mineBefore);
  });

  it('a plan may name only a meeting the model was shown: the group’s own ended meeting is refused too', async () => {
    const { conv, meetingId } = await groupWithMeeting(bot, 'ai-ended');
    await startMeeting(bot, conv, P.marikaB);
    await endMeeting(bot, conv, P.marikaB);
    await bot.lokus.deps.background.idle(); // the minutes are drafted after the end
    const ended = (await bot.lokus.deps.meetings.get(groupIdFor(conv), meetingId))!;
    expect(ended.status).toBe('minutesDrafted');
    const from = model.received.length;
    model.answer = () => ({ toolCall: { name: 'record_note', arguments: JSON.stringify({ meeting_id: meetingId, text: 'Budgeten presenterades av Nima.' }) } });
    const asked = await bot.say(conv, P.marikaB, 'skriv att Nima presenterade budgeten');
    expect(factsSent(model.received[from]!.body).meetings.map((m) => m.id)).not.toContain(meetingId);
    expect(asked.replies.map((r) => r.text)).toEqual([UNKNOWN_MEETING]);
    expect(await bot.lokus.deps.meetings.get(groupIdFor(conv), meetingId)).toEqual(ended);
  });

  it('a malformed, unknown, free-text, rate-limited or slow answer gets the usual reply within the deadline, and writes nothing', async () => {
    const { conv, meetingId } = await groupWithMeeting(bot, 'ai-faults');
    const before = await itemTitles(bot, conv, meetingId);
    const faults: Array<[string, (body: Json) => any]> = [
      ['arguments that are not JSON', () => ({ toolCall: { name: 'add_agenda_item', arguments: '{"meeting_id": "' } })],
      ['arguments of the wrong shape', (b) => ({ toolCall: { name: 'add_agenda_item', arguments: JSON.stringify({ meeting_id: factsSent(b).meetings[0]!.id, title: 'Budget', drop_table: true }) } })],
      ['a tool Lokus does not have', () => ({ toolCall: { name: 'delete_meeting', arguments: '{}' } })],
      ['free text instead of a tool call', () => ({ content: 'Självklart! Jag har lagt till punkten.' })],
      ['a body that is not JSON', () => ({ raw: '<html>502 Bad Gateway</html>' })],
      ['429 Too Many Requests', () => ({ status: 429, error: 'Rate limit is exceeded.', headers: { 'retry-after': '30' } })],
      ['500', () => ({ status: 500, error: 'The server had an error.' })],
      ['an answer after 8 s', (b) => ({ ...addBudgetItem(b), delayMs: 8000 })],
    ];
    for (const [what, answer] of faults) {
      model.answer = answer;
      const started = Date.now();
      const r = await bot.say(conv, P.marikaB, 'kan du lägga till en punkt om budgeten på nästa möte');
      const took = Date.now() - started;
      // Past a second Teams shows "Lokus skriver…" (the Teams AI library's typing indicator); then the one answer.
      const answers = r.replies.filter((x) => x.type !== 'typing');
      expect(answers.map((x) => x.text ?? cardText(cardsOf(x)[0]!)), what).toHaveLength(1);
      expect(answers[0]!.text, what).toMatch(NOT_UNDERSTOOD);
      expect(took, what).toBeLessThan(INVOKE_DEADLINE_MS);
    }
    expect(await itemTitles(bot, conv, meetingId)).toEqual(before);
  });

  it('answers who has not answered an approval from Lokus’s own data, naming the source', async () => {
    const conv = A.channel('ai-approval');
    await seedGroup(bot, conv, NOW);
    const { approvalId } = await startRequest(bot, conv);
    await bot.click(conv, P.nima, bot.currentCard((await bot.lokus.deps.approvals.get(groupIdFor(conv), approvalId))!.channelCard!.activityId)!, 'Godkänn');
    model.answer = (b) => ({ toolCall: { name: 'who_has_not_answered', arguments: JSON.stringify({ approval_id: factsSent(b).openApprovals[0]!.id }) } });
    const r = await bot.say(conv, P.birgitta, 'vem har inte svarat på avvikelserapporten?');
    expect(r.replies[0]!.text).toBe(
      'Inte svarat på ”Avvikelserapport: insatsstart flyttas till 1 mars 2018”: Birgitta Olsson, Marika Söderberg, Wictoria Palmetorp.\n\n' +
        'Källa: begäran om godkännande ”Avvikelserapport: insatsstart flyttas till 1 mars 2018” i Lokus, svarstid 2018-02-05.',
    );
  });

  it('sends the model only what the request needs: this group’s open meetings and requests, no names, no other group, no identity numbers', async () => {
    const mine = await groupWithMeeting(bot, 'ai-data-mine');
    await startRequest(bot, mine.conv, { title: 'Yttrande över remiss' });
    const theirs = await groupWithMeeting(bot, 'ai-data-theirs');
    await bot.say(theirs.conv, P.marikaB, 'punkt Hemlig punkt i en annan grupp');
    const from = model.received.length;
    model.answer = addBudgetItem;
    await bot.say(mine.conv, P.marikaB, 'lägg till en punkt om Anna Svensson 19791224-1234 (samordningsnummer 790284-5678) på nästa möte');
    const sent = model.received.slice(from);
    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    // What left the bot for this request, as the deployment received it:
    console.log('sent to the model:', JSON.stringify({ path: request.path, apiVersion: request.apiVersion, body: request.body }, null, 2));
    expect(request.path).toBe('/openai/deployments/gpt-4o-lokus/chat/completions');
    expect(request.apiVersion).toBe('2024-10-21');
    const body = JSON.stringify(request.body);
    const facts = factsSent(request.body);
    expect(facts.meetings.map((m) => m.id)).toEqual([mine.meetingId]);
    expect(facts.openApprovals.map((a) => a.title)).toEqual(['Yttrande över remiss']);
    expect(request.body.messages.find((m: Json) => m.role === 'user').content).toBe('lägg till en punkt om Anna Svensson [personnummer] (samordningsnummer [personnummer]) på nästa möte');
    for (const absent of [theirs.meetingId, 'Hemlig punkt', '19791224-1234', '790284-5678', groupIdFor(mine.conv), groupIdFor(theirs.conv), mine.conv.id, ...Object.values(P).flatMap((p) => [p.name, p.id, p.aadObjectId])]) {
      expect(body, absent).not.toContain(absent);
    }
    expect(request.body.tools.map((t: Json) => t.function.name)).toEqual(['add_agenda_item', 'move_meeting', 'record_note', 'who_has_not_answered', 'search_decisions']);
  });

  it('a group that turned the assistant off sends nothing; the commands work as before', async () => {
    const { conv } = await groupWithMeeting(bot, 'ai-off');
    expect((await bot.say(conv, P.wictoria, 'assistent av')).replies[0]!.text).toMatch(/^Du kan inte /);
    expect((await bot.say(conv, P.marikaB, 'assistent av')).replies[0]!.text).toBe('Assistenten är avstängd för den här gruppen. Inga meddelanden skickas till AI-tjänsten härifrån.');
    const from = model.received.length;
    model.answer = addBudgetItem;
    const r = await bot.say(conv, P.marikaB, 'kan du lägga till en punkt om budgeten på nästa möte');
    expect(r.replies[0]!.text).toMatch(NOT_UNDERSTOOD);
    expect(model.received.length).toBe(from);
    expect((await bot.say(conv, P.marikaB, 'assistent på')).replies[0]!.text).toBe('Assistenten är på för den här gruppen.');
  });
});

describe('without the assistant’s configuration', () => {
  it('no assistant (no model client) is created, and free text gets the usual reply', async () => {
    const bot = await TestBot.start({ now: () => NOW });
    try {
      expect(bot.lokus.deps.assistant).toBeUndefined();
      const conv = A.channel('ai-none');
      await seedGroup(bot, conv, NOW);
      await bot.say(conv, P.marikaB, 'nytt möte 2018-03-16 13-15 Regionens hus');
      const r = await bot.say(conv, P.marikaB, 'kan du lägga till en punkt om budgeten på nästa möte');
      expect(r.replies.map((x) => x.text)).toEqual(['Jag förstod inte ”kan du lägga till en punkt om budgeten på nästa möte”. Skriv **hjälp** för att se vad du kan göra.']);
    } finally {
      await bot.stop();
    }
  });
});

function findProposalId(card: Json): string {
  let id: string | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (o.verb === 'assistant.confirm') id ??= o.data?.proposalId;
    Object.values(o).forEach(walk);
  };
  walk(card);
  if (!id) throw new Error('no proposal on the card');
  return id;
}
