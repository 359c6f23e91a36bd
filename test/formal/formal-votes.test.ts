import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardText } from '../support/cards.js';
import { checkInCard } from '../support/attendance-helpers.js';
import { groupIdFor, setUpGroup } from '../support/seed-group.js';
import { planMeeting, voteCardNow } from '../support/seed-styrelse.js';
import { TestBot } from '../support/test-bot.js';

/**
 * Omröstning under concurrency (issue 26): a styrelse of 16 ledamöter and one ersättare. One
 * ledamot reports jäv; the other 15 press their vote on the card at once, five of them twice; the
 * one with jäv and the ersättare (present, but not serving: no seat is empty) are refused. The
 * stored ballots, the card and the closed result are exact.
 */

type Json = Record<string, any>;
let clock = Date.parse('2026-03-05T08:00:00Z');
const now = () => new Date((clock += 1000));
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ now });
});
afterAll(async () => bot.stop());

const secretary = A.person('Sara Sekreterare');
const ledamoter = Array.from({ length: 16 }, (_, i) => A.person(`Ledamot ${String(i + 1).padStart(2, '0')} Berg`));
const ersattare = A.person('Erik Ersättare');

describe('omröstning (issue 26)', () => {
  it('15 ledamöter vote at once, with double presses: the result is exact; jäv and a non-serving ersättare are refused', async () => {
    const conv = A.channel('styrelse-16');
    await setUpGroup(bot, conv, secretary, {
      name: 'Styrelsen',
      kind: 'styrelse',
      founderOrganisation: 'Samordningsförbundet',
      people: [...ledamoter.map((p, i): [A.Person, string, string] => [p, i % 2 ? 'Region' : 'Kommunen', i === 0 ? 'chair' : 'member']), [ersattare, 'Region', 'substitute']],
      founderRoles: 'secretary',
    });
    expect((await bot.say(conv, secretary, `ledamöter ${ledamoter.map((p) => p.name).join(', ')}`)).replies[0]!.text).toMatch(/^Ledamöter \(16\): .*Beslutsför med minst 9 tjänstgörande\.$/);
    await bot.say(conv, secretary, `ersättare ${ersattare.name}`);
    await planMeeting(bot, conv, '2026-03-05 kl 13-15 Kansliet', ['Verksamhetsplan 2027 (beslut)'], {}, secretary);
    await bot.say(conv, ledamoter[0]!, 'starta möte');
    await Promise.all([...ledamoter, ersattare].map((p) => bot.click(conv, p, checkInCard(bot, conv).card, 'Närvarande')));
    await bot.settle();

    const [chair, l2, , , , , , , , , , , , , , jav] = ledamoter;
    expect((await bot.say(conv, jav!, 'jäv')).replies[0]!.text).toBe(`${jav!.name} har anmält jäv under §1 och deltar inte i handläggningen av ärendet.`);
    await bot.say(conv, chair!, 'yrkande bifall till förslaget');
    await bot.say(conv, l2!, 'yrkande återremiss för vidare beredning');
    await bot.say(conv, chair!, 'omröstning 1 mot 2');
    const card = voteCardNow(bot, conv);
    expect(cardText(card)).toContain('Har röstat: 0 av 15');

    // Ledamot 1–9 ja, 10–13 nej, 14–15 avstår; five of them press twice; jäv and the ersättare try too.
    const voters = ledamoter.slice(0, 15);
    const choice = (i: number) => (i < 9 ? 'Rösta ja' : i < 13 ? 'Rösta nej' : 'Avstå');
    const presses = [
      ...voters.map((p, i) => bot.click(conv, p, card, choice(i))),
      ...[0, 4, 9, 12, 14].map((i) => bot.click(conv, voters[i]!, card, choice(i))),
      bot.click(conv, jav!, card, 'Rösta nej'),
      bot.click(conv, ersattare, card, 'Rösta ja'),
    ];
    const answers = await Promise.all(presses);
    expect(answers.slice(0, 20).every((a) => a.card)).toBe(true);
    expect(answers[20]!.message).toBe('Du har anmält jäv i ärendet och kan inte rösta.');
    expect(answers[21]!.message).toBe('Bara tjänstgörande ledamöter och ersättare kan rösta i omröstningen.');
    await bot.settle();

    const meeting = (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'meeting')!;
    const vote = Object.values(meeting.formal.votes as Record<string, Json>)[0]!;
    const ballots = Object.values(vote.ballots as Record<string, Json>);
    expect(ballots).toHaveLength(15);
    expect(ballots.filter((b) => b.choice === 'ja')).toHaveLength(9);
    expect(ballots.filter((b) => b.choice === 'nej')).toHaveLength(4);
    expect(ballots.filter((b) => b.choice === 'avstar')).toHaveLength(2);
    expect(Object.keys(vote.ballots)).not.toContain(meeting.formal.jav && Object.values(meeting.formal.jav as Record<string, Json>)[0]!.memberId);
    expect(cardText(voteCardNow(bot, conv))).toContain('Har röstat: 15 av 15');

    // The secretary may enter a ledamot's vote (here the one already pressed: nothing changes), never an ersättare's; a ledamot may not enter others'.
    expect((await bot.say(conv, secretary, `röst ${voters[14]!.name}: avstår`)).replies[0]!.text).toBe(`${voters[14]!.name}s röst är registrerad: avstår.`);
    expect((await bot.say(conv, secretary, `röst ${ersattare.name}: ja`)).replies[0]!.text).toBe('Bara tjänstgörande ledamöter och ersättare kan rösta i omröstningen.');
    expect((await bot.say(conv, voters[5]!, `röst ${voters[6]!.name}: nej`)).replies[0]!.text).toMatch(/^Du kan inte /);

    const closed = await bot.click(conv, chair!, voteCardNow(bot, conv), 'Avsluta omröstningen');
    expect(cardText(closed.card!)).toContain('Avslutad: 9 ja-röster mot 4 nej-röster, 2 avstår. Yrkande 1 (Ledamot 01 Berg) vann.');
    // A press after the close is not counted.
    expect((await bot.click(conv, voters[14]!, card, 'Rösta ja')).message).toBe('Omröstningen är redan avslutad.');
    // Only the chair or secretary closes a vote; the secretary may enter a ledamot's vote only while it is open.
    expect((await bot.say(conv, secretary, `röst ${voters[3]!.name}: nej`)).replies[0]!.text).toBe('Ingen omröstning pågår under den här punkten.');
  });
});
