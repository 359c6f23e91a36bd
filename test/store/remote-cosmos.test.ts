import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { freshCosmos } from '../support/embedded.js';
import { TestBot } from '../support/test-bot.js';

describe('COSMOS_ENDPOINT pointing at a separately started server', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let bot: TestBot;
  beforeAll(async () => {
    cosmos = await freshCosmos();
    bot = await TestBot.start({ env: { COSMOS_ENDPOINT: cosmos.server.endpoint, COSMOS_KEY: cosmos.server.key, COSMOS_DATABASE: 'remote-db' } });
  });
  afterAll(async () => {
    await bot.stop();
    await cosmos.close();
  });

  it('creates the database and containers there and works the same', async () => {
    expect(bot.lokus.store.describe()).toContain('Cosmos DB at 127.0.0.1');
    const anna = A.person('Anna Andersson');
    const conv = A.channel('remote');
    const r = await bot.say(conv, anna, 'hjälp');
    expect(cardText(cardsOf(r.replies[0])[0]!)).toContain('Lokus – hjälp');
    await bot.post(A.botAdded(conv, anna, bot.serviceUrl));
    // Read back through a client of our own: the bot wrote to the other server, not to an embedded one.
    const { resources } = await cosmos.client.database('remote-db').container('domain').items
      .query('SELECT * FROM c WHERE c.type = "conversation"').fetchAll();
    expect(resources).toHaveLength(1);
    const { resources: containers } = await cosmos.client.database('remote-db').containers.readAll().fetchAll();
    expect(containers.map((c) => [c.id, c.partitionKey?.paths?.[0]]).sort()).toEqual([['bot', '/pk'], ['domain', '/groupId']]);
  });
});
