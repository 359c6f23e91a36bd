import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, choiceValue, groupIdFor, setUpTierp } from '../support/seed-group.js';

type Json = Record<string, any>;
let clock = Date.parse('2026-12-06T09:00:00Z');
const now = () => new Date((clock += 1000));

const ANNA = A.person('Anna Berg');

async function members(bot: TestBot, conv: A.Conversation): Promise<Json[]> {
  return (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'group')!.members;
}

describe('issue 25, point 1: members typed by name are linked to Teams, and approvals ask people who can answer', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ now });
  });
  afterAll(async () => bot.stop());

  it('Anna, added by name before she joined the channel, is linked by Hämta från Teams, not offered twice, and then asked in approvals', async () => {
    const conv = A.channel('tierp-identity');
    let settings = await setUpTierp(bot, conv);
    // Anna is not in the channel yet: added by name, "inte i Teams".
    settings = answered(await bot.click(conv, TIERP.marika, settings, 'Lägg till', { memberName: 'Anna Berg', memberOrganisation: 'Habilitering Uppsala' }));
    expect(cardText(settings)).toContain('Anna Berg är tillagd.');
    expect(cardText(settings)).toContain('**Anna Berg** – Habilitering Uppsala · ledamot · inte i Teams');

    // The approval form does not ask her and says why her party cannot answer.
    const form = cardsOf((await bot.say(conv, TIERP.marika, 'godkännande Avvikelserapport')).replies[0])[0]!;
    expect(cardText(form)).toContain('Anna Berg (Habilitering Uppsala) – inte i Teams, kan inte svara');
    expect(cardText(form)).toContain('Obs! Ingen i Habilitering Uppsala finns i Teams, så ingen där kan svara.');
    const annaId = choiceValue(form, 'voters', /^Anna Berg/);
    const refused = answered(await bot.click(conv, TIERP.marika, form, 'Skicka för godkännande', { voters: annaId, text: 'Rapporten.', deadlineDate: '2026-12-20' }));
    expect(cardText(refused)).toContain('Anna Berg finns inte i Teams och kan inte svara.');

    // She joins the channel; Hämta från Teams links her, and names who is already in the group.
    bot.connector.rosters.set(conv.id, [TIERP.marika, TIERP.birgitta, TIERP.marikaS, TIERP.wictoria, TIERP.nima, TIERP.geli, ANNA]);
    const roster = answered(await bot.click(conv, TIERP.marika, settings, 'Hämta från Teams'));
    expect(cardText(roster)).toContain('Kopplade till sitt Teams-konto: Anna Berg.');
    expect(cardText(roster)).toContain('Redan med i gruppen: Marika Blomgren, Birgitta Olsson, Marika Söderberg, Wictoria Palmetorp, Nima Najafi, Geli Lytter och Anna Berg.');
    expect(cardText(roster)).toContain('Alla i kanalen är redan med i gruppen.');
    expect(cardText(roster)).not.toContain('inte i Teams');
    const anna = (await members(bot, conv)).filter((m) => m.name === 'Anna Berg');
    expect(anna).toEqual([expect.objectContaining({ teamsId: ANNA.id, aadObjectId: ANNA.aadObjectId, organisation: 'Habilitering Uppsala' })]);

    // Now the form asks her by default, and her answer counts.
    const again = cardsOf((await bot.say(conv, TIERP.marika, 'godkännande Avvikelserapport')).replies[0])[0]!;
    expect(cardText(again)).not.toContain('Obs!');
    const values = String(again.body.find((b: Json) => b.id === 'voters').value).split(',');
    expect(values).toContain(annaId);
  });

  it('a person typed by name who is in the channel is linked at once; two people of that name in Teams: the chair picks, and nobody is added twice', async () => {
    const conv = A.channel('tierp-identity-2');
    let settings = await setUpTierp(bot, conv);
    const erik1 = { id: '29:erik-lund-1', aadObjectId: 'aad-erik-lund-1', name: 'Erik Lund' };
    const erik2 = { id: '29:erik-lund-2', aadObjectId: 'aad-erik-lund-2', name: 'Erik Lund' };
    bot.connector.rosters.set(conv.id, [TIERP.marika, TIERP.birgitta, TIERP.marikaS, TIERP.wictoria, TIERP.nima, TIERP.geli, ANNA, erik1, erik2]);
    settings = answered(await bot.click(conv, TIERP.marika, settings, 'Lägg till', { memberName: 'anna  berg', memberOrganisation: 'Region Uppsala' }));
    expect(cardText(settings)).toContain('anna  berg är tillagd och kopplad till sitt Teams-konto.');

    settings = answered(await bot.click(conv, TIERP.marika, settings, 'Lägg till', { memberName: 'Erik Lund', memberOrganisation: 'Arbetsförmedlingen' }));
    expect(cardText(settings)).toContain('Erik Lund är tillagd. Flera i Teams kan vara Erik Lund: Erik Lund (aad-erik-lund-1@example.se) och Erik Lund (aad-erik-lund-2@example.se). Tryck på Koppla Erik Lund och välj vem det är.');
    const roster = answered(await bot.click(conv, TIERP.marika, settings, 'Hämta från Teams'));
    // The two are told apart in the list by their e-mail.
    expect(choiceValue(roster, 'people', /^Erik Lund \(aad-erik-lund-2@example\.se\)$/)).toBe(erik2.id);
    const picked = answered(await bot.click(conv, TIERP.marika, roster, 'Lägg till valda', { people: erik2.id }));
    expect(cardText(picked)).toContain('**Erik Lund** – Arbetsförmedlingen');
    const eriks = (await members(bot, conv)).filter((m) => m.name === 'Erik Lund');
    expect(eriks).toEqual([expect.objectContaining({ teamsId: erik2.id, organisation: 'Arbetsförmedlingen' })]);
  });

  it('two people of that name in Teams: the card asks "Vem i Teams är …?" and the chair links the right one there', async () => {
    const conv = A.channel('tierp-identity-3');
    let settings = await setUpTierp(bot, conv);
    const erik1 = { id: '29:erik-lund-1', aadObjectId: 'aad-erik-lund-1', name: 'Erik Lund' };
    const erik2 = { id: '29:erik-lund-2', aadObjectId: 'aad-erik-lund-2', name: 'Erik Lund' };
    bot.connector.rosters.set(conv.id, [TIERP.marika, TIERP.birgitta, TIERP.marikaS, TIERP.wictoria, TIERP.nima, TIERP.geli, erik1, erik2]);
    settings = answered(await bot.click(conv, TIERP.marika, settings, 'Lägg till', { memberName: 'Erik Lund', memberOrganisation: 'Arbetsförmedlingen' }));
    expect(cardText(settings)).toContain('Vem i Teams är Erik Lund?');
    const linkInput = (card: Json) => JSON.stringify(card).match(/"id":"(link-[^"]+)"/)![1]!;
    const inputId = linkInput(settings);

    // Teams refuses the press while nothing is chosen; a forged press without the choice changes nothing.
    await expect(bot.click(conv, TIERP.marika, settings, 'Koppla')).rejects.toThrow();
    const memberId = inputId.slice('link-'.length);
    const empty = await bot.execute(conv, TIERP.marika, 'group.linkMember', { memberId });
    expect(empty.message).toBe('Välj vem i Teams det är.');
    // Someone who is not in the channel cannot be chosen by forging the card's data.
    const forged = await bot.execute(conv, TIERP.marika, 'group.linkMember', { memberId, [inputId]: '29:stranger' });
    expect(forged.message).toBe('Personen finns inte längre bland kanalens deltagare i Teams. Tryck på Hämta från Teams igen.');
    // A member without the role may not link.
    const notChair = await bot.execute(conv, TIERP.wictoria, 'group.linkMember', { memberId, [inputId]: erik1.id });
    expect(notChair.message).toMatch(/^Du kan inte/);
    expect((await members(bot, conv)).find((m) => m.name === 'Erik Lund')!.teamsId).toBeUndefined();

    const linked = answered(await bot.click(conv, TIERP.marika, settings, 'Koppla', { [inputId]: erik1.id }));
    expect(cardText(linked)).toContain('Erik Lund är kopplad till Teams-kontot för Erik Lund.');
    expect(cardText(linked)).not.toContain('Vem i Teams är Erik Lund?');
    expect(cardText(linked)).toContain('**Erik Lund** – Arbetsförmedlingen · ledamot');
    expect(cardText(linked)).not.toContain('inte i Teams');
    // The other Erik Lund is still offered to add; the linked one is named as already in the group.
    expect(cardText(linked)).toContain('Redan med i gruppen:');
    const eriks = (await members(bot, conv)).filter((m) => m.name === 'Erik Lund');
    expect(eriks).toEqual([expect.objectContaining({ teamsId: erik1.id, aadObjectId: erik1.aadObjectId, organisation: 'Arbetsförmedlingen' })]);

    // Pressed again (a second click): nothing changes.
    const again = answered(await bot.click(conv, TIERP.marika, settings, 'Koppla', { [inputId]: erik2.id }));
    expect(cardText(again)).toContain('Erik Lund är redan kopplad till sitt Teams-konto. Inget ändrades.');
    expect((await members(bot, conv)).filter((m) => m.name === 'Erik Lund')).toEqual(eriks);
  });
});
