import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/app/config.js';
import { createLogger } from '../../src/app/log.js';
import { startLokus, type Lokus } from '../../src/app/lokus.js';
import type { PaceLimit } from '../../src/bot/conversation-pacing.js';
import * as A from './activities.js';
import { cardProblems } from './card-schema.js';
import { cardsOf, findAction, pressData } from './cards.js';
import { Connector } from './connector.js';
import { pressProblems } from './teams-press.js';

type Json = Record<string, any>;

export interface TestBotOptions {
  env?: Record<string, string>;
  now?: () => Date;
  /** Reuse a data directory (restart tests); a fresh temporary one by default. */
  dataDir?: string;
  connector?: Connector;
  /** Scheduler ticks by itself every N ms; 0 (default) = only when the test calls `tick()`. */
  schedulerIntervalMs?: number;
  /** Receives every log line (JSON) at LOG_LEVEL (default info when set); for log hygiene and fault tests. */
  logTo?: (line: string) => void;
  /**
   * Per-conversation limits on what the bot sends. Lokus paces to Teams' own limits (a sustained 2
   * messages a second per conversation); the scenario tests, which type hundreds of commands into one
   * channel as fast as HTTP allows, run without them. The pacing tests pass TEAMS_LIMITS, and run
   * against a connector that refuses (429) what Teams would refuse.
   */
  paceLimits?: readonly PaceLimit[];
}

export interface PostResult {
  status: number;
  body: any;
  /** Activities the bot posted while this request was handled. */
  replies: Json[];
}

/**
 * The real bot on a random loopback port with a fresh embedded Cosmos, and a loopback connector
 * catching what it posts. Talk to it exactly as Teams does.
 */
export class TestBot {
  private constructor(
    readonly lokus: Lokus,
    readonly connector: Connector,
    private readonly dataDir: string,
    private readonly ownDataDir: boolean,
    private readonly ownConnector: boolean,
  ) {}

