/**
 * The bare peer: botbuilder CloudAdapter + restify as in Microsoft's echo sample, no storage, no
 * teams-ai, auth off. Echoes a message; answers an adaptiveCard/action invoke with a tiny card.
 */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import {
  ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext,
} from 'botbuilder';

const TINY_CARD = {
  type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5',
  body: [{ type: 'TextBlock', text: 'OK', wrap: true }],
};

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      await ctx.sendActivity(`Echo: ${ctx.activity.text}`);
      await next();
    });
  }

  protected override async onInvokeActivity(ctx: TurnContext) {
    if (ctx.activity.name === 'adaptiveCard/action') {
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: TINY_CARD } };
    }
    return { status: 501 };
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ name: 'baseline' });
server.server.keepAliveTimeout = 65_000;
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (ctx) => bot.run(ctx));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  return next();
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ port, msg: 'baseline listening' }));
});
