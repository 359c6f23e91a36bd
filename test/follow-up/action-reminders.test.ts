import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction } from '../support/cards.js';
import { Connector } from '../support/connector.js';
import { freshCosmos } from '../support/embedded.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, setUpTierp } from '../support/seed-group.js';
import { holdMeeting } from './follow-up-support.js';

let clock = Date.parse('2018-01-20T09:00:00Z');
let frozen = false;
/** Advances a second per reading while the meeting runs; frozen while the scheduler is driven. */
const now = () => new Date(frozen ? clock : (clock += 1000));
const at = (iso: string) => {
  clock = Date.parse(iso);
};
const { marika, birgitta, marikaS } = TIERP;
const INBJUDAN = 'Skicka ut inbjudan till Granskning uppdrag';

describe('action item reminders and the chair’s overdue list, two bot instances on one Cosmos', () => {
  let cosmos: Awaited<ReturnType<typeof freshCosmos>>;
  let connector: Connector;
  let one: TestBot;
  let two: TestBot;
  const conv = A.channel('tierp-reminders');

  beforeAll(async () => {
    cosmos = await freshCosmos();
    connector = await new Connector().start();
    const env = { COSMOS_ENDPOINT: cosmos.server.endpoint, COSMOS_KEY: cosmos.server.key, COSMOS_DATABASE: 'shared' };
    one = await TestBot.start({ env, connector, now });
    two = await TestBot.start({ env, connector, now });
    await one.post(A.installationAdded(conv, marika, one.serviceUrl));
    await setUpTierp(one, conv);
    await holdMeeting(one, conv, marika, birgitta, at, {
      date: '2018-01-25',
      items: [{ title: 'Granskning uppdrag', commands: [`uppdrag Marika Söderberg: ${INBJUDAN} senast 2018-02-15`] }],
    });
    frozen = true;
  }, 120_000);
  afterAll(async () => {
    await one.stop();
    await two.stop();
    await connector.stop();
    await cosmos.close();
  });

  const personalCards = (who: A.Person) => connector.posted(A.personalChat(who).id).filter((a) => cardsOf(a).length > 0);
  const tickBoth = async () => {
    const reports = await Promise.all([one.lokus.deps.scheduler.tick(), two.lokus.deps.scheduler.tick()]);
    await Promise.all([one.idle(), two.idle()]);
    return reports;
  };

  it('sends one reminder two days before at 08:00 and one on the day, each exactly once', async () => {
    at('2018-02-13T06:59:00.000Z'); // 07:59 in Stockholm
    await tickBoth();
    expect(personalCards(marikaS)).toHaveLength(0);

    at('2018-02-13T07:00:00.000Z');
    const callsBefore = connector.calls.length;
    const reports = await tickBoth();
    expect(reports.filter((r) => r.leader)).toHaveLength(1);
    expect(personalCards(marikaS)).toHaveLength(1);
    const first = cardText(cardsOf(personalCards(marikaS)[0])[0]!);
    expect(first).toContain('Påminnelse: ditt uppdrag ska snart vara klart');
    expect(first).toContain(INBJUDAN);
    expect(first).toContain('Senast 2018-02-15');
    expect(first).toContain('Från Lokusmöte Tierp 2018-01-25');
    // Only the reminder's chat is opened by this tick (ending the meeting earlier sent the draft minutes).
    const created = connector.calls.slice(callsBefore).filter((c) => c.kind === 'createConversation');
    expect(created.map((c) => c.body.members[0].id)).toEqual([marikaS.id]);

    // Later ticks on either instance, also after the lease ran out, send nothing more that day.
    at('2018-02-13T07:30:00.000Z');
    await tickBoth();
    at('2018-02-14T12:00:00.000Z');
    await tickBoth();
    expect(personalCards(marikaS)).toHaveLength(1);

    at('2018-02-15T07:00:00.000Z');
    await tickBoth();
    await tickBoth();
    expect(personalCards(marikaS)).toHaveLength(2);
    expect(cardText(cardsOf(personalCards(marikaS)[1])[0]!)).toContain('Påminnelse: ditt uppdrag ska vara klart idag');
    at('2018-02-20T07:00:00.000Z');
    await tickBoth();
    expect(personalCards(marikaS)).toHaveLength(2);
  });

  it('lists the overdue item for the chair the day before the next meeting, once; the owner then marks it done from the reminder', async () => {
    frozen = false;
    at('2018-03-01T09:00:00.000Z');
    await one.say(conv, marika, 'nytt möte 2018-03-16 kl 13-15 Regionens hus');
    frozen = true;
    at('2018-03-15T06:59:00.000Z');
    await tickBoth();
    const toChair = () => connector.posted(A.personalChat(birgitta).id);
    expect(toChair()).toHaveLength(0);
    at('2018-03-15T07:00:00.000Z');
    await tickBoth();
    await tickBoth();
    expect(toChair()).toHaveLength(1);
    expect(toChair()[0]!.text).toBe(`Inför Lokusmöte Tierp 2018-03-16: dessa uppdrag är försenade.\n\n- Marika Söderberg: ${INBJUDAN} (skulle ha varit klart 2018-02-15)`);

    const reminder = cardsOf(personalCards(marikaS)[1])[0]!;
    const done = answered(await two.click(A.personalChat(marikaS), marikaS, reminder, 'Markera klart'));
    expect(cardText(done)).toContain(`Klart: ${INBJUDAN}`);
    expect(cardText(done)).toContain('Ditt uppdrag');
    expect(() => findAction(done, 'Markera klart')).toThrow();
    const again = answered(await one.click(A.personalChat(marikaS), marikaS, reminder, 'Markera klart'));
    expect(cardText(again)).toContain(`Uppdraget var redan klart: ${INBJUDAN}`);
  });
});
