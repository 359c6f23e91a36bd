/**
 * The benchmark rows for card actions and the minutes draft. Each card-action row sets the scene
 * through the bot's own commands and cards, as a real group would (the founder creates the group,
 * picks the members from the Teams roster, plans and starts a meeting or asks for an approval), and
 * returns one `adaptiveCard/action` invoke per member pressing the card the bot really sent. The
 * runner measures them against the baseline's burst of the same size.
 */
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { draftMinutes } from '../src/minutes/domain/minutes.js';
import { renderMinutesText } from '../src/minutes/domain/minutes-text.js';
import { sv } from '../src/i18n/sv/index.js';
import { cardAction, cardSubmit, channel, message, type Conversation, type Person } from '../test/support/activities.js';
import { cardsOf, cardText, findAction, pressData } from '../test/support/cards.js';
import { SEED_003, seedGroup, seedMeeting } from '../test/minutes/minutes-seeds.js';
import type { IpcChild } from './lib/proc.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- cards as Teams sends them, read like the test helpers do
type Json = Record<string, any>;

/** What the bench connector kept of the bot's posts and card updates (while recording). */
export interface Recorded {
  conversationId: string;
  activityId: string;
  kind: 'post' | 'update';
  activity: Json;
}

export interface BenchContext {
  /** The loopback connector's URL: put it in every activity's serviceUrl. */
  serviceUrl: string;
  /** The team channel of the benchmark group. */
  channel: Conversation;
  /** The chair, and `n` distinct members of the group. */
  chair: Person;
  members(n: number): Person[];
  /** Posts one activity to Lokus and returns the HTTP status and JSON body (for setup steps). */
  postToLokus(activity: object): Promise<{ status: number; body: unknown }>;
  /** The connector as Teams: a conversation's roster, and what the bot posted (recorded during setup). */
  connector: {
    roster(conversationId: string, people: Person[]): Promise<void>;
    record(on: boolean): Promise<void>;
    posted(conversationId: string): Promise<Recorded[]>;
  };
}

