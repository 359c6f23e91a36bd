import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText, cardTexts } from '../support/cards.js';
import { Connector, TEAMS_MAX_ACTIVITY_BYTES } from '../support/connector.js';
import { answered, groupIdFor } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';
import { endMeeting } from '../support/meeting-steps.js';

type Json = Record<string, any>;

/**
 * Issue 24's size budgets, measured on the real bot at the largest group the product supports:
 * 200 members, 40 agenda items, 60 decisions in a meeting, 100 voters. The scene is made through
 * the bot's own commands and cards; every activity it sends, posts, updates or answers is measured
 * (bytes of its JSON, as the connector or Teams receives it), and every stored document.
 *
 * The connector here takes activities of any size so that each can be measured; the suite's own
 * connector refuses anything over 28 KB, as Teams does.
 */
const FIRST = ['Anna-Karin', 'Birgitta', 'Carl-Johan', 'Eva-Lena', 'Gunilla', 'Hans-Erik', 'Ingrid', 'Karl-Oskar', 'Margareta', 'Per-Olof'];
const LAST = ['Andersson', 'Bergström', 'Lindqvist', 'Söderberg', 'Palmetorp', 'Wiktorson', 'Blomgren', 'Najafi', 'Lytter', 'Hällström'];
const PARTIES = ['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun'];
const decision = (i: number) =>
  `Arbetsutskottet beslutade att ge förbundschefen i uppdrag att i dialog med parterna utarbeta ett förslag till fördjupad kartläggning och analys av sjukpenningtalet i länets kommuner, beslut nummer ${i}, samt att återrapportera till förbundsstyrelsen senast vid nästa ordinarie sammanträde.`;

/** The cards measured over 28 KB at the sizes above: none (the minutes' cards show their items a page at a time). */
const OVER_BUDGET: string[] = [];

