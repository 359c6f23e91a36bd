import http from 'node:http';
import https from 'node:https';
import { pacedActivityCalls, type ConversationPacing } from './conversation-pacing.js';

/** What Lokus uses of botframework-connector's ConnectorClient for posting and updating activities. */
interface ActivityCalls {
  baseUri?: string;
  credentials?: { signRequest(resource: { headers: { set(name: string, value: string): void } }): Promise<unknown> };
  conversations: {
    replyToActivity(conversationId: string, activityId: string, activity: object): Promise<unknown>;
    sendToConversation(conversationId: string, activity: object): Promise<unknown>;
    updateActivity(conversationId: string, activityId: string, activity: object): Promise<unknown>;
  };
}

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
const MAX_RETRIES = 3;
/** Teams answers 429 while a conversation or tenant is over its limit: wait as told, and keep the message. */
const MAX_THROTTLED_RETRIES = 10;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 64_000;

/** A refusal from the Bot Connector, shaped like the Azure SDK's RestError that botbuilder throws. */
export class ConnectorError extends Error {
  override name = 'RestError';
  constructor(message: string, readonly statusCode?: number, readonly code?: string) {
    super(message);
  }
}

interface Answer {
  status: number;
  retryAfterMs?: number;
  body: string;
}

function send(url: URL, method: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) return reject(new ConnectorError(`unsupported service URL ${url.protocol}`));
    const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const after = Number(res.headers['retry-after']);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ...(Number.isFinite(after) ? { retryAfterMs: after * 1000 } : {}) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const backoff = (attempt: number) => Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt * (0.8 + Math.random() * 0.4));
/** What the Azure SDK retries: timeouts and server errors other than "not implemented" and "version". */
const retriable = (status: number) => status === 408 || (status >= 500 && status !== 501 && status !== 505);

/**
 * Posts or puts one activity with the client's credentials in its conversation's turn, retrying as the
 * Azure SDK pipeline does: network errors, 408 and 5xx with exponential backoff from 1 s, 503 after its
 * Retry-After, three retries in all; a 429 is taken again after its Retry-After, up to ten times, and
 * holds the conversation for as long. Retries stay in the send's turn, so what is queued behind it keeps
 * its order and waits too. Answers the connector's ResourceResponse.
 */
function call(client: ActivityCalls, pacing: ConversationPacing, method: 'POST' | 'PUT', path: string, conversationId: string, activity: object): Promise<{ id?: string }> {
  const url = new URL(`${(client.baseUri ?? '').replace(/\/+$/, '')}/${path}`);
  const body = JSON.stringify(activity);
  return pacing.send(conversationId, async (again) => {
    for (let attempt = 0; ; attempt++) {
      let answer: Answer;
      try {
        // Signed as each attempt goes, not before a wait in the queue.
        const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', 'x-ms-conversation-id': conversationId };
        await client.credentials?.signRequest({ headers: { set: (name, value) => void (headers[name.toLowerCase()] = value) } });
        answer = await send(url, method, headers, body);
      } catch (err) {
        if (attempt >= MAX_RETRIES) throw Object.assign(new ConnectorError((err as Error).message, undefined, (err as { code?: string }).code), { cause: err });
        await again(backoff(attempt));
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) {
        try {
          return answer.body ? (JSON.parse(answer.body) as { id?: string }) : {};
        } catch {
          return {};
        }
      }
      if (answer.status === 429) {
        pacing.hold(conversationId, Math.min(answer.retryAfterMs ?? backoff(attempt), MAX_DELAY_MS));
        if (attempt < MAX_THROTTLED_RETRIES) {
          await again();
          continue;
        }
      }
      if (attempt < MAX_RETRIES && answer.status === 503 && answer.retryAfterMs !== undefined) {
        await again(Math.min(answer.retryAfterMs, MAX_DELAY_MS));
        continue;
      }
      if (attempt < MAX_RETRIES && retriable(answer.status)) {
        await again(backoff(attempt));
        continue;
      }
      let code: string | undefined;
      try {
        code = (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code;
      } catch {
        code = undefined;
      }
      throw new ConnectorError(`the Bot Connector answered ${answer.status}`, answer.status, code);
    }
  });
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/**
 * Replies, posts and card updates go straight out as JSON over keep-alive sockets instead of
 * through the Azure SDK pipeline botframework-connector builds (model serializer, tracing, policy
 * chain): that pipeline costs more CPU than the rest of a `hjälp` turn. Same URL, headers, token and
 * retries. Everything else the client does (rosters, new conversations, deletes) is left as it is,
 * and so is all of it when an HTTP proxy is configured (the SDK honours proxy variables), only paced.
 */
export function leanActivityCalls<C>(client: C, pacing: ConversationPacing): C {
  const c = client as unknown as ActivityCalls;
  if (PROXY_VARIABLES.some((v) => process.env[v]) || !c?.conversations || typeof c.baseUri !== 'string') return pacedActivityCalls(client, pacing);
  const enc = encodeURIComponent;
  c.conversations.replyToActivity = (conversationId, activityId, activity) => call(c, pacing, 'POST', `v3/conversations/${enc(conversationId)}/activities/${enc(activityId)}`, conversationId, activity);
  c.conversations.sendToConversation = (conversationId, activity) => call(c, pacing, 'POST', `v3/conversations/${enc(conversationId)}/activities`, conversationId, activity);
  c.conversations.updateActivity = (conversationId, activityId, activity) => call(c, pacing, 'PUT', `v3/conversations/${enc(conversationId)}/activities/${enc(activityId)}`, conversationId, activity);
  return client;
}
