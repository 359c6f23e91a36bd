import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** See `limitHeapGrowth`: 40 % kept the bot at about 235 MB resident under the benchmark, from about 440. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 40;

/** Empty strings in the environment mean "not set". */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const withDefault = <T extends z.ZodTypeAny>(schema: T, value: z.input<T>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.default(value));

const envSchema = z
  .object({
    PORT: withDefault(z.coerce.number().int().min(0).max(65535), 3978),
    HOST: withDefault(z.string(), '0.0.0.0'),
    MicrosoftAppId: optional(z.string().uuid('must be a GUID (the Entra app id of the bot)')),
    MicrosoftAppPassword: optional(z.string()),
    MicrosoftAppType: withDefault(z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']), 'SingleTenant'),
    MicrosoftAppTenantId: optional(z.string().uuid('must be a GUID (the Entra tenant id)')),
    COSMOS_ENDPOINT: optional(z.string().url('must be a URL such as https://<account>.documents.azure.com:443/')),
    COSMOS_KEY: optional(z.string()),
    COSMOS_DATABASE: withDefault(z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, - and _ only'), 'lokus'),
    LOKUS_DATA_DIR: withDefault(z.string(), './.lokus-data'),
    // HMAC key of the signed, expiring export links (/minutes/…, /attendance.csv); random per process in local mode.
    LOKUS_LINK_SECRET: optional(z.string().min(32, 'must be at least 32 characters (a random secret)')),
    // The bot's public https base URL, for links in cards; defaults to the address it listens on.
    LOKUS_PUBLIC_URL: optional(z.string().url('must be a URL such as https://lokus.example.se')),
    LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
    LOKUS_HEAP_GROWTH_PERCENT: withDefault(z.coerce.number().int('must be a whole number').min(0).max(300), DEFAULT_HEAP_GROWTH_PERCENT),
    // Bot Framework endpoints; only changed for sovereign clouds and for the local auth tests.
    ToBotFromChannelOpenIdMetadataUrl: optional(z.string().url()),
    ToBotFromChannelTokenIssuer: optional(z.string()),
    ToChannelFromBotLoginUrl: optional(z.string().url()),
    ToChannelFromBotOAuthScope: optional(z.string()),
    /** false: trust ToChannelFromBotLoginUrl as given (a private authority); the token request goes straight to it. */
    ValidateAuthority: optional(z.enum(['true', 'false'])),
    // The optional assistant (issue 29): an Azure OpenAI deployment; off when none is set.
    AZURE_OPENAI_ENDPOINT: optional(z.string().url('must be a URL such as https://<resource>.openai.azure.com')),
    AZURE_OPENAI_DEPLOYMENT: optional(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ., - and _ only')),
    // Without a key the bot signs in with its managed identity (AZURE_CLIENT_ID for a user-assigned one).
    AZURE_OPENAI_API_KEY: optional(z.string().min(1)),
    AZURE_OPENAI_API_VERSION: withDefault(z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must be an API version such as 2024-10-21'), '2024-10-21'),
    // How long a request to the model may take; Teams gives a card press about 5 s in all, so at most 4 s.
    LOKUS_ASSISTANT_TIMEOUT_MS: withDefault(z.coerce.number().int('must be a whole number').min(200).max(4000), 3500),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `is required when MicrosoftAppType is ${env.MicrosoftAppType}` });
    }
    if (env.MicrosoftAppId && !env.LOKUS_LINK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['LOKUS_LINK_SECRET'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppId && !env.LOKUS_PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['LOKUS_PUBLIC_URL'], message: 'is required when MicrosoftAppId is set' });
    }
    if (!!env.AZURE_OPENAI_ENDPOINT !== !!env.AZURE_OPENAI_DEPLOYMENT) {
      const missing = env.AZURE_OPENAI_ENDPOINT ? 'AZURE_OPENAI_DEPLOYMENT' : 'AZURE_OPENAI_ENDPOINT';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other AZURE_OPENAI_ setting is set (the assistant needs both)' });
    }
    if (env.AZURE_OPENAI_API_KEY && !env.AZURE_OPENAI_ENDPOINT) {
      ctx.addIssue({ code: 'custom', path: ['AZURE_OPENAI_API_KEY'], message: 'is set but AZURE_OPENAI_ENDPOINT is not' });
    }
    if (env.AZURE_OPENAI_ENDPOINT && !/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(env.AZURE_OPENAI_ENDPOINT)) {
      ctx.addIssue({ code: 'custom', path: ['AZURE_OPENAI_ENDPOINT'], message: 'must be https (plain http only to this machine)' });
    }
    if (env.COSMOS_KEY && !env.COSMOS_ENDPOINT) {
      ctx.addIssue({ code: 'custom', path: ['COSMOS_KEY'], message: 'is set but COSMOS_ENDPOINT is not' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  bot: {
    appId?: string;
    appPassword?: string;
    appType: Env['MicrosoftAppType'];
    tenantId?: string;
    /** Extra Bot Framework settings passed through unchanged (see botbuilder's ConfigurationBotFrameworkAuthentication). */
    endpoints: Record<string, string>;
  };
  cosmos:
    | { mode: 'embedded'; database: string; dataDir: string }
    | { mode: 'remote'; endpoint: string; key?: string; database: string };
  /** Signed, expiring links to exports (minutes, attendance CSV). */
  links: { secret: string; publicUrl?: string };
  logLevel: Env['LOG_LEVEL'];
  /** The optional assistant (issue 29); absent: no request ever leaves the bot for a model. */
  assistant?: AssistantConfig;
  /** How far V8 lets the heap grow past what a full collection kept, in percent; 0 leaves V8's own choice. */
  heapGrowthPercent: number;
}

export interface AssistantConfig {
  endpoint: string;
  deployment: string;
  apiVersion: string;
  /** undefined: Entra ID (managed identity) tokens for https://cognitiveservices.azure.com. */
  apiKey?: string;
  timeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const e = parsed.data;
  const endpoints: Record<string, string> = {};
  for (const k of ['ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromChannelTokenIssuer', 'ToChannelFromBotLoginUrl', 'ToChannelFromBotOAuthScope', 'ValidateAuthority'] as const) {
    const v = e[k];
    if (v) endpoints[k] = v;
  }
  return {
    port: e.PORT,
    host: e.HOST,
    bot: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId, endpoints },
    cosmos: e.COSMOS_ENDPOINT
      ? { mode: 'remote', endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE }
      : { mode: 'embedded', database: e.COSMOS_DATABASE, dataDir: e.LOKUS_DATA_DIR },
    links: { secret: e.LOKUS_LINK_SECRET ?? randomBytes(32).toString('base64url'), ...(e.LOKUS_PUBLIC_URL ? { publicUrl: e.LOKUS_PUBLIC_URL.replace(/\/+$/, '') } : {}) },
    logLevel: e.LOG_LEVEL,
    heapGrowthPercent: e.LOKUS_HEAP_GROWTH_PERCENT,
    ...(e.AZURE_OPENAI_ENDPOINT && e.AZURE_OPENAI_DEPLOYMENT
      ? { assistant: { endpoint: e.AZURE_OPENAI_ENDPOINT.replace(/\/+$/, ''), deployment: e.AZURE_OPENAI_DEPLOYMENT, apiVersion: e.AZURE_OPENAI_API_VERSION, ...(e.AZURE_OPENAI_API_KEY ? { apiKey: e.AZURE_OPENAI_API_KEY } : {}), timeoutMs: e.LOKUS_ASSISTANT_TIMEOUT_MS } }
      : {}),
  };
}