describe('card and document sizes at the largest supported group', () => {
  let bot: TestBot;
  const sizes = new Map<string, number>();
  const conv = A.channel('size-budgets');
  const chair = A.person('Marika Blomgren');
  const people = Array.from({ length: 199 }, (_, i) => A.person(`${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i + 1}`));
  const secretary = people[0]!;
  const adjuster = people[1]!;
  const voters = people.slice(0, 100);

  /** Records the largest size seen per card (named by its first text and how it was sent). */
  const measure = (how: string, body: Json | undefined) => {
    if (!body) return;
    const card = body.type === 'application/vnd.microsoft.card.adaptive' ? body.value : cardsOf(body)[0];
    if (!card) return;
    const name = `${String(cardTexts(card)[0] ?? '?').split(/:| – /)[0]!.slice(0, 40)} (${how})`;
    const bytes = Buffer.byteLength(JSON.stringify(body));
    if (bytes > (sizes.get(name) ?? 0) && process.env.SIZE_DUMP) writeFileSync(`${process.env.SIZE_DUMP}/${name.replace(/[^\p{L}\d]+/gu, '-')}.json`, JSON.stringify(card, null, 1));
    sizes.set(name, Math.max(sizes.get(name) ?? 0, bytes));
  };
  /** A member's id as the leader finds it: typing the name into a picker (Teams' typeahead search). */
  const idOf = async (who: A.Person) => {
    const hit = (await bot.search(conv, chair, 'lokus.members', who.name)).find((r) => r.title === who.name || r.title.startsWith(`${who.name} (`));
    if (!hit) throw new Error(`the member search finds no ${who.name}`);
    return hit.value;
  };
  const press = async (c: A.Conversation, who: A.Person, card: Json, title: string, inputs: Record<string, unknown> = {}) => {
    const r = await bot.click(c, who, card, title, inputs);
    measure(`answer to ${title}`, r.body);
    return r;
  };

  beforeAll(async () => {
    const connector = await new Connector({ maxActivityBytes: Infinity }).start();
    bot = await TestBot.start({ connector, now: () => new Date('2018-03-16T11:00:00Z') });
  });
  afterAll(async () => {
    await bot.stop();
    await bot.connector.stop();
  });

  it('measures every card at 200 members, 40 items, 60 decisions and 100 voters', async () => {
    bot.connector.rosters.set(conv.id, [chair, ...people]);
    const setup = await bot.say(conv, chair, 'grupp');
    let settings = answered(await press(conv, chair, cardsOf(setup.replies[0])[0]!, 'Skapa gruppen', { groupName: 'Tierp', groupKind: 'lokusgrupp', organisation: 'Samordningsförbundet' }));
    for (const [p, party] of PARTIES.entries()) {
      settings = answered(await press(conv, chair, settings, 'Hämta från Teams'));
      const ids = people.filter((_, i) => i % 4 === p).map((x) => x.id);
      settings = answered(await press(conv, chair, settings, 'Lägg till valda', { people: ids.join(','), rosterOrganisation: party }));
    }
    settings = answered(await press(conv, chair, settings, 'Spara roll', { roleMemberId: await idOf(secretary), roles: 'secretary' }));
    settings = answered(await press(conv, chair, settings, 'Spara roll', { roleMemberId: await idOf(chair), roles: 'chair' }));

    const planned = await bot.say(conv, chair, 'nytt möte 2018-03-16 13-15 Regionens hus, lokal Aspnäs');
    let plan = cardsOf(planned.replies[0])[0]!;
    for (let i = 1; i <= 37; i++) await bot.say(conv, chair, `punkt Uppföljning av samverkansinsats nummer ${i} inom Finsam och rehabilitering`);
    plan = answered(await press(conv, chair, plan, 'Spara', { secretaryId: await idOf(secretary), adjusterIds: await idOf(adjuster), format: 'protokoll' }));
    await press(conv, chair, plan, 'Skicka kallelse');
    await bot.say(conv, chair, 'dagordning');
    await bot.say(conv, chair, 'starta möte');
    await bot.settle();
    for (let i = 1; i <= 60; i++) {
      await bot.say(conv, secretary, `beslut ${decision(i)}`);
      if (i % 2 === 0) await bot.say(conv, chair, 'nästa punkt');
    }
    for (let i = 1; i <= 10; i++) await bot.say(conv, secretary, `uppdrag ${people[i]!.name}: ta fram underlag om insats ${i} till nästa möte senast 2018-04-20`);
    await bot.settle();

    const checkIn = bot.connector.posted(conv.id).filter((a) => cardsOf(a)[0] && cardTexts(cardsOf(a)[0]!)[0]?.startsWith('Närvaro:')).at(-1)!;
    const checkInCard = bot.currentCard(checkIn.id as string, conv.id)!;
    const chairsView = await bot.refresh(conv, chair, checkInCard);
    measure('refresh for the chair', chairsView.body);
    for (const p of people.slice(0, 150)) await press(conv, p, checkInCard, 'Närvarande');

    const asked = await bot.say(conv, chair, 'godkännande Yttrande över remiss om samordningsförbundens framtida finansiering');
    const form = bot.currentCard(asked.replies[0]!.id as string)!;
    const text = 'Förbundet ställer sig bakom remissens förslag i huvudsak. '.repeat(40);
    const sent = await press(conv, chair, form, 'Skicka för godkännande', {
      text, voters: (await Promise.all(voters.map(idOf))).join(','), rule: 'all', deadlineDate: '2018-03-30', deadlineTime: '12:00', signatory: await idOf(adjuster),
    });
    await bot.settle();
    const request = bot.currentCard(asked.replies[0]!.id as string)!;
    for (const v of voters.slice(0, 60)) await press(conv, v, request, 'Godkänn');
    await bot.settle();
    const voterView = await bot.refresh(conv, voters[70]!, bot.currentCard(asked.replies[0]!.id as string)!).catch(() => undefined);
    measure('refresh for a voter', voterView?.body);
    if (sent.card) await press(conv, chair, sent.card, 'Visa historik');

    await bot.say(conv, chair, 'närvaro 2018-01-01 2018-12-31');
    await bot.say(conv, chair, 'beslutslogg');
    await bot.say(conv, chair, 'uppdragslista');
    await bot.say(conv, chair, 'hjälp');
    await endMeeting(bot, conv, chair);
    await bot.settle();
    const draft = bot.lastCard(A.personalChat(secretary).id);
    await press(A.personalChat(secretary), secretary, draft, 'Ändra all text').catch(() => undefined);
    await press(A.personalChat(secretary), secretary, draft, 'Skicka för justering');
    await bot.settle();
    await bot.say(conv, chair, 'protokoll');

    for (const call of bot.connector.calls) {
      if (call.kind === 'send' || call.kind === 'reply' || call.kind === 'update') measure(call.kind === 'update' ? 'update' : 'post', call.body);
    }
    const docs = await bot.documents(groupIdFor(conv));
    const docSizes = docs.map((d) => [`${d.type} ${String(d.id).slice(0, 24)}`, Buffer.byteLength(JSON.stringify(d))] as const);

    const rows = [...sizes.entries()].sort((a, b) => b[1] - a[1]);
    console.log(['card (how it was sent): bytes, over 28 KB?', ...rows.map(([n, b]) => `${(b / 1024).toFixed(1).padStart(6)} KB ${b > TEAMS_MAX_ACTIVITY_BYTES ? 'OVER ' : '     '} ${n}`)].join('\n'));
    console.log(['largest stored documents:', ...docSizes.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, b]) => `${(b / 1024).toFixed(1).padStart(8)} KB  ${n}`)].join('\n'));
    expect(rows.length).toBeGreaterThan(15);
    // Issue 24 is not done until this list is empty: the cards still over Teams' limit at this size.
    // A card that gets under it must leave the list; a card that goes over fails here.
    expect(rows.filter(([, b]) => b > TEAMS_MAX_ACTIVITY_BYTES).map(([n]) => n).sort()).toEqual([...OVER_BUDGET].sort());
    expect(Math.max(...docSizes.map(([, b]) => b))).toBeLessThanOrEqual(2 * 1024 * 1024);
  }, 300_000);

  it('pages through the long minutes: every item once, and a signatory’s comments from two pages in one request', async () => {
    const headingsOf = (card: Json) => cardTexts(card).filter((x) => /^(§ ?)?\d+\.? /.test(x) && !x.includes('Punkterna'));
    const secretaryChat = A.personalChat(secretary);
    let card = bot.lastCard(secretaryChat.id);
    const seen: string[] = [];
    for (let page = 0; page < 20; page++) {
      expect(cardTexts(card).find((x) => x.startsWith('Punkterna'))).toMatch(/^Punkterna \d+–\d+ av 40\./);
      seen.push(...headingsOf(card));
      if (!cardTexts(card).includes('Visa fler punkter')) break;
      const next = await bot.click(secretaryChat, secretary, card, 'Visa fler punkter');
      expect(Buffer.byteLength(JSON.stringify(next.body))).toBeLessThan(TEAMS_MAX_ACTIVITY_BYTES);
      card = answered(next);
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    expect(answered(await bot.click(secretaryChat, secretary, card, 'Visa föregående punkter'))).toBeTruthy();
    // Someone outside the group, pressing the same button with the same ids, reads nothing.
    const outsider = A.person('Utanför Gruppen');
    const forged = await bot.click(A.personalChat(outsider), outsider, card, 'Visa föregående punkter');
    expect(forged.card).toBeUndefined();
    expect(forged.message).toMatch(/^Du är inte med i gruppen|finns inte/);

    const adjusterChat = A.personalChat(adjuster);
    const first = bot.lastCard(adjusterChat.id);
    const firstItems = headingsOf(first);
    const page2 = answered(await bot.click(adjusterChat, adjuster, first, 'Spara och visa fler punkter', { c_0: 'Punkt 1: stavfel i rubriken.' }));
    expect(cardText(page2)).toContain('Din synpunkt på en punkt på en annan sida följer med när du skickar.');
    const secondIndex = firstItems.length;
    const sent = answered(await bot.click(adjusterChat, adjuster, page2, 'Skicka begäran', { [`c_${secondIndex}`]: 'Fel datum i beslutet.' }));
    expect(cardText(sent)).not.toContain('Skicka begäran');
    const minutes = (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'minutes')!;
    const comments = minutes.changeRequests.at(-1).comments.map((c: Json) => c.text);
    expect(comments).toEqual(['Punkt 1: stavfel i rubriken.', 'Fel datum i beslutet.']);
  }, 120_000);
});
