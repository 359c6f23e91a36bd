import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';

type Json = Record<string, any>;

/** One request as the server received it (the body exactly as the bot sent it). */
export interface ReceivedRequest {
  method: string;
  path: string;
  apiVersion: string | null;
  headers: IncomingMessage['headers'];
  body: Json;
}

/** What the server answers: a tool call, free text, an HTTP error, a body that is not JSON; maybe late. */
export type Scripted =
  | { toolCall: { name: string; arguments: string }; delayMs?: number }
  | { content: string; delayMs?: number }
  | { status: number; error: string; delayMs?: number; headers?: Record<string, string> }
  | { raw: string; delayMs?: number };

/**
 * A local server speaking Azure OpenAI's chat-completions protocol (POST
 * /openai/deployments/{deployment}/chat/completions?api-version=…, `api-key` header, OpenAI's JSON),
 * standing in for Microsoft's cloud at the HTTP boundary. `answer` decides each reply from the request.
 */
export class AzureOpenAIServer {
  readonly received: ReceivedRequest[] = [];
  answer: (body: Json) => Scripted = () => ({ content: '' });
  private server?: Server;

  constructor(readonly deployment = 'gpt-4o-lokus', readonly apiKey = 'test-key-for-the-local-server') {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString('utf8')));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        let body: Json = {};
        try {
          body = JSON.parse(data) as Json;
        } catch {
          // recorded as empty
        }
        this.received.push({ method: req.method ?? '', path: url.pathname, apiVersion: url.searchParams.get('api-version'), headers: req.headers, body });
        const send = (status: number, payload: string, headers: Record<string, string> = {}) => {
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(payload);
        };
        if (url.pathname !== `/openai/deployments/${this.deployment}/chat/completions` || req.method !== 'POST') return send(404, JSON.stringify({ error: { code: 'DeploymentNotFound', message: 'no such deployment' } }));
        if (req.headers['api-key'] !== this.apiKey) return send(401, JSON.stringify({ error: { code: '401', message: 'Access denied due to invalid subscription key' } }));
        const s = this.answer(body);
        const reply = () => {
          if ('status' in s) return send(s.status, JSON.stringify({ error: { code: String(s.status), message: s.error } }), s.headers);
          if ('raw' in s) return send(200, s.raw);
          // As the deployment does: the answer stops at max_tokens (gpt-4o's tokenizer), finish_reason "length".
          const generated = 'toolCall' in s ? s.toolCall.arguments : s.content;
          const cut = cutAt(generated, body.max_tokens);
          const message = 'toolCall' in s
            ? { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { ...s.toolCall, arguments: cut } }] }
            : { role: 'assistant', content: cut };
          send(200, JSON.stringify({
            id: 'chatcmpl-local', object: 'chat.completion', created: 1_516_874_400, model: 'gpt-4o',
            choices: [{ index: 0, finish_reason: cut !== generated ? 'length' : 'toolCall' in s ? 'tool_calls' : 'stop', message }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }));
        };
        if (s.delayMs) setTimeout(reply, s.delayMs).unref();
        else reply();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return this;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The bot's environment for this deployment. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { AZURE_OPENAI_ENDPOINT: this.endpoint, AZURE_OPENAI_DEPLOYMENT: this.deployment, AZURE_OPENAI_API_KEY: this.apiKey, ...extra };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** The generated text as far as max_tokens lets the model go. */
function cutAt(text: string, maxTokens: unknown): string {
  if (typeof maxTokens !== 'number') return text;
  const tokens = encode(text);
  return tokens.length > maxTokens ? decode(tokens.slice(0, maxTokens)) : text;
}

/** The Lokus facts the bot put in the system message (what the model is told). */
export function factsSent(body: Json): { today: string; meetings: Array<{ id: string; title: string; status: string; date?: string }>; openApprovals: Array<{ id: string; title: string }> } {
  const system = String(body.messages?.find((m: Json) => m.role === 'system')?.content ?? '');
  return JSON.parse(system.slice(system.indexOf('{')));
}