/** A BenchContext for the bot at `botUrl`, with the bench connector child as Teams. */
export function benchContext(botUrl: string, connector: IpcChild, base: Pick<BenchContext, 'serviceUrl' | 'channel' | 'chair' | 'members'>): BenchContext {
  return {
    ...base,
    async postToLokus(activity) {
      const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    connector: {
      roster: async (conversationId, people) => void (await connector.call('roster', { conversationId, members: people.map(({ id, name, aadObjectId }) => ({ id, name, aadObjectId })) })),
      record: async (on) => void (await connector.call('record', on)),
      posted: (conversationId) => connector.call('posted', conversationId),
    },
  };
}

export interface CardActionRow {
  id: string;
  label: string;
  /** Members who press the card at once in the burst. */
  members: number;
  /**
   * Sets the scene in Lokus (a group, a meeting, the card on screen) and returns one
   * `adaptiveCard/action` invoke per member, as Teams would send them. Undefined = not built yet.
   */
  prepare?: (ctx: BenchContext) => Promise<object[]>;
}

const PARTIES = ['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun'];
let groups = 0;

/** One person's turn with the bot during setup: say something, press a button on a card. */
export class Setup {
  constructor(private readonly ctx: BenchContext, readonly conv: Conversation) {}

  async say(from: Person, text: string): Promise<void> {
    const r = await this.ctx.postToLokus(message(this.conv, from, this.ctx.serviceUrl, text));
    if (r.status !== 200) throw new Error(`"${text}" answered ${r.status}`);
  }

  /** Presses `title` on `card` (Action.Execute) and returns the card Lokus answered with. */
  async click(from: Person, card: Json, title: string, inputs: Record<string, unknown> = {}, replyToId?: string): Promise<Json> {
    const found = findAction(card, title);
    const data = pressData(found, inputs);
    const opts = replyToId ? { replyToId } : {};
    const activity = found.action.type === 'Action.Execute' ? cardAction(this.conv, from, this.ctx.serviceUrl, found.action.verb, data, opts) : cardSubmit(this.conv, from, this.ctx.serviceUrl, data, opts);
    const r = await this.ctx.postToLokus(activity);
    const body = r.body as Json | undefined;
    if (body?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`"${title}" answered ${r.status}: ${JSON.stringify(body?.value ?? body)}`);
    return body.value as Json;
  }

  /** The last card the bot posted (or updated in place) in this conversation whose text matches. */
  async card(matches: (text: string) => boolean, kind?: 'post' | 'update', activityId?: string): Promise<{ activityId: string; card: Json }> {
    for (let waited = 0; waited < 5_000; waited += 20) {
      const all = await this.ctx.connector.posted(this.conv.id);
      const hit = all.reverse().find((p) => (!kind || p.kind === kind) && (!activityId || p.activityId === activityId) && cardsOf(p.activity)[0] && matches(cardText(cardsOf(p.activity)[0]!)));
      if (hit) return { activityId: hit.activityId, card: cardsOf(hit.activity)[0]! };
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no such card was posted in ${this.conv.id}`);
  }
}

/**
 * A fresh group in a fresh channel, set up as its founder would: `grupp`, create it (the founder
 * becomes chair), then pick everyone from the Teams roster party by party.
 */
export async function newGroup(ctx: BenchContext, size: number): Promise<{ setup: Setup; people: Person[] }> {
  const conv = channel(`bench-group-${++groups}-${Date.now()}`);
  const setup = new Setup(ctx, conv);
  const people = ctx.members(size);
  await ctx.connector.record(true);
  await ctx.connector.roster(conv.id, [ctx.chair, ...people]);
  await setup.say(ctx.chair, 'grupp');
  let settings = await setup.click(ctx.chair, (await setup.card((t) => t.includes('Skapa gruppen'))).card, 'Skapa gruppen', { groupName: `Bench ${groups}`, groupKind: 'lokusgrupp', organisation: 'Samordningsförbundet' });
  for (const [i, party] of PARTIES.entries()) {
    const ids = people.filter((_, j) => j % PARTIES.length === i).map((p) => p.id);
    settings = await setup.click(ctx.chair, settings, 'Hämta från Teams');
    settings = await setup.click(ctx.chair, settings, 'Lägg till valda', { people: ids.join(','), rosterOrganisation: party });
  }
  return { setup, people };
}

/** Every value a choice list on a card offers whose title matches. */
function choiceValues(card: Json, inputId: string, title: RegExp): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (o.type === 'Input.ChoiceSet' && o.id === inputId) for (const c of o.choices as Json[]) if (title.test(String(c.title))) out.push(String(c.value));
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** 200 members, a meeting today, `starta möte` posts the check-in card; everyone presses "Närvarande". */
async function prepareCheckIn(ctx: BenchContext): Promise<object[]> {
  const { setup, people } = await newGroup(ctx, 200);
  return startWithCheckIn(ctx, setup, people);
}

/**
 * In a group set up by `newGroup` (recording on): the chair plans a meeting today and starts it
 * (`nytt möte`, `starta möte`); returns every member's "Närvarande" on the check-in card posted.
 */
export async function startWithCheckIn(ctx: BenchContext, setup: Setup, people: Person[]): Promise<object[]> {
  const today = format(new Date(), 'yyyy-MM-dd', { in: tz('Europe/Stockholm') });
  await setup.say(ctx.chair, `nytt möte ${today} kl 00:00-23:59 Regionens hus`);
  await setup.say(ctx.chair, 'starta möte');
  const { activityId, card } = await setup.card((t) => t.startsWith('Närvaro:'), 'post');
  await ctx.connector.record(false);
  const found = findAction(card, 'Närvarande');
  return people.map((p) => cardAction(setup.conv, p, ctx.serviceUrl, found.action.verb, pressData(found), { replyToId: activityId }));
}

/** 100 members; the chair asks all of them to approve (`godkännande`); everyone presses "Godkänn". */
async function prepareApproval(ctx: BenchContext): Promise<object[]> {
  const { setup, people } = await newGroup(ctx, 100);
  return askAll(ctx, setup, people, 'Avvikelserapport: insatsstart flyttas till 1 mars');
}

/**
 * In a group set up by `newGroup` (recording on): the chair asks every member to approve `title`
 * (`godkännande`, the form sent); returns every member's "Godkänn" on the request card.
 */
export async function askAll(ctx: BenchContext, setup: Setup, people: Person[], title: string): Promise<object[]> {
  await setup.say(ctx.chair, `godkännande ${title}`);
  const form = await setup.card((t) => t.includes('Begär godkännande'), 'post');
  // A group over 15 members is offered "Alla utom förbundets kansli" (preselected) instead of a box each.
  const listed = choiceValues(form.card, 'voters', /^Medlem /);
  const voters = listed.length === people.length ? listed : choiceValues(form.card, 'voters', /^Alla /);
  if (voters.length === 0) throw new Error(`the approval form offers ${listed.length} of ${people.length} members and no "Alla …"`);
  const deadline = format(new Date(Date.now() + 7 * 86_400_000), 'yyyy-MM-dd', { in: tz('Europe/Stockholm') });
  await setup.click(ctx.chair, form.card, 'Skicka för godkännande', {
    text: 'Lokusgruppen skjuter på insatsstarten till 1 mars med avslut 28 februari.',
    voters: voters.join(','),
    rule: 'all',
    deadlineDate: deadline,
    deadlineTime: '12:00',
    reminder: 'd1',
    signatory: 'none',
  }, form.activityId);
  // The form becomes the request card in the channel (updated in place after the answer).
  const { card } = await setup.card((t) => t.includes('Godkänn'), 'update', form.activityId);
  await ctx.connector.record(false);
  const found = findAction(card, 'Godkänn');
  return people.map((p) => cardAction(setup.conv, p, ctx.serviceUrl, found.action.verb, pressData(found), { replyToId: form.activityId }));
}

export const cardActionRows: CardActionRow[] = [
  { id: 'checkIn', label: 'check-in "Närvarande"', members: 200, prepare: prepareCheckIn },
  { id: 'approvalAnswer', label: 'approval answer', members: 100, prepare: prepareApproval },
];

export interface MinutesDraftRow {
  label: string;
  items: number;
  /** Drafts the minutes of one `items`-item meeting, in process; undefined = not built yet. */
  draft?: () => unknown;
}

/** Seed 003's meeting (protokoll, notes and decisions) grown to 30 agenda items. */
function thirtyItemMeeting(items: number) {
  const source = SEED_003.items.filter((i) => !i.dropped);
  const seed = { ...SEED_003, items: Array.from({ length: items - SEED_003.standing.length }, (_, i) => ({ ...source[i % source.length]!, title: `${source[i % source.length]!.title} (${i + 1})` })) };
  const group = seedGroup(seed);
  return { group, meeting: seedMeeting(seed, group) };
}

const MINUTES_ITEMS = 30;
let minutesInput: ReturnType<typeof thirtyItemMeeting> | undefined;

export const minutesDraftRow: MinutesDraftRow = {
  label: 'minutes draft (draftMinutes + text)',
  items: MINUTES_ITEMS,
  draft: () => {
    minutesInput ??= thirtyItemMeeting(MINUTES_ITEMS);
    if (minutesInput.meeting.items.length !== MINUTES_ITEMS) throw new Error(`the meeting has ${minutesInput.meeting.items.length} items`);
    const labels = sv.minutes.document;
    return renderMinutesText(draftMinutes({ ...minutesInput, language: 'sv', labels }), labels);
  },
};
