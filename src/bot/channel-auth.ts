import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { Logger } from '../app/log.js';
import { activityProblem, stripBidiFromActivity } from './activity-edge.js';

export type TurnLogic = (ctx: TurnContext) => Promise<void>;

/** Why a request was not let in: 401 (the caller's fault) or 503 (we could not check: try again). */
export class ChannelAuthError extends Error {
  constructor(readonly status: 401 | 503, reason: string) {
    super(reason);
    this.name = 'ChannelAuthError';
  }
}

/** The payload of a JWT without checking it (only to route it); undefined when it is not a JWT. */
function unverifiedClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Teams adapter with authentication as its own step, so every failure is answered 401 (botbuilder
 * answers 500 for a bad signature) and nothing of a refused request reaches the bot.
 */
export class LokusAdapter extends TeamsAdapter {
  constructor(
    conf: Record<string, string>,
    credentials: ConstructorParameters<typeof TeamsAdapter>[1],
    private readonly channelIssuer: string,
  ) {
    super(conf, credentials);
  }

  get authEnabled(): boolean {
    return Boolean(this.botFrameworkAuthConfig?.MicrosoftAppId);
  }

  /**
   * Checks the Authorization header against the activity: a Bot Framework channel token (RS256, signed
   * by a key from the OpenID metadata, endorsed for the activity's channel), issuer, audience = our app
   * id, not expired, and its serviceUrl claim equal to the activity's serviceUrl.
   */
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (this.authEnabled) {
      const [scheme, token, extra] = authHeader.trim().split(/\s+/);
      if (scheme !== 'Bearer' || !token || extra !== undefined) throw new ChannelAuthError(401, 'no bearer token');
      // Only channel tokens: an emulator- or skill-shaped token would make botbuilder fetch other key sets.
      const claims = unverifiedClaims(token);
      if (!claims) throw new ChannelAuthError(401, 'malformed token');
      if (claims.iss !== this.channelIssuer) throw new ChannelAuthError(401, 'token not issued by the channel');
      if (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '') throw new ChannelAuthError(401, 'activity without serviceUrl');
    }
    let result: AuthenticateRequestResult;
    try {
      result = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      // The OpenID metadata or key set could not be fetched: our side, not the caller's.
      const unreachable = (err instanceof AuthenticationError && err.statusCode >= 500) || (err as Error)?.name === 'FetchError';
      throw new ChannelAuthError(unreachable ? 503 : 401, (err as Error)?.message ?? String(err));
    }
    if (this.authEnabled) {
      // botbuilder checks this too; kept here so the rule does not depend on its internals.
      const claimed = result.claimsIdentity.getClaimValue(AuthenticationConstants.ServiceUrlClaim);
      if (claimed !== activity.serviceUrl) throw new ChannelAuthError(401, 'serviceUrl claim does not match the activity');
    }
    return result;
  }

  /** Runs an authenticated activity through the middleware and the bot; returns the invoke answer. */
  run(auth: AuthenticateRequestResult, activity: Activity, logic: TurnLogic): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

function isActivityBody(body: unknown): body is Activity {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { type?: unknown }).type === 'string';
}

/** Date fields arrive as strings; botbuilder's own process() turns them into Dates the same way. */
function fixDates(activity: Activity): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return activity;
}

/** POST /api/messages: authenticate, then run the turn and write the invoke answer (if any). */
export async function handleActivityRequest(adapter: LokusAdapter, req: Request, res: Response, logic: TurnLogic, log: Logger): Promise<void> {
  const body: unknown = req.body;
  if (!isActivityBody(body)) {
    res.send(400, { error: 'the body must be a Bot Framework activity' });
    return;
  }
  const activity = fixDates(body);
  const header = req.headers.authorization ?? '';
  let auth: AuthenticateRequestResult;
  try {
    auth = await adapter.authenticate(activity, header);
  } catch (err) {
    const status = err instanceof ChannelAuthError ? err.status : 401;
    // The reason only: never the token, never the activity's content.
    log.warn({ status, reason: (err as Error).message, activityType: activity.type, channelId: activity.channelId }, 'request refused');
    res.send(status, { error: status === 401 ? 'unauthorized' : 'authentication temporarily unavailable' });
    return;
  }
  // Issue 24: a malformed locale or serviceUrl is refused before anything is written or sent.
  const problem = activityProblem(activity);
  if (problem) {
    res.send(400, { error: problem });
    return;
  }
  stripBidiFromActivity(activity);
  const invoke = await adapter.run(auth, activity, logic);
  if (invoke?.body !== undefined) res.send(invoke.status ?? 200, invoke.body);
  else res.send(invoke?.status ?? 200);
}