  static async start(opts: TestBotOptions = {}): Promise<TestBot> {
    const connector = opts.connector ?? (await new Connector().start());
    const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'lokus-test-')));
    const level = process.env.LOKUS_TEST_LOG ?? (opts.logTo ? 'info' : 'silent');
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOKUS_DATA_DIR: dataDir, LOG_LEVEL: level, ...opts.env });
    const logTo = opts.logTo;
    const log = logTo ? createLogger(config.logLevel, { write: (line: string) => logTo(line) }) : createLogger(config.logLevel);
    const lokus = await startLokus(config, { log, now: opts.now, schedulerIntervalMs: opts.schedulerIntervalMs ?? 0, paceLimits: opts.paceLimits ?? [] });
    return new TestBot(lokus, connector, dataDir, !opts.dataDir, !opts.connector);
  }

  get url(): string {
    return this.lokus.url;
  }

  get serviceUrl(): string {
    return this.connector.url;
  }

  /** POSTs an activity to /api/messages; returns the HTTP answer and what the bot posted meanwhile. */
  async post(activity: Json, headers: Record<string, string> = {}): Promise<PostResult> {
    const before = this.connector.calls.length;
    const res = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    const replies = this.connector.calls
      .slice(before)
      .filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === activity.conversation?.id)
      .map((c) => ({ ...c.body, id: c.newId }));
    return { status: res.status, body, replies };
  }

  /** A person types `text` (in a channel, after @Lokus). */
  say(conv: A.Conversation, from: A.Person, text: string, opts: A.MessageOptions = {}): Promise<PostResult> {
    return this.post(A.message(conv, from, this.serviceUrl, text, opts));
  }

  /**
   * A person presses the button titled `title` on a card the bot sent, typing `inputs` into the
   * card's inputs first. Action.Execute → adaptiveCard/action invoke (the answer's card is in
   * `card`); Action.Submit → message with value.
   */
  async click(conv: A.Conversation, from: A.Person, card: Json, title: string | RegExp, inputs: Record<string, unknown> = {}, opts: { locale?: string; replyToId?: string } = {}): Promise<PostResult & { card?: Json; message?: string }> {
    const found = findAction(card, title);
    const data = pressData(found, inputs);
    const type = found.action.type;
    // Teams names the message the card sits on; so do we, when the card is one the bot posted or updated.
    opts = { ...opts, replyToId: opts.replyToId ?? this.activityIdOf(card) };
    if (type === 'Action.Execute') {
      return this.execute(conv, from, found.action.verb, data, opts);
    }
    if (type === 'Action.Submit') {
      return this.post(A.cardSubmit(conv, from, this.serviceUrl, data, opts));
    }
    throw new Error(`button "${String(title)}" is ${type}; it cannot be pressed as a request`);
  }

  /** Sends an Action.Execute invoke; the answer's card is in `card`, a text answer in `message`. */
  async execute(conv: A.Conversation, from: A.Person, verb: string, data: Record<string, unknown>, opts: { locale?: string; replyToId?: string; trigger?: 'manual' | 'automatic' } = {}): Promise<PostResult & { card?: Json; message?: string }> {
    const r = await this.post(A.cardAction(conv, from, this.serviceUrl, verb, data, opts));
    const value = r.body?.value;
    const answered = r.body?.type === 'application/vnd.microsoft.card.adaptive' ? value : undefined;
    if (answered) for (const p of [...cardProblems(answered), ...pressProblems(answered)]) this.connector.cardProblems.push(`invoke answer: ${p}`);
    // A card answered to an invoke is shown as a message too, under the same size limit.
    const bytes = answered ? Buffer.byteLength(JSON.stringify(r.body), 'utf8') : 0;
    if (bytes > this.connector.maxActivityBytes) this.connector.oversize.push(`invoke answer ${verb}: ${bytes} bytes`);
    return { ...r, card: answered, message: r.body?.type === 'application/vnd.microsoft.activity.message' ? value : undefined };
  }

  /**
   * What Teams does as `from` types `text` into a choice list with dynamic typeahead (`choices.data`
   * with `dataset`): an `application/search` invoke; returns the choices the bot offered.
   */
  async search(conv: A.Conversation, from: A.Person, dataset: string, text: string): Promise<Array<{ title: string; value: string }>> {
    const r = await this.post(A.search(conv, from, this.serviceUrl, dataset, text));
    if (r.status !== 200 || r.body?.type !== 'application/vnd.microsoft.search.searchResponse') {
      throw new Error(`search "${text}" in ${dataset}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    }
    return r.body.value.results;
  }

  /**
   * What Teams does when `from` looks at a card with Universal Actions `refresh` and is listed in
   * its `userIds`: invokes the refresh action and shows the answer to that user only.
   */
  async refresh(conv: A.Conversation, from: A.Person, card: Json): Promise<PostResult & { card?: Json; message?: string }> {
    const r = card.refresh;
    if (!r?.action) throw new Error('the card has no refresh action');
    if (!(r.userIds ?? []).includes(from.id)) throw new Error(`${from.name} is not in the card's refresh userIds`);
    return this.execute(conv, from, r.action.verb, r.action.data ?? {}, { replyToId: this.activityIdOf(card), trigger: 'automatic' });
  }

  /** The activity id of a card the bot posted or updated (by identity), if it is one. */
  activityIdOf(card: Json): string | undefined {
    for (const c of this.connector.calls) {
      if ((c.kind === 'send' || c.kind === 'reply' || c.kind === 'update') && cardsOf(c.body).includes(card)) return c.kind === 'update' ? c.activityId : c.newId;
    }
    return undefined;
  }

  /** Waits for the work the bot does after answering (card updates, personal messages). */
  async idle(): Promise<void> {
    await this.lokus.deps.background.idle();
  }

  /** The last Adaptive Card the bot posted (optionally in one conversation), after any PUT updates. */
  lastCard(conversationId?: string): Json {
    const posted = this.connector.posted(conversationId).filter((a) => cardsOf(a).length > 0);
    const last = posted.at(-1);
    if (!last) throw new Error('the bot has posted no card');
    return this.currentCard(last.id, conversationId)!;
  }

  /** A posted card as it stands now: the latest PUT to its activity id, or the original. */
  currentCard(activityId: string, conversationId?: string): Json | undefined {
    const update = this.connector.updates(conversationId).filter((u) => u.activityId === activityId).at(-1);
    if (update) return cardsOf(update.body)[0];
    const posted = this.connector.posted(conversationId).find((a) => a.id === activityId);
    return posted ? cardsOf(posted)[0] : undefined;
  }

  /** Waits for the work the bot does after answering (PUT updates, proactive posts) to finish. */
  async settle(): Promise<void> {
    await this.lokus.deps.background.idle();
  }

  /** Every domain document of the partition (for "nothing changed" checks), without volatile fields. */
  async documents(groupId: string): Promise<Json[]> {
    const { resources } = await this.lokus.store.domain.items
      .query({ query: 'SELECT * FROM c WHERE c.groupId = @g', parameters: [{ name: '@g', value: groupId }] })
      .fetchAll();
    return resources.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }

  /** Stops the bot (gracefully, like SIGTERM) and fails if any card it sent was invalid. */
  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    await this.lokus.close();
    if (this.ownConnector) await this.connector.stop();
    if (this.ownDataDir && !options.keepData) await rm(this.dataDir, { recursive: true, force: true });
    if (this.connector.oversize.length > 0) {
      throw new Error(`the bot sent activities over Teams' size limit (refused):\n${this.connector.oversize.join('\n')}`);
    }
    if (this.connector.cardProblems.length > 0) {
      throw new Error(`the bot sent invalid Adaptive Cards:\n${this.connector.cardProblems.join('\n')}`);
    }
  }
}
