import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv/index.js';
import { officePartition } from '../../src/office/office-repo.js';
import { onBodyMeetingEnded } from '../../src/office/arende-listeners.js';
import type { MeetingEnded } from '../../src/meetings/meeting-ended.js';
import { tjansteskrivelseText } from '../../src/office/domain/tjansteskrivelse.js';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findAction, findInput } from '../support/cards.js';
import { readFixture } from '../support/golden.js';
import { answered, choiceValue, groupIdFor } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';
import { SEED002_ANSOKAN, SEED002_ATT, SEED002_BEDOMNING, SEED002_RUBRIK } from './office-fixtures.js';
import { O, TIERP_REPS, memberId, storeStyrelse, storeTierp } from './office-support.js';

type Json = Record<string, any>;
let clock = Date.parse('2018-01-29T08:00:00.000Z');
const now = () => new Date((clock += 1000));
const later = (minutes: number) => (clock += minutes * 60_000);

describe('seed 002’s path over real HTTP: lokusgrupp → tjänsteskrivelse → styrelse → decision back', () => {
  let bot: TestBot;
  const tierp = A.channel('lokus-tierp');
  const styrelse = A.channel('forbundsstyrelsen');

  beforeAll(async () => {
    bot = await TestBot.start({ now });
    await storeTierp(bot, tierp, '2018-01-25T09:00:00.000Z');
    await storeStyrelse(bot, styrelse, '2018-01-25T09:00:00.000Z');
  });
  afterAll(async () => bot.stop());

  let arendeCard: Json;
  const arendeId = async () => {
    const docs = await bot.documents(officePartition(A.TENANT));
    return docs.filter((d) => d.type === 'arende');
  };

  it('the lokusgrupp approves the application, one yes per party, and the office opens an ärende with a diarienummer', async () => {
    const asked = await bot.say(tierp, O.marikaB, `godkännande ${SEED002_RUBRIK}`);
    const formId = asked.replies[0]!.id as string;
    const sent = await bot.click(tierp, O.marikaB, bot.currentCard(formId)!, 'Skicka för godkännande', {
      text: SEED002_ANSOKAN.join('\n\n'), voters: TIERP_REPS.map(memberId).join(','), rule: 'onePerParty', deadlineDate: '2018-02-05', deadlineTime: '12:00', reminder: 'none', signatory: 'none',
    });
    expect(sent.card, sent.message).toBeDefined();
    await bot.idle();
    for (const p of TIERP_REPS) {
      later(5);
      expect(cardText(answered(await bot.click(tierp, p, bot.currentCard(formId)!, 'Godkänn')))).toContain('Godkänn');
    }
    await bot.idle();
    expect(cardText(bot.currentCard(formId)!)).toContain('4 av 4 parter har sagt ja');

    // A plain member may not open an ärende; nothing is written.
    const refused = await bot.say(tierp, O.nima, 'ärende');
    expect(refused.replies[0]!.text).toMatch(/^Du kan inte/);
    expect(await arendeId()).toHaveLength(0);

    later(60);
    const opened = await bot.say(tierp, O.marikaB, 'ärende');
    arendeCard = cardsOf(opened.replies[0])[0]!;
    const text = cardText(arendeCard);
    expect(text).toContain('Ärende 2018/1: Samordnare och partsamordnare Tierp');
    expect(text).toContain('Från Tierp: Region Uppsala, Försäkringskassan, Arbetsförmedlingen, Tierps kommun har sagt ja till ansökan.');
    // The draft: the first att-sats and the application under Ärendet, signed by the förbundschef.
    const value = (id: string) => findInput(arendeCard, id).value;
    expect(value('attSatser')).toBe(SEED002_ATT[0]);
    expect(value('arendetHeading')).toBe('Ansökan');
    expect(value('arendet')).toBe(SEED002_ANSOKAN.join('\n\n'));
    expect(value('bedomning')).toBe('Ansökan har diskuterats av parterna i lokusgruppen och alla parter i lokusgruppen har ställt sig bakom ansökan.');
    expect([value('signerName'), value('signerTitle')]).toEqual(['Åsa Fichtel', 'Förbundschef']);
    // Asking again opens no second ärende (the request is already one).
    expect((await bot.say(tierp, O.marikaB, 'ärende')).replies[0]!.text).toBe(sv.office.noApproved);
    expect(await arendeId()).toHaveLength(1);
  });

  it('the office edits the tjänsteskrivelse on the card: it is stored as seed 002 wrote it', async () => {
    const r = await bot.click(tierp, O.asa, arendeCard, 'Spara tjänsteskrivelsen', {
      attSatser: SEED002_ATT.join('\n'), bedomning: SEED002_BEDOMNING.join('\n\n'),
    });
    arendeCard = answered(r);
    expect(cardText(arendeCard)).toContain('Tjänsteskrivelsen är sparad.');
    const stored = (await arendeId())[0]!;
    expect(tjansteskrivelseText(stored.tjansteskrivelse, sv.office.document)).toBe(readFixture('office/tjansteskrivelse-002.txt'));
    // A member (no kansli) pressing the same button changes nothing.
    const forged = await bot.execute(tierp, O.nima, 'office.arende.save', { ...findAction(arendeCard, 'Spara tjänsteskrivelsen').action.data, rubrik: 'Annat', attSatser: 'att avslå' });
    expect(forged.message).toMatch(/^Du kan inte/);
    expect((await arendeId())[0]!.tjansteskrivelse.rubrik).toBe(SEED002_RUBRIK);
  });

  it('it goes on the styrelse’s planned sammanträde in the styrelse’s channel, with its förslag', async () => {
    const planned = await bot.say(styrelse, O.marikaB, 'nytt möte 2018-02-20 13-15 Regionens hus');
    expect(planned.status).toBe(200);
    // The card offers the body's planned meeting (it was planned after the card was drawn: save shows it).
    arendeCard = answered(await bot.click(tierp, O.asa, arendeCard, 'Spara tjänsteskrivelsen'));
    const meetingRef = choiceValue(arendeCard, 'meetingRef', /^Förbundsstyrelsen: .*2018/);
    const placed = answered(await bot.click(tierp, O.asa, arendeCard, 'Lägg på dagordningen', { meetingRef }));
    expect(cardText(placed)).toContain('Ärendet ligger nu på dagordningen för Förbundsstyrelsen');
    const agenda = cardText(cardsOf((await bot.say(styrelse, O.lars, 'dagordning')).replies[0])[0]!);
    expect(agenda).toContain('Samordnare och partsamordnare Tierp (dnr 2018/1)');
    const meeting = (await bot.documents(groupIdFor(styrelse))).find((d) => d.type === 'meeting')!;
    const item = meeting.items.find((i: Json) => i.title.startsWith(SEED002_RUBRIK));
    expect(item).toMatchObject({ kind: 'beslut', presenter: 'Åsa Fichtel', text: ['Förbundsstyrelsen föreslås besluta', ...SEED002_ATT].join('\n') });
    // Moved to a later sammanträde, it leaves the first agenda; moved back, it is on the first one only.
    await bot.say(styrelse, O.marikaB, 'nytt möte 2018-04-17 13-15 Regionens hus');
    arendeCard = answered(await bot.click(tierp, O.asa, arendeCard, 'Spara tjänsteskrivelsen'));
    const april = choiceValue(arendeCard, 'meetingRef', /2018-04-17/);
    arendeCard = answered(await bot.click(tierp, O.asa, arendeCard, 'Lägg på dagordningen', { meetingRef: april }));
    const onAgenda = async () => (await bot.documents(groupIdFor(styrelse))).filter((d) => d.type === 'meeting').map((m) => [m.date, m.items.filter((i: Json) => i.title.startsWith(SEED002_RUBRIK)).length]).sort();
    expect(await onAgenda()).toEqual([['2018-02-20', 0], ['2018-04-17', 1]]);
    arendeCard = answered(await bot.click(tierp, O.asa, arendeCard, 'Lägg på dagordningen', { meetingRef }));
    expect(await onAgenda()).toEqual([['2018-02-20', 1], ['2018-04-17', 0]]);
    // Nothing of the ärende was posted in the styrelse's channel by the lokusgrupp's turn.
    expect(bot.connector.posted(styrelse.id).some((a) => cardsOf(a)[0] && cardText(cardsOf(a)[0]!).includes('Beslut:'))).toBe(false);
  });

  it('the styrelse decides with the att-satser; the lokusgrupp’s channel gets the decision card', async () => {
    later(60 * 24 * 22);
    expect((await bot.say(styrelse, O.lars, 'starta möte')).status).toBe(200);
    const meeting = (await bot.documents(groupIdFor(styrelse))).find((d) => d.type === 'meeting' && d.date === '2018-02-20')!;
    const index = meeting.items.findIndex((i: Json) => i.title.startsWith(SEED002_RUBRIK));
    const n = meeting.firstNumber + index;
    expect((await bot.say(styrelse, O.lars, `gå till punkt ${n}`)).replies[0]!.text).toContain(SEED002_RUBRIK);
    const decided = ['Förbundsstyrelsen beslutade', SEED002_ATT[0], SEED002_ATT[1], SEED002_ATT[2], SEED002_ATT[3]].join('\n');
    expect((await bot.say(styrelse, O.marikaB, `beslut ${decided}`)).replies[0]!.text).toContain(`§${n}`);
    const before = bot.connector.posted(tierp.id).length;
    await bot.say(styrelse, O.lars, 'avsluta möte');
    await bot.idle();
    const posted = bot.connector.posted(tierp.id).slice(before).filter((a) => cardsOf(a).length);
    expect(posted).toHaveLength(1);
    const card = cardText(cardsOf(posted[0]!)[0]!);
    expect(card).toContain('Beslut: Samordnare och partsamordnare Tierp');
    expect(card).toContain('Diarienummer 2018/1');
    expect(card).toContain(`Förbundsstyrelsen beslutade vid ${meeting.title} 2018-02-20, §${n}:`);
    for (const att of SEED002_ATT) expect(card).toContain(att);
    const stored = (await arendeId())[0]!;
    expect(stored.status).toBe('decided');
    expect(stored.decision).toMatchObject({ paragraph: `§${n}`, attSatser: SEED002_ATT });
    expect(stored.history.map((h: Json) => h.kind)).toEqual(['opened', 'edited', 'placed', 'placed', 'placed', 'decided', 'returned']);
    // Ending is not repeated: the end handler run again (a redelivered end) posts no second card.
    const group = (await bot.lokus.deps.groups.get(groupIdFor(styrelse)))!;
    const ended = (await bot.lokus.deps.meetings.get(group.groupId, meeting.id))!;
    await onBodyMeetingEnded(bot.lokus.deps, { meeting: ended, group, ref: { groupId: group.groupId, tenantId: group.tenantId, conversationId: group.conversationId, conversationType: 'channel' }, reference: {}, language: 'sv' } as MeetingEnded);
    await bot.idle();
    expect(bot.connector.posted(tierp.id).slice(before).filter((a) => cardsOf(a).length)).toHaveLength(1);
  });

  it('the diarienummer runs per förbund and year: the office’s own ärende is 2018/2, another förbund starts at 2018/1', async () => {
    const own = cardText(cardsOf((await bot.say(tierp, O.marikaB, 'ärende Projektansökan språkstödjare')).replies[0])[0]!);
    expect(own).toContain('Ärende 2018/2: Projektansökan språkstödjare');
    expect(own).toContain('Öppnat av förbundets kansli i Tierp.');
    const other = A.channel('lokus-annat', 'tenant-00000000-0000-0000-0000-000000000002');
    await storeTierp(bot, other, '2018-01-25T09:00:00.000Z');
    const theirs = cardText(cardsOf((await bot.say(other, O.marikaB, 'ärende Något annat')).replies[0])[0]!);
    expect(theirs).toContain('Ärende 2018/1: Något annat');
  });

  it('an ärende without att-satser is refused on the agenda and puts nothing on it', async () => {
    const card = cardsOf((await bot.say(tierp, O.asa, 'ärende Lokalfrågan')).replies[0])[0]!;
    const meetingRef = choiceValue(card, 'meetingRef', /2018-04-17/);
    const refused = await bot.click(tierp, O.asa, card, 'Lägg på dagordningen', { meetingRef });
    expect(refused.message).toBe('Skriv minst en att-sats under Förslag till beslut.');
    const april = (await bot.documents(groupIdFor(styrelse))).find((d) => d.type === 'meeting' && d.date === '2018-04-17')!;
    expect(april.items.some((i: Json) => i.title.startsWith('Lokalfrågan'))).toBe(false);
  });
});
