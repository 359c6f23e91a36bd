import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretaryCardData } from '../../src/minutes/minutes-cards.js';
import { minutesIdOf } from '../../src/minutes/minutes-repo.js';
import { draftAndSendMinutes } from '../../src/minutes/minutes-listeners.js';
import { sv } from '../../src/i18n/sv/index.js';
import { SEED_003, seedGroup, seedMeeting } from '../minutes/minutes-seeds.js';
import * as A from '../support/activities.js';
import { cardText } from '../support/cards.js';
import { groupIdFor } from '../support/seed-group.js';
import { sampleMinutes } from '../support/sample-minutes.js';
import { TestBot } from '../support/test-bot.js';
import { AzureOpenAIServer } from '../support/azure-openai-server.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { MAX_PARAGRAPH } from '../../src/assistant/domain/prose-request.js';

type Json = Record<string, any>;
const ANN = A.person('Ann Lundqvist');
const BRITTA = A.person('Britta Bergström');
const SUGGESTION = 'Ola Wiktorson berättade om ESF-projektet IBIS, IntegrationsBygget I Sörmland. Arbetsutskottet diskuterade därefter ohälsotalet i Sörmland och behovet av en fördjupad kartläggning och analys av långtidssjukskrivningarna.';
const DECISION = 'Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att i dialog med Försäkringskassan utarbeta förslag till en fördjupad kartläggning och analys avseende sjukpenningtalet i Sörmlands kommuner.';

/** The "Föreslå löptext" button of one item, as the secretary's card carries it (its own static data). */
function proseButton(card: Json, index: number): Json | undefined {
  let found: Json | undefined;
  JSON.stringify(card, (_k, x) => {
    if (x && typeof x === 'object' && x.verb === 'assistant.prose' && x.data?.index === String(index)) found ??= x;
    return x;
  });
  return found;
}

