import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardText } from '../support/cards.js';
import { Connector } from '../support/connector.js';
import { freshCosmos } from '../support/embedded.js';
import { TestBot } from '../support/test-bot.js';
import { P, seedGroup, startRequest } from './approval-fixtures.js';

let clock = new Date('2018-01-29T08:00:00.000Z');
const at = (iso: string) => (clock = new Date(iso));

describe('reminders and the deadline with two bot instances on one Cosmos', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let connector: Connector;
  let one: TestBot;
  let two: TestBot;
  const conv = A.channel('lokus-scheduler');

  beforeAll(async () => {
    cosmos = await freshCosmos();
    connector = await new Connector().start();
    const env = { COSMOS_ENDPOINT: cosmos.server.endpoint, COSMOS_KEY: cosmos.server.key, COSMOS_DATABASE: 'shared' };
    one = await TestBot.start({ env, connector, now: () => clock });
    two = await TestBot.start({ env, connector, now: () => clock });
    await seedGroup(one, conv, clock);
  });
  afterAll(async () => {
    await one.stop();
    await two.stop();
    await connector.stop();
    await cosmos.close();
  });

  const reminders = () => connector.posted().filter((a) => String(a.text ?? '').startsWith('Påminnelse: svara på'));
  const tickBoth = async () => {
    const reports = await Promise.all([one.lokus.deps.scheduler.tick(), two.lokus.deps.scheduler.tick()]);
    await Promise.all([one.idle(), two.idle()]);
    return reports;
  };

  it('sends one reminder to each who has not answered, once, then closes the request at the deadline', async () => {
    // Deadline 2018-02-05 12:00 Stockholm, reminder a day before.
    const req = await startRequest(one, conv, { deadline: ['2018-02-05', '12:00'], reminder: 'd1' });
    await one.click(conv, P.birgitta, req.card(), 'Godkänn');
    await two.click(conv, P.nima, req.card(), 'Skicka synpunkt', { comment: 'Vi återkommer' });

    at('2018-02-04T10:59:00.000Z');
    await tickBoth();
    expect(reminders()).toHaveLength(0);

    at('2018-02-04T11:00:00.000Z');
    const reports = await tickBoth();
    expect(reports.filter((r) => r.leader)).toHaveLength(1);
    const sent = reminders();
    // Nima only commented: he has not decided, so he is reminded too; Birgitta is not.
    expect(sent).toHaveLength(3);
    const to = connector.calls.filter((c) => c.kind === 'createConversation').map((c) => c.body.members[0].id).sort();
    expect(to).toEqual([P.marikaS.id, P.wictoria.id, P.nima.id].sort());
    expect(sent[0]!.text).toBe('Påminnelse: svara på ”Avvikelserapport: insatsstart flyttas till 1 mars 2018” senast 5 februari 2018 kl. 12.00. Kortet finns i gruppens kanal.');

    // Later ticks, on either instance and after the lease ran out, send nothing more.
    at('2018-02-04T11:30:00.000Z');
    await tickBoth();
    at('2018-02-04T12:30:00.000Z');
    await tickBoth();
    expect(reminders()).toHaveLength(3);

    const stillOpen = req.card();
    at('2018-02-05T11:00:00.000Z');
    await tickBoth();
    const card = cardText(one.currentCard(req.formId)!);
    expect(card).toContain('Inte godkänt – svarstiden gick ut');
    const late = await two.click(conv, P.wictoria, stillOpen, 'Godkänn');
    expect(cardText(late.card!)).toContain('Begäran är stängd');
    expect(reminders()).toHaveLength(3);
  });
});
