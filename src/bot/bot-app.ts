import { Application, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, CallerIdConstants, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Config } from '../app/config.js';
import { ConcurrencyError, isCosmosUnavailable } from '../store/cosmos-errors.js';
import { LokusAdapter } from './channel-auth.js';
import { DirectPasswordCredentialsFactory } from './channel-credentials.js';
import type { Deps } from './deps.js';
import { normalizeText } from './command.js';
import { t } from './context.js';
import * as actions from '../follow-up/action-listeners.js';
import * as approvals from '../approvals/approval-listeners.js';
import * as decisions from '../follow-up/decision-listeners.js';
import * as attendance from '../attendance/attendance-listeners.js';
import * as attendanceStats from '../attendance/attendance-stats-listeners.js';
import * as fallback from './fallback.js';
import * as assistant from '../assistant/assistant-listeners.js';
import * as prose from '../assistant/prose-listeners.js';
import * as formal from '../formal/formal-listeners.js';
import * as group from '../groups/group-listeners.js';
import * as memberSearch from '../groups/member-search.js';
import * as help from './help.js';
import * as minutes from '../minutes/minutes-listeners.js';
import * as install from './install.js';
import * as planning from '../meetings/planning-listeners.js';
import * as running from '../meetings/running-listeners.js';
import * as arenden from '../office/arende-listeners.js';
import * as insatser from '../office/insats-listeners.js';
import * as overview from '../office/overview-listeners.js';
import { reuseOutboundClients } from './outbound-clients.js';
import { ConversationPacing } from './conversation-pacing.js';
import { invokeMessage } from './run-once.js';

export type LokusApp = Application<TurnState>;

/** Card actions that recognise their own redelivery on the record they write (see `runOnce`). */
export const SELF_DEDUPLICATING_VERBS: ReadonlySet<string> = new Set([attendance.CHECK_IN_VERB, approvals.ANSWER_VERB]);

/** The public-cloud values of the Bot Framework endpoint settings. */
const PUBLIC_CLOUD: Record<string, string> = {
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
  CallerId: CallerIdConstants.PublicAzureChannel,
};

/**
 * Bot Framework settings; with no app id the adapter accepts unauthenticated local traffic. botbuilder
 * takes every endpoint setting as given once one is set, so the others get their public-cloud values
 * (otherwise setting only the metadata URL would leave the token issuer empty and refuse everything).
 */
export function botFrameworkAuthConfig(bot: Config['bot']): Record<string, string> {
  const conf: Record<string, string> = Object.keys(bot.endpoints).some((k) => k in PUBLIC_CLOUD)
    ? { ...PUBLIC_CLOUD, ...bot.endpoints }
    : { ...bot.endpoints };
  if (bot.appId) conf.MicrosoftAppId = bot.appId;
  if (bot.appPassword) conf.MicrosoftAppPassword = bot.appPassword;
  if (bot.appId) conf.MicrosoftAppType = bot.appType;
  if (bot.tenantId) conf.MicrosoftAppTenantId = bot.tenantId;
  return conf;
}

export function createAdapter(bot: Config['bot'], pacing = new ConversationPacing()): LokusAdapter {
  const conf = botFrameworkAuthConfig(bot);
  // ValidateAuthority=false: a private login URL trusted as configured (see channel-credentials.ts).
  const credentials = bot.appId && bot.appType !== 'UserAssignedMSI' && conf.ValidateAuthority === 'false'
    ? new DirectPasswordCredentialsFactory(bot.appId, bot.appPassword ?? '', bot.tenantId ?? '')
    : new ConfigurationServiceClientCredentialFactory(conf);
  return reuseOutboundClients(new LokusAdapter(conf, credentials, conf.ToBotFromChannelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer), pacing);
}

/** The message users see when a turn fails: the database, a write storm, or a neutral error. */
export function errorText(ctx: TurnContext, err: unknown): string {
  const texts = t(ctx).common;
  if (isCosmosUnavailable(err)) return texts.databaseUnavailable;
  if (err instanceof ConcurrencyError) return texts.busy;
  return texts.internalError;
}

/**
 * Replies and card updates that the Bot Connector refused even after the Azure SDK's own retries
 * (3 retries with exponential backoff from 1 s on 5xx, 408 and network errors; 429 after Retry-After).
 */
function logConnectorFailures(ctx: TurnContext, deps: Deps): void {
  const log = (what: string) => (err: unknown) => {
    const status = (err as { statusCode?: unknown }).statusCode;
    deps.log.warn({ status, code: (err as { code?: unknown }).code, activityId: ctx.activity.id, conversationType: ctx.activity.conversation?.conversationType }, `${what} failed at the Bot Connector`);
    throw err;
  };
  ctx.onSendActivities((_c, _activities, next) => next().catch(log('sending')));
  ctx.onUpdateActivity((_c, _activity, next) => next().catch(log('updating')));
}

/** The teams-ai Application with every listener registered in a fixed order (help catch-all last). */
export function createBotApp(adapter: LokusAdapter, deps: Deps): LokusApp {
  // No storage: conversation state in Cosmos collides under parallel turns; domain state has its own documents.
  const app = new Application<TurnState>({ adapter, startTypingTimer: false, removeRecipientMention: true });

  app.turn('beforeTurn', async (ctx) => {
    logConnectorFailures(ctx, deps);
    const a = ctx.activity;
    if (a.type === ActivityTypes.Message) {
      if (a.from?.role === 'bot') return false;
      a.text = normalizeText(a.text);
    }
    return true;
  });

  // teams-ai runs the first route that matches. The formal slice comes before minutes: `minutes ‹date›`
  // would otherwise take "minutes note …" and "minutes kept at …". The fallback last: it answers what no
  // listener before it took.
  for (const slice of [install, group, memberSearch, planning, running, approvals, formal, minutes, decisions, actions, attendance, attendanceStats, arenden, insatser, overview, assistant, prose, help, fallback]) slice.register(app, deps);

  app.error(async (ctx, err) => {
    deps.log.error({ err, activityType: ctx.activity.type, activityId: ctx.activity.id }, 'turn failed');
    if (ctx.activity.type === ActivityTypes.Message) {
      await ctx.sendActivity(errorText(ctx, err)).catch(() => undefined);
    } else if (ctx.activity.type === ActivityTypes.Invoke && ctx.activity.name === 'adaptiveCard/action') {
      // The card shows the message; a half-written answer from the failed handler is replaced.
      await ctx.sendActivity({ type: 'invokeResponse', value: invokeMessage(errorText(ctx, err)) }).catch(() => undefined);
    }
  });
  return app;
}
