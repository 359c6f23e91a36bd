import { ConversationPacing } from '../../src/bot/conversation-pacing.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, leanActivityCalls } from '../../src/bot/lean-activity-calls.js';

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** When the request arrived (ms, performance.now()). */
  at: number;
}

/** The outbound activity calls against a loopback connector that answers what each test queues. */
describe('replies and card updates sent straight to the Bot Connector', () => {
  let server: http.Server;
  let base: string;
  const seen: Seen[] = [];
  let answers: Array<{ status: number; headers?: Record<string, string>; body?: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (body += d));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body, at: performance.now() });
        const a = answers.shift() ?? { status: 200, body: '{"id":"new-1"}' };
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
        res.end(a.body ?? '');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => new Promise((r) => server.close(r)));

  const sdkPath = (..._args: unknown[]): Promise<unknown> => Promise.reject(new Error('SDK path'));
  const client = () =>
    leanActivityCalls({
      baseUri: base,
      credentials: { signRequest: async (r: { headers: { set(n: string, v: string): void } }) => r.headers.set('Authorization', 'Bearer token-1') },
      conversations: { replyToActivity: sdkPath, sendToConversation: sdkPath, updateActivity: sdkPath },
    }, new ConversationPacing([]));

  it('posts a reply as JSON to the activity, with the token and the conversation header, and returns the new id', async () => {
    seen.length = 0;
    const r = await client().conversations.replyToActivity('19:abc@thread.tacv2;messageid=1', 'f:1/2', { type: 'message', text: 'Hej då' });
    expect(r).toEqual({ id: 'new-1' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1/activities/f%3A1%2F2' });
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer token-1', 'x-ms-conversation-id': '19:abc@thread.tacv2;messageid=1', 'content-type': 'application/json; charset=utf-8' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ type: 'message', text: 'Hej då' });
  });

  it('updates a card with PUT and sends a new message to the conversation', async () => {
    seen.length = 0;
    await client().conversations.updateActivity('a:1', 'card-7', { type: 'message', attachments: [] });
    await client().conversations.sendToConversation('a:1', { type: 'message', text: 'x' });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['PUT /v3/conversations/a%3A1/activities/card-7', 'POST /v3/conversations/a%3A1/activities']);
  });

  it('waits out a 429 (Retry-After) and sends again', async () => {
    seen.length = 0;
    answers = [{ status: 429, headers: { 'retry-after': '0' } }, { status: 200, body: '{"id":"after-429"}' }];
    expect(await client().conversations.sendToConversation('a:1', { type: 'message' })).toEqual({ id: 'after-429' });
    expect(seen).toHaveLength(2);
  });

  it('after a 429 sends again in the same turn: the sends behind it keep their order and wait out the Retry-After', async () => {
    seen.length = 0;
    answers = [{ status: 429, headers: { 'retry-after': '1' } }];
    const calls = client();
    const sent = await Promise.all(['1', '2', '3'].map((text) => calls.conversations.sendToConversation('19:busy@thread.tacv2', { type: 'message', text })));
    expect(sent).toHaveLength(3);
    // The refused "1", then 1, 2, 3 in the order asked.
    expect(seen.map((s) => JSON.parse(s.body).text)).toEqual(['1', '1', '2', '3']);
    // Nothing reached the conversation during the Retry-After (a timer may fire a little early).
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('does not retry a refusal (400) and says what the connector said', async () => {
    seen.length = 0;
    answers = [{ status: 400, body: '{"error":{"code":"BadArgument","message":"no"}}' }];
    const err = await client().conversations.sendToConversation('a:1', { type: 'message' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ name: 'RestError', statusCode: 400, code: 'BadArgument' });
    expect(seen).toHaveLength(1);
  });
});
