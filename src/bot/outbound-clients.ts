import type { CloudAdapter } from 'botbuilder';
import { leanActivityCalls } from './lean-activity-calls.js';
import type { ConversationPacing } from './conversation-pacing.js';

type Auth = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type ClaimsIdentity = Parameters<Auth['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<Auth['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Auth['createUserTokenClient']>>;

/** Service URLs × audiences a bot talks to: a handful of Teams regions; the cap only guards memory. */
const MAX_CLIENTS = 100;

function remember<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value!);
    p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** The bot's app id as botbuilder's connector factory reads it (audience claim, else appid). */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue('aud') ?? identity.getClaimValue('appid') ?? '';
}

/**
 * botbuilder builds a new ConnectorClient and UserTokenClient, each with its own HTTP pipeline,
 * for every incoming activity; that costs more CPU than the reply itself. This makes the adapter
 * reuse them per (bot app id, service URL, audience). The clients are stateless between calls and
 * their credentials cache and renew the token, and the HTTP client underneath already keeps
 * connections alive. Their activity calls go out lean (lean-activity-calls.ts), paced per conversation
 * to Teams' limits (conversation-pacing.ts).
 */
export function reuseOutboundClients<A extends CloudAdapter>(adapter: A, pacing: ConversationPacing): A {
  const auth = (adapter as unknown as { botFrameworkAuthentication: Auth }).botFrameworkAuthentication;
  const connectors = new Map<string, Promise<ConnectorClient>>();
  const tokenClients = new Map<string, Promise<UserTokenClient>>();

  const reusing = (identity: ClaimsIdentity, inner: ConnectorFactory): ConnectorFactory => ({
    create: (serviceUrl: string, audience?: string) =>
      remember(connectors, `${appIdOf(identity)}\n${serviceUrl}\n${audience ?? ''}`, async () => leanActivityCalls(await inner.create(serviceUrl, audience), pacing)),
  });

  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: reusing(result.claimsIdentity, factory) } : result;
  };
  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity) => reusing(identity, createConnectorFactory(identity));
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (identity) => remember(tokenClients, appIdOf(identity), () => createUserTokenClient(identity));
  return adapter;
}
