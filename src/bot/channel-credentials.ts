import {
  AppCredentials,
  AuthenticationConstants,
  PasswordServiceClientCredentialFactory,
  type AuthenticatorResult,
} from 'botframework-connector';

/**
 * Client-credentials token for replying, fetched straight from `<login url>/oauth2/v2.0/token`.
 *
 * Used only with `ValidateAuthority=false` (a private authority trusted as configured). botbuilder's
 * own MSAL credentials cannot do that: MSAL accepts only https authorities, asks the public instance
 * discovery endpoint at login.microsoftonline.com about any authority it does not know, and botbuilder
 * 4.23 never passes `ValidateAuthority` on to it (no `knownAuthorities`).
 */
class DirectClientCredentials extends AppCredentials {
  constructor(appId: string, private readonly secret: string, private readonly tokenUrl: string, scope: string) {
    super(appId, undefined, scope);
  }

  protected async refreshToken(): Promise<AuthenticatorResult> {
    const scope = this.oAuthScope.endsWith('/.default') ? this.oAuthScope : `${this.oAuthScope}/.default`;
    const res = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.appId, client_secret: this.secret, scope }),
    });
    // Never include the response body in the error: it may echo the request.
    if (!res.ok) throw new Error(`token request to ${new URL(this.tokenUrl).host} failed with HTTP ${res.status}`);
    const body = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new Error('token response carried no access_token');
    const seconds = Number(body.expires_in) > 0 ? Number(body.expires_in) : 3600;
    return { accessToken: body.access_token, expiresOn: new Date(Date.now() + seconds * 1000) };
  }
}

/** Password credentials whose token request goes to the configured login URL as is. */
export class DirectPasswordCredentialsFactory extends PasswordServiceClientCredentialFactory {
  override async createCredentials(appId: string, audience: string, loginEndpoint: string, validateAuthority: boolean) {
    if ((await this.isAuthenticationDisabled()) || validateAuthority) {
      return super.createCredentials(appId, audience, loginEndpoint, validateAuthority);
    }
    if (!(await this.isValidAppId(appId))) throw new Error('Invalid appId.');
    const tokenUrl = `${loginEndpoint.replace(/\/+$/, '')}/oauth2/v2.0/token`;
    return new DirectClientCredentials(appId, this.password ?? '', tokenUrl, audience || AuthenticationConstants.ToChannelFromBotOAuthScope);
  }
}
