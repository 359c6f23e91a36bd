import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connector, TEAMS_MAX_ACTIVITY_BYTES } from '../support/connector.js';

/** The loopback connector refuses what Teams refuses: a bot message over about 28 KB. */
describe('the loopback connector holds the bot to Teams\' message size', () => {
  let connector: Connector;
  beforeAll(async () => {
    connector = await new Connector().start();
  });
  afterAll(async () => connector.stop());

  /** An activity with one card whose JSON is `bytes` long. */
  const activity = (bytes: number) => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '', style: 'heading', wrap: true }] };
    const base = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    card.body[0]!.text = 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify(base)));
    const json = JSON.stringify(base);
    expect(Buffer.byteLength(json)).toBe(bytes);
    return json;
  };
  const call = (method: string, path: string, body: string) =>
    fetch(new URL(path, connector.url), { method, headers: { 'content-type': 'application/json' }, body });

  it('takes a post and an update of exactly 28 KB', async () => {
    expect((await call('POST', 'v3/conversations/c1/activities', activity(TEAMS_MAX_ACTIVITY_BYTES))).status).toBe(200);
    expect((await call('PUT', 'v3/conversations/c1/activities/a-1', activity(TEAMS_MAX_ACTIVITY_BYTES))).status).toBe(200);
    expect(connector.oversize).toEqual([]);
  });

  it('refuses a post, a reply and an update one byte over with 413, records them, and shows nothing', async () => {
    const shown = connector.posted('c2').length + connector.updates('c2').length;
    for (const [method, path] of [['POST', 'v3/conversations/c2/activities'], ['POST', 'v3/conversations/c2/activities/a-1'], ['PUT', 'v3/conversations/c2/activities/a-1']] as const) {
      const res = await call(method, path, activity(TEAMS_MAX_ACTIVITY_BYTES + 1));
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'MessageSizeTooBig' } });
    }
    expect(connector.oversize).toEqual([
      `send /v3/conversations/c2/activities: ${TEAMS_MAX_ACTIVITY_BYTES + 1} bytes`,
      `reply /v3/conversations/c2/activities/a-1: ${TEAMS_MAX_ACTIVITY_BYTES + 1} bytes`,
      `update /v3/conversations/c2/activities/a-1: ${TEAMS_MAX_ACTIVITY_BYTES + 1} bytes`,
    ]);
    expect(connector.posted('c2').length + connector.updates('c2').length).toBe(shown);
  });
});
