import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { BotFrameworkLogin } from '../support/bot-framework-login.js';
import { TestBot } from '../support/test-bot.js';

const APP_ID = '0c7d2e91-5b3a-4f6e-8a1d-9e2b4c6f8a0d';
const APP_PASSWORD = 'Hemligt-Lösenord-Zebra-8812';
const TENANT_ID = '7e3a1b5c-9d2f-4a8e-b6c4-1f0e2d3c4b5a';

describe('logs carry no message text, card input or secrets', () => {
  let login: BotFrameworkLogin;
  let bot: TestBot;
  const lines: string[] = [];
  const anna = A.person('Anna Andersson');
  const conv = A.channel('hygiene-team');

  beforeAll(async () => {
    login = await BotFrameworkLogin.start(APP_ID, APP_PASSWORD);
    bot = await TestBot.start({ env: { ...login.env(TENANT_ID), LOG_LEVEL: 'info' }, logTo: (l) => void lines.push(l) });
  });
  afterAll(async () => {
    await bot?.stop();
    await login?.stop();
  });

  it('runs ordinary, failing and refused turns at info level without leaking', async () => {
    const userTexts = ['Kalle Ankas sjukskrivning diskuteras', 'personnummer 19121212-1212'];
    const cardInput = 'Ärendet gäller Lisa Larsson på Storgatan 5';
    const auth = async (serviceUrl: string) => ({ authorization: `Bearer ${await login.token(serviceUrl)}` });
    const inbound: string[] = [];

    const say = async (text: string) => {
      const activity = A.message(conv, anna, bot.serviceUrl, text);
      const headers = await auth(bot.serviceUrl);
      inbound.push(headers.authorization);
      return bot.post(activity, headers);
    };
    expect((await say(userTexts[0]!)).status).toBe(200);
    // The echo of an unknown command fails at the connector: the turn error is logged.
    bot.connector.failNext = { count: 2, status: 403 };
    await say(userTexts[1]!);
    // A card action with input, and one while Cosmos is unreachable.
    const press = A.cardAction(conv, anna, bot.serviceUrl, 'meeting.save', { title: cardInput, notes: userTexts[1] });
    expect((await bot.post(press, await auth(bot.serviceUrl))).status).toBe(200);
    await bot.lokus.store.faultsForTests!.stopServer();
    await bot.post(A.cardAction(conv, anna, bot.serviceUrl, 'meeting.save', { title: cardInput }), await auth(bot.serviceUrl));
    await say(userTexts[0]!);
    await bot.lokus.store.faultsForTests!.restartServer();
    // A refused request carrying a token for someone else.
    const forged = await login.token(bot.serviceUrl, { claims: { aud: 'someone-else' } });
    expect((await bot.post(A.message(conv, anna, bot.serviceUrl, userTexts[0]!), { authorization: `Bearer ${forged}` })).status).toBe(401);

    const all = lines.join('\n');
    const levels = lines.map((l) => JSON.parse(l).level as number);
    expect(levels).toContain(40); // the refusal and the connector failure were logged …
    expect(levels).toContain(50); // … and the failed turns
    for (const secret of [...userTexts, cardInput, APP_PASSWORD, login.issuedToken, forged, ...inbound.map((h) => h.slice(7))]) {
      expect(all, `log contains "${secret.slice(0, 20)}…"`).not.toContain(secret);
    }
    // Nothing of the tokens either (a JWT's signature part is unique to it).
    for (const token of [forged, ...inbound.map((h) => h.slice(7))]) expect(all).not.toContain(token.split('.')[2]);
  });
});
