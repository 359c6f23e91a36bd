/**
 * Teams for a bot in this process (the three-year generator): a loopback Bot Connector that answers
 * roster calls, creates personal chats and keeps the last cards the bot posted or updated in each
 * conversation, and a `Teams` that says things and presses buttons over real HTTP, as the tests do.
 * It keeps only a few activities per conversation, so hours of traffic do not fill the memory.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardAction, cardSubmit, message, search, type Conversation, type Person } from '../../test/support/activities.js';
import { cardsOf, cardText, findAction, pressData } from '../../test/support/cards.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- cards as Teams sends them, read like the test helpers do
export type Json = Record<string, any>;

/** One activity the bot posted in a conversation, as it stands after any updates (PUT). */
export interface Posted {
  activityId: string;
  activity: Json;
  /** Order of arrival over all conversations. */
  seq: number;
}

const KEEP = 12;

export class LoopbackConnector {
  readonly rosters = new Map<string, Person[]>();
  private readonly posts = new Map<string, Posted[]>();
  private server?: http.Server;
  private seq = 0;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** The bot's last posts in a conversation (oldest first), each with its latest content. */
  posted(conversationId: string): Posted[] {
    return this.posts.get(conversationId) ?? [];
  }

  /** The arrival number of the next post: posts with `seq >= mark()` came after this call. */
  mark(): number {
    return this.seq + 1;
  }

  private keep(conversationId: string, p: Posted): void {
    const list = this.posts.get(conversationId) ?? [];
    list.push(p);
    if (list.length > KEEP) list.shift();
    this.posts.set(conversationId, list);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const send = (status: number, payload: unknown) => {
        const body = JSON.stringify(payload ?? {});
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      };
      const body = raw ? (JSON.parse(raw) as Json) : undefined;
      const parts = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
      const method = req.method ?? 'GET';
      if (parts[0] !== 'v3' || parts[1] !== 'conversations') return send(404, {});
      // POST /v3/conversations: a personal chat with one member (as the test connector names it).
      if (parts.length === 2 && method === 'POST') {
        const id = `a:personal-${String(body?.members?.[0]?.id ?? 'unknown')}`;
        return send(201, { id, activityId: body?.activity ? `a-${++this.seq}` : undefined });
      }
      const cid = parts[2] ?? '';
      if (parts[3] === 'activities') {
        if (method === 'POST') {
          const activityId = `a-${++this.seq}`;
          this.keep(cid, { activityId, activity: body ?? {}, seq: this.seq });
          return send(200, { id: activityId });
        }
        if (method === 'PUT' && parts[4]) {
          const p = this.posted(cid).find((x) => x.activityId === parts[4]);
          if (p) p.activity = body ?? {};
          return send(200, { id: parts[4] });
        }
        if (method === 'DELETE') return send(200, {});
      }
      if ((parts[3] === 'members' || parts[3] === 'pagedmembers') && method === 'GET') {
        const roster = (this.rosters.get(cid) ?? []).map((p) => ({ id: p.id, name: p.name, aadObjectId: p.aadObjectId, objectId: p.aadObjectId, userPrincipalName: `${p.aadObjectId}@example.se` }));
        if (parts[4]) {
          const one = roster.find((m) => m.id === parts[4]);
          return one ? send(200, one) : send(404, { error: { code: 'MemberNotFoundInConversation' } });
        }
        return send(200, parts[3] === 'pagedmembers' ? { members: roster } : roster);
      }
      return send(404, {});
    });
  }
}

/** A card on screen: where it sits (for `replyToId`) and its content. */
export interface OnScreen {
  activityId?: string;
  card: Json;
}

/** People talking to the bot at `botUrl` through `connector`, over real HTTP. */
export class Teams {
  /** Requests sent, by kind (message / invoke). */
  readonly sent = { message: 0, invoke: 0 };
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(readonly botUrl: string, readonly connector: LoopbackConnector) {}

  close(): void {
    this.agent.destroy();
  }