describe('"Föreslå löptext" on the minutes draft, against a local Azure OpenAI server', () => {
  let model: AzureOpenAIServer;
  let bot: TestBot;
  let groupId: string;
  let minutesId: string;
  const chat = A.personalChat(ANN);

  beforeAll(async () => {
    model = await new AzureOpenAIServer().start();
    let now = new Date(`${SEED_003.date}T15:00:00Z`);
    bot = await TestBot.start({ now: () => now, env: model.env({ LOKUS_ASSISTANT_TIMEOUT_MS: '1500' }) });
    const conv = A.channel('ai-prose');
    await bot.post(A.botAdded(conv, A.person(SEED_003.people[0]!.name), bot.serviceUrl));
    groupId = groupIdFor(conv);
    const group = seedGroup(SEED_003, { groupId, tenantId: conv.tenantId, conversationId: conv.id, identity: (name) => ({ teamsId: A.person(name).id, aadObjectId: A.person(name).aadObjectId }) });
    await bot.lokus.deps.groups.create(group);
    const meeting = seedMeeting(SEED_003, group);
    await bot.lokus.deps.meetings.create(meeting);
    now = new Date(`${SEED_003.date}T16:00:00Z`);
    await draftAndSendMinutes(bot.lokus.deps, groupId, meeting.id, 'sv');
    await bot.lokus.deps.background.idle();
    minutesId = minutesIdOf(meeting.id);
  });
  afterAll(async () => {
    await bot.stop();
    await model.stop();
  });

  it('suggests a paragraph beside the original, saved only on press, as a new version, decisions untouched', async () => {
    const card = bot.lastCard(chat.id);
    const index = 2; // §3 AMIF projektansökan: two notes and a decision
    const button = proseButton(card, index)!;
    expect(button.title).toBe('Föreslå löptext');
    const before = (await bot.lokus.deps.minutes.get(groupId, minutesId))!;

    const from = model.received.length;
    model.answer = () => ({ toolCall: { name: 'write_paragraph', arguments: JSON.stringify({ text: SUGGESTION }) } });
    const shown = await bot.execute(chat, ANN, button.verb, button.data);
    const sent = model.received.slice(from);
    expect(sent).toHaveLength(1);
    // Only this item's notes and decision go out, with the style examples; not the rest of the minutes, nor who attended.
    const user = JSON.parse(sent[0]!.body.messages.find((m: Json) => m.role === 'user').content);
    expect(user).toEqual({ item: 'AMIF projektansökan - Information', notes: before.doc.items[index]!.paragraphs, decisions: [DECISION] });
    const body = JSON.stringify(sent[0]!.body);
    for (const absent of ['Hotell Malmköping', 'Marie Svensson', 'Ann Lundqvist', 'Psykisk ohälsa', 'NNS']) expect(body, absent).not.toContain(absent);
    expect(body).toContain('Vid två tillfällen har lokusgruppen diskuterat');

    const text = cardText(shown.card!);
    expect(text).toContain('Förslag till löptext: §3 AMIF projektansökan - Information');
    expect(text).toContain('Ola W berättade om ESF-projektet IBIS, IntegrationsBygget I Sörmland.');
    expect(text).toContain(SUGGESTION);
    expect(text).toContain(DECISION);
    expect((await bot.lokus.deps.minutes.get(groupId, minutesId))!.version).toBe(before.version);

    const saved = await bot.click(chat, ANN, shown.card!, 'Spara förslaget');
    expect(cardText(saved.card!)).toContain(`Sparat som version ${before.version + 1}.`);
    const after = (await bot.lokus.deps.minutes.get(groupId, minutesId))!;
    expect(after.version).toBe(before.version + 1);
    expect(after.doc.items[index]!.paragraphs).toEqual([SUGGESTION]);
    expect(after.doc.items[index]!.decisions).toEqual(before.doc.items[index]!.decisions);
    expect(after.doc.items.filter((_, i) => i !== index)).toEqual(before.doc.items.filter((_, i) => i !== index));
  });

  it('a slow, failing or malformed answer says so and changes nothing', async () => {
    const card = bot.lastCard(chat.id);
    const button = proseButton(card, 3)!;
    const before = (await bot.lokus.deps.minutes.get(groupId, minutesId))!;
    for (const answer of [() => ({ toolCall: { name: 'write_paragraph', arguments: '{"text":' } }), () => ({ status: 429, error: 'Rate limit is exceeded.' }), () => ({ content: 'Här är ett förslag …' }), () => ({ toolCall: { name: 'write_paragraph', arguments: JSON.stringify({ text: SUGGESTION }) }, delayMs: 8000 })]) {
      model.answer = answer;
      const started = Date.now();
      const r = await bot.execute(chat, ANN, button.verb, button.data);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(r.message).toBe('Assistenten kunde inte föreslå någon löptext just nu. Du kan skriva själv med Ändra.');
    }
    expect((await bot.lokus.deps.minutes.get(groupId, minutesId))!.version).toBe(before.version);
  });

  it('a long paragraph (up to the 4000 characters allowed) is asked room for and becomes the card', async () => {
    const button = proseButton(bot.lastCard(chat.id), 1)!;
    // Whole sentences of the seed, numbered so none repeats, to just under the limit: about 950 tokens.
    const sentences: string[] = [];
    for (let i = 1; [...sentences, SUGGESTION].join(' ').length < MAX_PARAGRAPH - 250; i++) sentences.push(`${i}. ${i % 2 ? SUGGESTION : DECISION}`);
    const long = sentences.join(' ');
    const from = model.received.length;
    model.answer = () => ({ toolCall: { name: 'write_paragraph', arguments: JSON.stringify({ text: long }) } });
    const shown = await bot.execute(chat, ANN, button.verb, button.data);
    // Room for the longest paragraph Lokus accepts, even of digits and å/ä/ö (about 2 characters a token).
    const worst = 'Försäkringskassan 2018/12 §3 åäö ÅÄÖ 19791224 '.repeat(100).slice(0, MAX_PARAGRAPH);
    expect(model.received[from]!.body.max_tokens).toBeGreaterThanOrEqual(encode(JSON.stringify({ text: worst })).length);
    expect(shown.message).toBeUndefined();
    expect(cardText(shown.card!)).toContain(long);
  });

  it('only the secretary, only on a draft: never on minutes sent for justering or signed', async () => {
    const button = proseButton(bot.lastCard(chat.id), 1)!;
    const from = model.received.length;
    const other = await bot.execute(A.personalChat(BRITTA), BRITTA, button.verb, button.data);
    expect(other.message).toBe('Bara mötets sekreterare kan ändra och skicka protokollet.');

    const sentCard = await bot.click(chat, ANN, bot.lastCard(chat.id), 'Skicka för justering');
    expect(proseButton(sentCard.card!, 1)).toBeUndefined();
    const late = await bot.execute(chat, ANN, button.verb, button.data);
    expect(late.message).toBe(sv.minutes.errors['MINUTES.IN_ADJUSTMENT']());
    expect(model.received.length).toBe(from);
  });

  it('without the assistant the draft card has no such button', () => {
    const { links, draft, group, now } = sampleMinutes();
    expect(secretaryCardData(links, sv, draft, group, now).prose).toBe(false);
    expect(secretaryCardData({ ...links, assistant: bot.lokus.deps.assistant }, sv, draft, group, now).prose).toBe(true);
    expect(secretaryCardData({ ...links, assistant: bot.lokus.deps.assistant }, sv, draft, { ...group, settings: { ...group.settings, assistantOff: true } }, now).prose).toBe(false);
  });
});
