import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesIdOf } from '../../src/minutes/minutes-repo.js';
import { draftAndSendMinutes } from '../../src/minutes/minutes-listeners.js';
import { SEED_003, seedGroup, seedMeeting, type SeedMeeting } from './minutes-seeds.js';
import * as A from '../support/activities.js';
import { cardText, cardTexts } from '../support/cards.js';
import { TEAMS_MAX_ACTIVITY_BYTES } from '../support/connector.js';
import { groupIdFor } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';

type Json = Record<string, any>;

/**
 * Issue 24: a justerare's comments typed on several pages of a long minutes card are carried in the
 * card's buttons. However long they are, every card the bot answers stays within Teams' limit, and
 * every comment typed reaches the change request.
 */
const ANN = A.person('Ann Lundqvist');
const BRITTA = A.person('Britta Bergström');

/** Seed 003's meeting with its items repeated to 40 and their notes lengthened, as a long day's minutes. */
const LONG: SeedMeeting = {
  ...SEED_003,
  items: Array.from({ length: 40 }, (_, i) => {
    const item = SEED_003.items[i % SEED_003.items.length]!;
    return { ...item, title: `${item.title} (${i + 1})`, notes: item.notes.map((n) => `${n} `.repeat(6).trim()), dropped: false };
  }),
};

/** A comment of `chars` characters, with quotes and line breaks (escaped twice when carried in a button). */
const comment = (n: number, chars: number) => `Synpunkt ${n}: "Beslutet" ska formuleras om.\n`.repeat(Math.ceil(chars / 20)).slice(0, chars);

let bot: TestBot;
const now = new Date(`${LONG.date}T16:00:00Z`);

beforeAll(async () => {
  bot = await TestBot.start({ now: () => now });
});
afterAll(async () => bot.stop());

/** The long minutes of a group of its own, drafted and sent for justering by the secretary over HTTP. */
async function inJustering(channel: string): Promise<string> {
  const conv = A.channel(channel);
  await bot.post(A.botAdded(conv, A.person(LONG.people[0]!.name), bot.serviceUrl));
  const groupId = groupIdFor(conv);
  const group = seedGroup(LONG, { groupId, tenantId: conv.tenantId, conversationId: conv.id, identity: (name) => ({ teamsId: A.person(name).id, aadObjectId: A.person(name).aadObjectId }) });
  await bot.lokus.deps.groups.create(group);
  const meeting = seedMeeting(LONG, group);
  await bot.lokus.deps.meetings.create(meeting);
  await draftAndSendMinutes(bot.lokus.deps, groupId, meeting.id, 'sv');
  await bot.lokus.deps.background.idle();
  const sent = await bot.click(A.personalChat(ANN), ANN, bot.lastCard(A.personalChat(ANN).id), 'Skicka för justering');
  expect(cardText(sent.card!)).toContain('Skickat för justering');
  await bot.lokus.deps.background.idle();
  return groupId;
}

/** The item indexes whose comment inputs are on the card (`c_3`), in order. */
function commentIds(card: Json): number[] {
  const ids: number[] = [];
  JSON.stringify(card, (_k, x) => {
    if (x && typeof x === 'object' && x.type === 'Input.Text' && /^c_\d+$/.test(x.id)) ids.push(Number(x.id.slice(2)));
    return x;
  });
  return ids;
}

describe('issue 24: a justerare’s long comments on many pages of long minutes', () => {
  it.each([
    [2000, 1],
    [4000, 3],
  ])('comments of %i characters on %i items a page, page after page: every answer within 28 KB, every comment in the request', async (chars, perPage) => {
    const groupId = await inJustering(`au-rar-kept-${chars}`);
    const chat = A.personalChat(BRITTA);
    let card = bot.lastCard(chat.id);
    expect(cardTexts(card)).toContain('Spara och visa fler punkter');
    const typed: Record<number, string> = {};
    let inputs: Record<string, string> = {};
    let told = '';
    for (let page = 0; page < 12; page++) {
      inputs = {};
      for (const i of commentIds(card).filter((x) => typed[x] === undefined).slice(0, perPage)) {
        typed[i] = comment(i, chars);
        inputs[`c_${i}`] = typed[i]!;
      }
      if (!cardTexts(card).includes('Spara och visa fler punkter')) break;
      const r = await bot.click(chat, BRITTA, card, 'Spara och visa fler punkter', inputs);
      expect(bot.connector.oversize).toEqual([]);
      if (!r.card) {
        // The card cannot carry more: Teams shows the answer and leaves the card as it was, typed text in it.
        told = r.message ?? '';
        break;
      }
      expect(Buffer.byteLength(JSON.stringify(r.body))).toBeLessThanOrEqual(TEAMS_MAX_ACTIVITY_BYTES);
      card = r.card;
    }
    expect(Object.keys(typed).length).toBeGreaterThanOrEqual(3);
    // At 3 × 4000 characters a page the card is full after a few pages; the bot says so and pages no further.
    if (perPage === 3) expect(told).toBe('Dina synpunkter får inte plats på kortet om du bläddrar vidare. Skicka begäran nu: allt du har skrivit följer med.');


    const sent = await bot.click(chat, BRITTA, card, 'Skicka begäran', inputs);
    expect(bot.connector.oversize).toEqual([]);
    expect(cardText(sent.card!)).not.toContain('Skicka begäran');
    await bot.lokus.deps.background.idle();
    const m = (await bot.lokus.deps.minutes.get(groupId, minutesIdOf(`meeting-${LONG.date}`)))!;
    const got = m.changeRequests.at(-1)!.comments.map((c) => c.text);
    const written = Object.keys(typed).map(Number).sort((a, b) => a - b).map((i) => typed[i]!.trim());
    expect(got).toEqual(written);
    // The secretary's card with the request reached her too, and she reads every comment on its pages.
    expect(bot.connector.oversize).toEqual([]);
    const annChat = A.personalChat(ANN);
    let back = bot.lastCard(annChat.id);
    expect(cardText(back)).toContain('Britta Bergström begär ändring');
    let read = cardText(back);
    for (let page = 0; page < 40 && cardTexts(back).includes('Visa fler punkter'); page++) {
      const r = await bot.click(annChat, ANN, back, 'Visa fler punkter');
      back = r.card!;
      read += `\n${cardText(back)}`;
    }
    expect(bot.connector.oversize).toEqual([]);
    for (const text of written) expect(read).toContain(text);
  }, 180_000);
});
