import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardProblems } from './card-schema.js';
import { pressProblems } from './teams-press.js';
import type { Person } from './activities.js';

/** One call the bot made to the Bot Connector service. */
export interface ConnectorCall {
  kind: 'send' | 'reply' | 'update' | 'delete' | 'createConversation' | 'members' | 'other';
  method: string;
  path: string;
  conversationId?: string;
  /** The activity id in the URL: replied-to (reply), updated (update) or deleted (delete). */
  activityId?: string;
  /** The id the connector gave a sent activity. */
  newId?: string;
  body?: any;
  /** The Authorization header the bot sent (its outbound token), if any. */
  authorization?: string;
  /** When the call arrived (ms, performance.now()). */
  at?: number;
}

type Activity = Record<string, any>;

/**
 * The largest activity Teams takes from a bot, in bytes of the JSON sent (about 28 KB, cards
 * included); a larger post or update is refused with 413 and never shown.
 */
export const TEAMS_MAX_ACTIVITY_BYTES = 28 * 1024;

/**
 * A loopback Bot Connector: records what the bot posts, updates (PUT) and deletes, creates personal
 * chats and answers roster calls. Every Adaptive Card it receives is checked against the 1.5 schema
 * and for buttons Teams would not let anyone press (teams-press.ts `pressProblems`). A post or
 * update over Teams' size limit (TEAMS_MAX_ACTIVITY_BYTES) is refused with 413, as Teams does.
 */
export class Connector {
  readonly calls: ConnectorCall[] = [];
  readonly cardProblems: string[] = [];
  /** Roster per conversation id (GET …/members); set by tests. */
  readonly rosters = new Map<string, Person[]>();
  /** Posts and updates refused for being over TEAMS_MAX_ACTIVITY_BYTES, as "<kind> <path>: <bytes> bytes". */
  readonly oversize: string[] = [];
  /** Fail the next N sends/replies with this status (fault tests); a 429 or 503 may say Retry-After (seconds). */
  failNext: { count: number; status: number; retryAfter?: number } = { count: 0, status: 500 };
  /**
   * Refuse with 429 (Retry-After: 1) what Teams would refuse: more than 7 posts, replies and updates
   * to one conversation in a second, 8 in two seconds or 60 in 30 seconds. Off unless a test asks.
   */
  readonly teamsRateLimits: boolean;
  /** The sends Teams' limits refused (teamsRateLimits), as "<kind> <conversation>". */
  readonly throttled: string[] = [];
  private readonly sentAt = new Map<string, number[]>();
  /** Teams' limit by default; a measuring test may lift it (Infinity) to see how large things get. */
  readonly maxActivityBytes: number;
  private server?: http.Server;
  private seq = 0;

  constructor(options: { maxActivityBytes?: number; teamsRateLimits?: boolean } = {}) {
    this.maxActivityBytes = options.maxActivityBytes ?? TEAMS_MAX_ACTIVITY_BYTES;
    this.teamsRateLimits = options.teamsRateLimits ?? false;
  }

  /** Would Teams take one more message to this conversation now? Counts it when so. */
  private withinTeamsLimits(conversationId: string): boolean {
    const now = performance.now();
    const key = conversationId.split(';messageid=')[0]!;
    const sent = (this.sentAt.get(key) ?? []).filter((t) => t > now - 30_000);
    const within = (ms: number) => sent.filter((t) => t > now - ms).length;
    if (within(1_000) >= 7 || within(2_000) >= 8 || sent.length >= 60) return false;
    sent.push(now);
    this.sentAt.set(key, sent);
    return true;
  }
  private waiters: Array<() => void> = [];
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

  /** Activities posted (sent or replied), in order. */
  posted(conversationId?: string): Activity[] {
    return this.calls
      .filter((c) => (c.kind === 'send' || c.kind === 'reply') && (!conversationId || c.conversationId === conversationId))
      .map((c) => ({ ...c.body, id: c.newId }));
  }

