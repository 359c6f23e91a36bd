import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { checkInCard, tierpStarted } from '../support/attendance-helpers.js';
import { cardText, cardsOf } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TIERP, answered, groupIdFor, memberIdOn } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';
import { teamsPress } from '../support/teams-press.js';

const { marika, birgitta, nima } = TIERP;

describe('the buttons issue 24 found blocked in Teams, pressed as Teams presses them', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now: () => new Date('2018-03-16T12:05:00Z') });
  });
  afterAll(async () => bot.stop());

  it('the chair checks herself in on the card Teams shows her (with the marking form and its empty Person field)', async () => {
    const { conv, card } = await tierpStarted(bot, 'teams-press-chair');
    // Teams refreshes the card for everyone in its userIds: the chair sees the marking form.
    expect(card.refresh.userIds).toContain(birgitta.id);
    const hers = answered(await bot.refresh(conv, birgitta, card));
    expect(cardText(hers)).toContain('Markera någons närvaro');
    // The form's Person is required and empty; Närvarande must not be held up by it.
    expect(() => teamsPress(hers, 'Spara närvaro')).toThrow(/"Person" \(memberId\) is required and empty/);
    const mine = answered(await bot.click(conv, birgitta, hers, 'Närvarande'));
    expect(cardText(mine)).toContain('Du är markerad som närvarande.');
    const again = answered(await bot.click(conv, birgitta, mine, 'Visa min närvaro'));
    expect(cardText(again)).toContain('Din närvaro: närvarande.');
    expect(checkInCard(bot, conv).card).toBe(card);
  });

  it('Hämta från Teams works on the grupp card with the manual form left empty', async () => {
    const conv = A.channel('teams-press-roster');
    bot.connector.rosters.set(conv.id, [marika, nima]);
    const setup = await bot.say(conv, marika, 'grupp');
    const settings = answered(await bot.click(conv, marika, cardsOf(setup.replies[0])[0]!, 'Skapa gruppen', { groupName: 'Tierp', groupKind: 'lokusgrupp', organisation: 'Samordningsförbundet' }));
    // The manual form beside the button still wants a Namn before Lägg till goes through.
    expect(() => teamsPress(settings, 'Lägg till')).toThrow(/"Namn" \(memberName\) is required and empty/);
    const roster = answered(await bot.click(conv, marika, settings, 'Hämta från Teams'));
    expect(cardText(roster)).toContain('Nima Najafi');
    const added = answered(await bot.click(conv, marika, roster, 'Lägg till valda', { people: nima.id, rosterOrganisation: 'Tierps kommun' }));
    expect(cardText(added)).toContain('Nima Najafi');
  });

  it('Ta bort deltagare needs only the person; Spara roll with no role picked is refused in Swedish and changes nothing', async () => {
    const conv = A.channel('teams-press-remove');
    bot.connector.rosters.set(conv.id, [marika, nima]);
    const setup = await bot.say(conv, marika, 'grupp');
    let settings = answered(await bot.click(conv, marika, cardsOf(setup.replies[0])[0]!, 'Skapa gruppen', { groupName: 'Tierp', groupKind: 'lokusgrupp', organisation: 'Samordningsförbundet' }));
    settings = answered(await bot.click(conv, marika, settings, 'Hämta från Teams'));
    settings = answered(await bot.click(conv, marika, settings, 'Lägg till valda', { people: nima.id, rosterOrganisation: 'Tierps kommun' }));
    const nimaId = memberIdOn(settings, 'Nima Najafi');

    const before = await storeSnapshot(bot.lokus.store);
    const noRole = await bot.click(conv, marika, settings, 'Spara roll', { roleMemberId: nimaId });
    expect(noRole.card).toBeUndefined();
    expect(noRole.message).toBe('Välj minst en roll.');
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);

    const removed = await bot.click(conv, marika, settings, 'Ta bort deltagare', { roleMemberId: nimaId });
    expect(removed.card ? cardText(removed.card) : removed.message).toContain('Nima Najafi');
    const group = await bot.documents(groupIdFor(conv));
    const stored = group.find((d) => d.type === 'group');
    expect(stored?.members.find((m: { id: string }) => m.id === nimaId).removedAt).toBeTruthy();
  });
});
