// Deep imports: the package index also loads the AI planners, OpenAI client and tokenizers
// (≈ 0.75 s of cold start and 30 MB) that Lokus does not use. Types may come from the index.
import type { TurnState } from '@microsoft/teams-ai';
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { ActivityTypes, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import { ConcurrencyError, isCosmosUnavailable } from '../store/cosmos-errors.js';
import type { Deps } from './deps.js';
import { normalizeText } from './command.js';
import { t } from './context.js';
import * as fallback from './fallback.js';
import * as help from './help.js';
import * as install from './install.js';
import { reuseOutboundClients } from './outbound-clients.js';

export type LokusApp = Application<TurnState>;

/** Bot Framework settings; with no app id the adapter accepts unauthenticated local traffic. */
export function botFrameworkAuthConfig(bot: Config['bot']): Record<string, string> {
  const conf: Record<string, string> = { ...bot.endpoints };
  if (bot.appId) conf.MicrosoftAppId = bot.appId;
  if (bot.appPassword) conf.MicrosoftAppPassword = bot.appPassword;
  if (bot.appId) conf.MicrosoftAppType = bot.appType;
  if (bot.tenantId) conf.MicrosoftAppTenantId = bot.tenantId;
  return conf;
}

export function createAdapter(bot: Config['bot']): TeamsAdapter {
  const conf = botFrameworkAuthConfig(bot);
  return reuseOutboundClients(new TeamsAdapter(conf, new ConfigurationServiceClientCredentialFactory(conf)));
}

/** The message users see when a turn fails: the database, a write storm, or a neutral error. */
export function errorText(ctx: TurnContext, err: unknown): string {
  const texts = t(ctx).common;
  if (isCosmosUnavailable(err)) return texts.databaseUnavailable;
  if (err instanceof ConcurrencyError) return texts.busy;
  return texts.internalError;
}

/** The teams-ai Application with every listener registered in a fixed order (help catch-all last). */
export function createBotApp(adapter: TeamsAdapter, deps: Deps): LokusApp {
  // No storage: conversation state in Cosmos collides under parallel turns; domain state has its own documents.
  const app = new Application<TurnState>({ adapter, startTypingTimer: false, removeRecipientMention: true });

  app.turn('beforeTurn', async (ctx) => {
    const a = ctx.activity;
    if (a.type === ActivityTypes.Message) {
      if (a.from?.role === 'bot') return false;
      a.text = normalizeText(a.text);
    }
    return true;
  });

  install.register(app, deps);
  help.register(app, deps);
  fallback.register(app, deps);

  app.error(async (ctx, err) => {
    deps.log.error({ err, activityType: ctx.activity.type, activityId: ctx.activity.id }, 'turn failed');
    if (ctx.activity.type === ActivityTypes.Message) {
      await ctx.sendActivity(errorText(ctx, err)).catch(() => undefined);
    }
  });
  return app;
}
