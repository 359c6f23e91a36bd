import { AzureOpenAI } from 'openai';
import type { AssistantConfig } from '../app/config.js';
import type { Logger } from '../app/log.js';
import { parsePlan, type Parsed } from './domain/assistant-plan.js';
import type { ModelRequest } from './domain/assistant-request.js';

/** The scope of Azure OpenAI's Entra ID tokens (managed identity). */
const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

export type Planned = Parsed | { ok: false; reason: 'failed' | 'timeout' };

/** Asks the deployment for a plan; never throws, never waits past the deadline. */
export interface AssistantModel {
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
  return {
    async plan(request) {
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<Planned>((resolve) => {
        timer = setTimeout(() => {
          abort.abort();
          resolve({ ok: false, reason: 'timeout' });
        }, config.timeoutMs);
      });
      const asked = (async (): Promise<Planned> => {
        const c = await clientFor();
        const completion = await c.chat.completions.create(
          { model: config.deployment, messages: request.messages, tools: request.tools, tool_choice: 'auto', temperature: 0, max_tokens: 400 },
          { signal: abort.signal },
        );
        return parsePlan(completion.choices?.[0]?.message);
      })().catch((err: unknown): Planned => {
        if (!abort.signal.aborted) log.warn({ status: (err as { status?: unknown }).status, type: (err as Error).name }, 'assistant: the model did not answer');
        return { ok: false, reason: abort.signal.aborted ? 'timeout' : 'failed' };
      });
      try {
        const r = await Promise.race([asked, deadline]);
        if (!r.ok) log.info({ reason: r.reason }, 'assistant: no plan');
        return r;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

async function entraTokenProvider(): Promise<() => Promise<string>> {
  const { DefaultAzureCredential, getBearerTokenProvider } = await import('@azure/identity');
  return getBearerTokenProvider(new DefaultAzureCredential(), COGNITIVE_SERVICES_SCOPE);
}
