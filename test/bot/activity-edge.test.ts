import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardText, cardsOf } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TIERP, answered, groupIdFor } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';
import { startMeeting } from '../support/meeting-steps.js';

type Json = Record<string, any>;

/** Every HTTP request this process starts (the bot runs in it), as host:port, while `fn` runs. */
async function outboundHosts(fn: () => Promise<unknown>): Promise<string[]> {
  const hosts: string[] = [];
  const onStart = (message: unknown) => {
    const req = (message as { request: ClientRequest }).request;
    hosts.push(String(req.getHeader('host') ?? req.host));
  };
  const onUndici = (message: unknown) => hosts.push(new URL((message as { request: { origin: string } }).request.origin).host);
  subscribe('http.client.request.start', onStart);
  subscribe('undici:request:create', onUndici);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    unsubscribe('http.client.request.start', onStart);
    unsubscribe('undici:request:create', onUndici);
  }
  return hosts;
}

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

describe('the edge: malformed activities, where the bot answers, bidi control characters', () => {
  let bot: TestBot;
  /** Hosts the bot may call: Cosmos; and the bot's own, which the test itself calls. */
  let cosmosHost: string;
  let botHost: string;
  const elsewhere = (hosts: string[]) => [...new Set(hosts)].filter((h) => h !== cosmosHost && h !== botHost);
  const conv = A.channel('edge');
  const { marika } = TIERP;
  beforeAll(async () => {
    bot = await TestBot.start();
    cosmosHost = new URL(/at (http\S+),/.exec(bot.lokus.store.describe())![1]!).host;
    botHost = new URL(bot.url).host;
    await bot.say(conv, marika, 'hjälp');
  });
  afterAll(async () => bot.stop());

  it.each([
    ['"locale": 5', { locale: 5 }],
    ['"locale": {}', { locale: { x: 1 } }],
    ['a locale that is no language tag', { locale: 'sv SE; drop' }],
    ['"serviceUrl": 5', { serviceUrl: 5 }],
    ['"serviceUrl": "ftp://…"', { serviceUrl: 'ftp://127.0.0.1/' }],
    ['"serviceUrl": "not a url"', { serviceUrl: 'not a url' }],
    ['no serviceUrl (local mode)', { serviceUrl: undefined }],
  ])('refuses a message with %s: HTTP 400, nothing written, no call anywhere', async (_name, change) => {
    const before = await storeSnapshot(bot.lokus.store);
    const calls = bot.connector.calls.length;
    const activity: Json = { ...A.message(conv, marika, bot.serviceUrl, 'grupp'), ...change };
    let status = 0;
    const hosts = await outboundHosts(async () => {
      status = (await bot.post(JSON.parse(JSON.stringify(activity)))).status;
    });
    expect(status).toBe(400);
    expect(elsewhere(hosts)).toEqual([]);
    expect(bot.connector.calls.length).toBe(calls);
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store), { includeClaims: true })).toEqual([]);
  });

  it('refuses a card press without serviceUrl the same way', async () => {
    const before = await storeSnapshot(bot.lokus.store);
    const activity: Json = A.cardAction(conv, marika, bot.serviceUrl, 'help.show', {});
    delete activity.serviceUrl;
    const hosts = await outboundHosts(async () => expect((await bot.post(activity)).status).toBe(400));
    expect(elsewhere(hosts)).toEqual([]);
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store), { includeClaims: true })).toEqual([]);
  });

  it('answers a well-formed message at its serviceUrl and nowhere else', async () => {
    const connectorHost = new URL(bot.serviceUrl).host;
    const hosts = await outboundHosts(async () => {
      expect((await bot.say(conv, marika, 'hjälp')).replies).toHaveLength(1);
    });
    expect(elsewhere(hosts)).toEqual([connectorHost]);
  });

  it('takes bidi control characters out of names and texts: stored, on cards and in the channel', async () => {
    const c = A.channel('edge-bidi');
    const chair: A.Person = { ...A.person('Marika Blomgren'), name: 'Marika \u202EnergmolB\u202C' };
    const nima: A.Person = { ...A.person('Nima Najafi'), name: '\u2067Nima\u2069 Najafi\u200F' };
    bot.connector.rosters.set(c.id, [chair, nima]);
    const setup = await bot.say(c, chair, 'grupp');
    let card = answered(await bot.click(c, chair, cardsOf(setup.replies[0])[0]!, 'Skapa gruppen', { groupName: 'Tierp \u202Eprotokoll', groupKind: 'lokusgrupp', organisation: 'Samordnings\u200Eförbundet' }));
    card = answered(await bot.click(c, chair, card, 'Hämta från Teams'));
    card = answered(await bot.click(c, chair, card, 'Lägg till valda', { people: nima.id, rosterOrganisation: 'Tierps kommun' }));
    card = answered(await bot.click(c, chair, card, 'Lägg till', { memberName: 'Ola \u202DWiktorson', memberOrganisation: 'Region Uppsala' }));
    await bot.say(c, chair, 'nytt möte 2018-03-16 13-15 Regionens hus');
    await startMeeting(bot, c, chair);
    await bot.say(c, chair, 'anteckning Rapporten \u202Eesab har godkänts');
    await bot.settle();

    const text = cardText(card);
    expect(text).toContain('Tierp protokoll');
    expect(text).toContain('Nima Najafi');
    expect(text).toContain('Ola Wiktorson');
    const docs = await bot.documents(groupIdFor(c));
    const stored = JSON.stringify(docs);
    expect(stored).toContain('Marika nergmolB');
    expect(stored).toContain('Rapporten esab har godkänts');
    expect(stored).not.toMatch(BIDI);
    const sent = JSON.stringify(bot.connector.calls.filter((k) => k.conversationId === c.id).map((k) => k.body));
    expect(sent).toContain('Marika nergmolB');
    expect(sent).not.toMatch(BIDI);
  });
});