  updates(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === 'update' && (!conversationId || c.conversationId === conversationId));
  }

  /** Resolves when `predicate` holds for the calls so far (checked after every call). */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('connector: timed out waiting for the bot');
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  private record(call: ConnectorCall, req?: http.IncomingMessage): void {
    if (req?.headers.authorization) call.authorization = req.headers.authorization;
    call.at = performance.now();
    this.calls.push(call);
    for (const a of call.body?.attachments ?? []) {
      if (a?.contentType === 'application/vnd.microsoft.card.adaptive') {
        for (const p of [...cardProblems(a.content), ...pressProblems(a.content)]) this.cardProblems.push(`${call.kind} ${call.path}: ${p}`);
      }
    }
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      const url = new URL(req.url ?? '/', 'http://x');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const method = req.method ?? 'GET';
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload ?? {}));
      };
      // /v3/conversations[/:cid/activities[/:aid]] | /v3/conversations/:cid/members | …
      if (parts[0] !== 'v3') return send(404, { error: 'unknown path' });
      if (parts[1] === 'conversations' && parts.length === 2 && method === 'POST') {
        const member = body?.members?.[0];
        const id = `a:personal-${member?.id ?? 'unknown'}`;
        this.record({ kind: 'createConversation', method, path: url.pathname, conversationId: id, body }, req);
        return send(201, { id, activityId: body?.activity ? `a-${++this.seq}` : undefined });
      }
      const cid = parts[2];
      if (parts[1] === 'conversations' && parts[3] === 'activities') {
        const aid = parts[4];
        const bytes = Buffer.byteLength(raw, 'utf8');
        if ((method === 'POST' || method === 'PUT') && bytes > this.maxActivityBytes) {
          // As Teams answers a message over its size limit: refused, nothing shown.
          const kind = method === 'PUT' ? 'update' : aid ? 'reply' : 'send';
          this.oversize.push(`${kind} ${url.pathname}: ${bytes} bytes`);
          this.record({ kind: 'other', method, path: url.pathname, conversationId: cid, activityId: aid, body: { refusedBytes: bytes } }, req);
          return send(413, { error: { code: 'MessageSizeTooBig', message: 'Message size too big' } });
        }
        if (this.teamsRateLimits && (method === 'POST' || method === 'PUT') && !this.withinTeamsLimits(cid ?? '')) {
          this.throttled.push(`${method === 'PUT' ? 'update' : aid ? 'reply' : 'send'} ${cid}`);
          this.record({ kind: 'other', method, path: url.pathname, conversationId: cid, activityId: aid, body: { failedWith: 429 } }, req);
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
          return res.end(JSON.stringify({ error: { code: 'ThrottledRequest', message: 'Too many requests' } }));
        }
        if (method === 'POST') {
          if (this.failNext.count > 0) {
            this.failNext.count--;
            this.record({ kind: 'other', method, path: url.pathname, conversationId: cid, body: { failedWith: this.failNext.status } }, req);
            if (this.failNext.retryAfter !== undefined) {
              res.writeHead(this.failNext.status, { 'content-type': 'application/json', 'retry-after': String(this.failNext.retryAfter) });
              return res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'injected failure' } }));
            }
            return send(this.failNext.status, { error: { code: 'ServiceError', message: 'injected failure' } });
          }
          const newId = `a-${++this.seq}`;
          this.record({ kind: aid ? 'reply' : 'send', method, path: url.pathname, conversationId: cid, activityId: aid, newId, body }, req);
          return send(200, { id: newId });
        }
        if (method === 'PUT' && aid) {
          this.record({ kind: 'update', method, path: url.pathname, conversationId: cid, activityId: aid, body }, req);
          return send(200, { id: aid });
        }
        if (method === 'DELETE' && aid) {
          this.record({ kind: 'delete', method, path: url.pathname, conversationId: cid, activityId: aid }, req);
          return send(200, {});
        }
      }
      if (parts[1] === 'conversations' && (parts[3] === 'members' || parts[3] === 'pagedmembers') && method === 'GET') {
        const roster = (this.rosters.get(cid ?? '') ?? []).map((p) => ({
          id: p.id, name: p.name, aadObjectId: p.aadObjectId, objectId: p.aadObjectId, userPrincipalName: `${p.aadObjectId}@example.se`,
        }));
        this.record({ kind: 'members', method, path: url.pathname, conversationId: cid }, req);
        if (parts[4]) {
          const one = roster.find((m) => m.id === parts[4]);
          return one ? send(200, one) : send(404, { error: { code: 'MemberNotFoundInConversation' } });
        }
        return send(200, parts[3] === 'pagedmembers' ? { members: roster } : roster);
      }
      this.record({ kind: 'other', method, path: url.pathname, conversationId: cid, body }, req);
      return send(404, { error: 'not implemented in the test connector' });
    });
  }
}
