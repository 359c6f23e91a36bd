import { afterEach, describe, expect, it } from 'vitest';
import type { Activity, TurnContext } from 'botbuilder';
import { createAdapter } from '../../src/bot/bot-app.js';
import { message, person, personalChat } from '../support/activities.js';
import { Connector } from '../support/connector.js';

const anna = person('Anna Lindqvist');
const connectors: Connector[] = [];
afterEach(async () => {
  for (const c of connectors.splice(0)) await c.stop();
});

async function startConnector(): Promise<Connector> {
  const c = await new Connector().start();
  connectors.push(c);
  return c;
}

describe('createAdapter: outbound clients', () => {
  it('reuses one ConnectorClient and UserTokenClient per service URL across turns, and replies still arrive', async () => {
    const [first, second] = [await startConnector(), await startConnector()];
    const adapter = createAdapter({ appType: 'SingleTenant', endpoints: {} });
    const seen: Array<{ connector: unknown; tokens: unknown }> = [];
    const turn = (serviceUrl: string, text: string) =>
      adapter.processActivityDirect('', message(personalChat(anna), anna, serviceUrl, text) as unknown as Activity, async (ctx: TurnContext) => {
        seen.push({ connector: ctx.turnState.get(adapter.ConnectorClientKey), tokens: ctx.turnState.get(adapter.UserTokenClientKey) });
        await ctx.sendActivity(`svar på ${ctx.activity.text}`);
      });

    await turn(first.url, 'ett');
    await turn(first.url, 'två');
    await turn(second.url, 'tre');

    expect(seen[0]!.connector).toBeDefined();
    expect(seen[1]!.connector).toBe(seen[0]!.connector);
    expect(seen[2]!.connector).not.toBe(seen[0]!.connector);
    expect(seen[1]!.tokens).toBe(seen[0]!.tokens);
    expect(first.posted().map((a) => a.text)).toEqual(['svar på ett', 'svar på två']);
    expect(second.posted().map((a) => a.text)).toEqual(['svar på tre']);
  });
});
