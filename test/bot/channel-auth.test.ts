import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { BotFrameworkLogin, signingKey } from '../support/bot-framework-login.js';
import { Connector } from '../support/connector.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TestBot } from '../support/test-bot.js';

const APP_ID = '6f1c9a52-3d4e-4b7a-9c2d-0e5f8a1b2c3d';
const APP_PASSWORD = 'test-secret-never-logged-4711';
const TENANT_ID = '2b8e4c1d-7a9f-4e3b-8d6c-5f0a1e2d3c4b';

describe('channel authentication with an app id, end to end over loopback', () => {
  let login: BotFrameworkLogin;
  let bot: TestBot;
  /** Where a forged activity asks the bot to reply: must never be called. */
  let elsewhere: Connector;
  const anna = A.person('Anna Andersson');
  const conv = A.personalChat(anna);

  beforeAll(async () => {
    login = await BotFrameworkLogin.start(APP_ID, APP_PASSWORD);
    elsewhere = await new Connector().start();
    bot = await TestBot.start({ env: login.env(TENANT_ID) });
  });
  afterAll(async () => {
    await bot?.stop();
    await elsewhere?.stop();
    await login?.stop();
  });

  it('accepts a valid channel token and replies with a token from the local token endpoint', async () => {
    const activity = A.message(conv, anna, bot.serviceUrl, 'hjälp');
    const r = await bot.post(activity, { authorization: `Bearer ${await login.token(bot.serviceUrl)}` });
    expect(r.status).toBe(200);
    expect(r.replies).toHaveLength(1);
    const reply = bot.connector.calls.find((c) => c.kind === 'send' || c.kind === 'reply');
    expect(reply?.authorization).toBe(`Bearer ${login.issuedToken}`);
    const tokenCall = login.calls.find((c) => c.path.endsWith('/oauth2/v2.0/token'));
    expect(tokenCall?.path).toBe(`/${TENANT_ID}/oauth2/v2.0/token`);
    expect(tokenCall?.form).toMatchObject({ grant_type: 'client_credentials', client_id: APP_ID, scope: 'https://api.botframework.test/.default' });
    expect(login.calls.map((c) => c.path)).toEqual(expect.arrayContaining(['/v1/.well-known/openidconfiguration', '/v1/keys']));
  });

  const now = () => Math.floor(Date.now() / 1000);
  const bearer = async (token: Promise<string>) => `Bearer ${await token}`;
  const cases: Array<[string, (serviceUrl: string) => Promise<string | undefined>]> = [
    ['no Authorization header', async () => undefined],
    ['a malformed token', async () => 'Bearer not.a-jwt'],
    ['another scheme', async () => `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`],
    ['a signature by another key under the channel key id', async (s) => bearer(login.token(s, { key: await signingKey('channel-key-1') }))],
    ['a key the metadata does not list', async (s) => bearer(login.token(s, { key: await signingKey('unknown-key') }))],
    ['another audience', async (s) => bearer(login.token(s, { claims: { aud: 'a5a1c5e8-0000-4000-8000-000000000001' } }))],
    ['another issuer', async (s) => bearer(login.token(s, { claims: { iss: 'https://evil.example' } }))],
    ['an emulator-style token', async (s) => bearer(login.token(s, { claims: { iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: APP_ID } }))],
    ['an expired token', async (s) => bearer(login.token(s, { issuedAt: now() - 7200, expiresIn: now() - 3600 }))],
    ['a token for another serviceUrl', async () => bearer(login.token('https://smba.trafficmanager.net/emea/'))],
    ['a token without a serviceurl claim', async (s) => bearer(login.token(s, { claims: { serviceurl: undefined } }))],
  ];

  it.each(cases)('refuses %s with 401, writes nothing and never calls the serviceUrl', async (_name, header) => {
    const before = bot.connector.calls.length;
    const docsBefore = await storeSnapshot(bot.lokus.store);
    const activity = A.message(conv, anna, elsewhere.url, 'hjälp');
    const auth = await header(elsewhere.url);
    const r = await bot.post(activity, auth ? { authorization: auth } : {});
    expect(r.status).toBe(401);
    expect(JSON.stringify(r.body)).not.toContain(APP_PASSWORD);
    expect(elsewhere.calls).toHaveLength(0);
    expect(bot.connector.calls.length).toBe(before);
    expect(changedDocuments(docsBefore, await storeSnapshot(bot.lokus.store), { includeClaims: true })).toEqual([]);
  });

  it('refuses a valid token sent with an activity that has no serviceUrl', async () => {
    const activity: Record<string, unknown> = A.message(conv, anna, bot.serviceUrl, 'hjälp');
    delete activity.serviceUrl;
    const r = await bot.post(activity, { authorization: `Bearer ${await login.token(bot.serviceUrl)}` });
    expect(r.status).toBe(401);
  });

  it('answers a card action with a valid token', async () => {
    const activity = A.cardAction(conv, anna, bot.serviceUrl, 'no.such.verb', {});
    const r = await bot.post(activity, { authorization: `Bearer ${await login.token(bot.serviceUrl)}` });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
  });

  it('refuses an invoke (card action) without a valid token the same way', async () => {
    const activity = A.cardAction(conv, anna, elsewhere.url, 'help.show', {});
    const r = await bot.post(activity, { authorization: `Bearer ${await login.token(elsewhere.url, { claims: { aud: 'someone-else' } })}` });
    expect(r.status).toBe(401);
    expect(elsewhere.calls).toHaveLength(0);
  });
});