  private post(activity: object): Promise<{ status: number; body: Json | undefined }> {
    const payload = JSON.stringify(activity);
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.botUrl}/api/messages`, { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (raw += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: raw ? (JSON.parse(raw) as Json) : undefined }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** `from` types `text` in `conv`; returns the cards and texts the bot posted there meanwhile. */
  async say(conv: Conversation, from: Person, text: string): Promise<{ cards: OnScreen[]; texts: string[] }> {
    const mark = this.connector.mark();
    this.sent.message++;
    const r = await this.post(message(conv, from, this.connector.url, text));
    if (r.status !== 200) throw new Error(`"${text}" answered ${r.status}`);
    const posts = this.connector.posted(conv.id).filter((p) => p.seq >= mark);
    return {
      cards: posts.filter((p) => cardsOf(p.activity)[0]).map((p) => ({ activityId: p.activityId, card: cardsOf(p.activity)[0]! })),
      texts: posts.map((p) => String(p.activity.text ?? '')).filter(Boolean),
    };
  }

  /** `from` types `text` and gets a card back; fails with what the bot said otherwise. */
  async sayForCard(conv: Conversation, from: Person, text: string): Promise<OnScreen> {
    const r = await this.say(conv, from, text);
    if (!r.cards[0]) throw new Error(`"${text}" by ${from.name} brought no card: ${r.texts.join(' / ')}`);
    return r.cards[0];
  }

  /**
   * `from` presses `title` on `on`, typing `inputs` first. Returns the card the bot answered with
   * (Action.Execute), or its text (a refusal, or Action.Submit).
   */
  async click(conv: Conversation, from: Person, on: OnScreen, title: string | RegExp, inputs: Record<string, unknown> = {}): Promise<{ card?: Json; text?: string }> {
    const found = findAction(on.card, title);
    const data = pressData(found, inputs);
    const opts = on.activityId ? { replyToId: on.activityId } : {};
    const execute = found.action.type === 'Action.Execute';
    this.sent[execute ? 'invoke' : 'message']++;
    const r = await this.post(execute ? cardAction(conv, from, this.connector.url, String(found.action.verb), data, opts) : cardSubmit(conv, from, this.connector.url, data, opts));
    if (r.status !== 200) throw new Error(`"${String(title)}" by ${from.name} answered ${r.status}`);
    const body = r.body;
    if (body?.type === 'application/vnd.microsoft.card.adaptive') return { card: body.value as Json };
    return { text: typeof body?.value === 'string' ? body.value : undefined };
  }

  /**
   * What `from` picks for `inputId` on `on`: the listed choice whose title starts with `name`, else
   * the first such hit of the search Teams makes as they type (a typeahead list, `Data.Query`).
   */
  async pick(conv: Conversation, from: Person, on: OnScreen, inputId: string, name: string): Promise<string> {
    const starts = (t: string) => t === name || t.startsWith(`${name} `);
    const listed = choiceValues(on.card, inputId, starts)[0];
    if (listed !== undefined) return listed;
    const dataset = choiceSetOf(on.card, inputId)?.['choices.data']?.dataset as string | undefined;
    if (!dataset) throw new Error(`no choice ${name} for ${inputId}, and no typeahead: ${cardText(on.card).slice(0, 300)}`);
    this.sent.invoke++;
    const r = await this.post(search(conv, from, this.connector.url, dataset, name));
    const hit = ((r.body?.value?.results ?? []) as Array<{ title: string; value: string }>).find((x) => starts(x.title));
    if (!hit) throw new Error(`the ${dataset} search for ${name} found nothing (HTTP ${r.status})`);
    return hit.value;
  }

  /** As `click`, failing unless the bot answered with a card; returns it in place of `on`. */
  async press(conv: Conversation, from: Person, on: OnScreen, title: string | RegExp, inputs: Record<string, unknown> = {}): Promise<OnScreen> {
    const r = await this.click(conv, from, on, title, inputs);
    if (!r.card) throw new Error(`"${String(title)}" by ${from.name} answered: ${r.text ?? '(nothing)'}`);
    return { activityId: on.activityId, card: r.card };
  }

  /** The last card the bot posted in `conv` (as updated since) whose text matches. */
  lastCard(conv: Conversation, matches: (text: string) => boolean = () => true): OnScreen | undefined {
    const hit = [...this.connector.posted(conv.id)].reverse().find((p) => cardsOf(p.activity)[0] && matches(cardText(cardsOf(p.activity)[0]!)));
    return hit ? { activityId: hit.activityId, card: cardsOf(hit.activity)[0]! } : undefined;
  }
}

/** Every value a choice list on a card offers whose title matches (what a person picks). */
export function choiceValues(card: Json, inputId: string, title: RegExp | string | ((t: string) => boolean)): string[] {
  const out: string[] = [];
  const matches = (t: string) => (typeof title === 'string' ? t === title : typeof title === 'function' ? title(t) : title.test(t));
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (o.type === 'Input.ChoiceSet' && o.id === inputId) for (const c of o.choices as Json[]) if (matches(String(c.title))) out.push(String(c.value));
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

function choiceSetOf(card: Json, inputId: string): Json | undefined {
  let found: Json | undefined;
  const walk = (n: unknown): void => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Json;
    if (o.type === 'Input.ChoiceSet' && o.id === inputId) found = o;
    else Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

export function choiceValue(card: Json, inputId: string, title: RegExp | string): string {
  const v = choiceValues(card, inputId, title)[0];
  if (v === undefined) throw new Error(`no choice ${String(title)} for ${inputId} on the card: ${cardText(card).slice(0, 400)}`);
  return v;
}
