import { AzureOpenAI } from 'openai';
import type { AssistantConfig } from '../app/config.js';
import type { Logger } from '../app/log.js';
import { parsePlan, type ModelMessage, type Parsed } from './domain/assistant-plan.js';
import type { ModelRequest } from './domain/assistant-request.js';

/** The scope of Azure OpenAI's Entra ID tokens (managed identity). */
const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

export type Failed = { ok: false; reason: 'failed' | 'timeout' };
export type Planned = Parsed | Failed;

/** Asks the deployment; never throws, never waits past the deadline. */
export interface AssistantModel {
  /** The model's message, read by `read` (a tool call of the expected shape, else no answer). */
  ask<R extends { ok: boolean }>(request: ModelRequest, read: (message: ModelMessage | undefined) => R): Promise<R | Failed>;
  /** A plan of one of the five operations. */
  plan(request: ModelRequest): Promise<Planned>;
}

/**
 * Azure OpenAI chat completions with tool calling, through the `openai` package's AzureOpenAI client:
 * one attempt (no retries: a 429 or a slow answer means the usual reply, now, not a later one), cut
 * off at the configured deadline, the token (managed identity) included in it.
 */
export function createAssistantModel(config: AssistantConfig, log: Logger): AssistantModel {
  let client: AzureOpenAI | undefined;
  const clientFor = async (): Promise<AzureOpenAI> => {
    if (client) return client;
    const auth = config.apiKey
      ? { apiKey: config.apiKey }
      : { azureADTokenProvider: await entraTokenProvider() };
    client = new AzureOpenAI({ endpoint: config.endpoint, deployment: config.deployment, apiVersion: config.apiVersion, maxRetries: 0, timeout: config.timeoutMs, ...auth });
    return client;
  };
  const ask = async <R extends { ok: boolean }>(request: ModelRequest, read: (message: ModelMessage | undefined) => R): Promise<R | Failed> => {
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<Failed>((resolve) => {
        timer = setTimeout(() => {
          abort.abort();
          resolve({ ok: false, reason: 'timeout' });
        }, config.timeoutMs);
      });
      const asked = (async (): Promise<R | Failed> => {
        const c = await clientFor();
        const completion = await c.chat.completions.create(
          { model: config.deployment, messages: request.messages, tools: request.tools, tool_choice: 'auto', temperature: 0, max_tokens: request.maxTokens },
          { signal: abort.signal },
        );
        return read(completion.choices?.[0]?.message);
      })().catch((err: unknown): Failed => {
        if (!abort.signal.aborted) log.warn({ status: (err as { status?: unknown }).status, type: (err as Error).name }, 'assistant: the model did not answer');
        return { ok: false, reason: abort.signal.aborted ? 'timeout' : 'failed' };
      });
      try {
        const r = await Promise.race([asked, deadline]);
        if (!r.ok) log.info({ reason: (r as { reason?: unknown }).reason }, 'assistant: no answer');
        return r;
      } finally {
        clearTimeout(timer);
      }
  };
  return { ask, plan: (request) => ask(request, parsePlan) };
}

async function entraTokenProvider(): Promise<() => Promise<string>> {
  const { DefaultAzureCredential, getBearerTokenProvider } = await import('@azure/identity');
  return getBearerTokenProvider(new DefaultAzureCredential(), COGNITIVE_SERVICES_SCOPE);
}
