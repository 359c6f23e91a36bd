import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export const CHANNEL_ISSUER = 'https://api.botframework.test';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, publicKey };
}

/** One request the bot made to the login server. */
export interface LoginCall {
  method: string;
  path: string;
  form?: Record<string, string>;
}

/**
 * A loopback stand-in for login.botframework.com and the Entra token endpoint: OpenID metadata and a
 * JWKS for the channel's keys (endorsed for msteams), and a client-credentials token endpoint for the
 * bot's replies. Tokens for requests to the bot are signed here too.
 */
export class BotFrameworkLogin {
  readonly calls: LoginCall[] = [];
  /** The access token the token endpoint hands out (the connector sees it on replies). */
  readonly issuedToken = `lokus-test-access-token-${Math.random().toString(36).slice(2)}`;
  private server?: http.Server;
  url = '';

  private constructor(readonly key: SigningKey, readonly appId: string, readonly appPassword: string) {}

  static async start(appId: string, appPassword: string): Promise<BotFrameworkLogin> {
    const login = new BotFrameworkLogin(await signingKey('channel-key-1'), appId, appPassword);
    const jwk = { ...(await exportJWK(login.key.publicKey)), kid: login.key.kid, use: 'sig', kty: 'RSA', endorsements: ['msteams'] };
    login.server = http.createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (d) => (raw += d));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const json = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (path === '/v1/.well-known/openidconfiguration') {
          login.calls.push({ method: req.method ?? '', path });
          return json(200, { issuer: CHANNEL_ISSUER, jwks_uri: `${login.url}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] });
        }
        if (path === '/v1/keys') {
          login.calls.push({ method: req.method ?? '', path });
          return json(200, { keys: [jwk] });
        }
        if (path.endsWith('/oauth2/v2.0/token') && req.method === 'POST') {
          const form = Object.fromEntries(new URLSearchParams(raw));
          login.calls.push({ method: req.method, path, form });
          if (form.grant_type !== 'client_credentials' || form.client_id !== appId || form.client_secret !== appPassword) {
            return json(401, { error: 'invalid_client' });
          }
          return json(200, { token_type: 'Bearer', expires_in: 3600, access_token: login.issuedToken });
        }
        login.calls.push({ method: req.method ?? '', path });
        return json(404, { error: 'not found' });
      });
    });
    await new Promise<void>((r) => login.server!.listen(0, '127.0.0.1', () => r()));
    login.url = `http://127.0.0.1:${(login.server.address() as AddressInfo).port}`;
    return login;
  }

  /** Settings that point the bot at this server. */
  env(tenantId: string): Record<string, string> {
    return {
      MicrosoftAppId: this.appId,
      MicrosoftAppPassword: this.appPassword,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: tenantId,
      ToBotFromChannelOpenIdMetadataUrl: `${this.url}/v1/.well-known/openidconfiguration`,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      ToChannelFromBotLoginUrl: `${this.url}/${tenantId}`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.test',
      ValidateAuthority: 'false',
      LOKUS_LINK_SECRET: 'test-link-secret-test-link-secret-0001',
      LOKUS_PUBLIC_URL: 'https://lokus.test',
    };
  }

  /** A channel token as Bot Framework signs it; override claims or the key to forge a bad one. */
  async token(serviceUrl: string, opts: { claims?: JWTPayload; key?: SigningKey; expiresIn?: string | number; issuedAt?: number } = {}): Promise<string> {
    const key = opts.key ?? this.key;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: CHANNEL_ISSUER, aud: this.appId, serviceurl: serviceUrl, ...opts.claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuedAt(opts.issuedAt ?? now)
      .setNotBefore((opts.issuedAt ?? now) - 60)
      .setExpirationTime(opts.expiresIn ?? now + 3600)
      .sign(key.privateKey);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
