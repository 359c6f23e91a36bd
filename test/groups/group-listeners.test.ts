import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TestBot } from '../support/test-bot.js';
import { TIERP, answered, groupIdFor, memberIdOn, setUpTierp } from '../support/seed-group.js';

const NOW = new Date('2018-01-25T10:00:00Z');

describe('grupp: group settings over real HTTP', () => {
  let bot: TestBot;
  const conv = A.channel('tierp-group');
  let settings: Record<string, any>;

  beforeAll(async () => {
    bot = await TestBot.start({ now: () => NOW });
    settings = await setUpTierp(bot, conv);
  });
  afterAll(async () => bot.stop());

  it('lists members by party with their roles, picked from the Teams roster', async () => {
    const text = cardText(settings);
    expect(text).toContain('Gruppinställningar – Tierp');
    // The parties are the member organisations; the förbund's own staff are members, not a party.
    expect(text).toContain('Parter Region Uppsala, Försäkringskassan, Arbetsförmedlingen, Tierps kommun');
    expect(text).not.toContain('Samordningsförbundet, Region Uppsala');
    expect(text).toContain('**Marika Blomgren** – Samordningsförbundet · sekreterare och förbundets kansli');
    expect(text).toContain('**Birgitta Olsson** – Region Uppsala · ordförande');
    expect(text).toContain('**Nima Najafi** – Tierps kommun · ledamot');
    expect(text).toContain('85 %');
    expect(bot.connector.calls.some((c) => c.kind === 'members')).toBe(true);
    const group = (await bot.documents(groupIdFor(conv))).find((d) => d.type === 'group')!;
    expect(group.members.find((m: any) => m.name === 'Nima Najafi')).toMatchObject({ teamsId: TIERP.nima.id, aadObjectId: TIERP.nima.aadObjectId, organisation: 'Tierps kommun' });
  });

  it('records "from the next meeting" and shows it as pending (seed 000)', async () => {
    const card = answered(await bot.click(conv, TIERP.marika, settings, 'Spara roll', { roleMemberId: memberIdOn(settings, 'Nima Najafi'), roles: 'chair', effective: 'nextMeeting' }));
    const text = cardText(card);
    expect(text).toContain('Rollen är sparad: Nima Najafi – ordförande från och med nästa möte.');
    expect(text).toContain('**Nima Najafi** – Tierps kommun · ledamot · från nästa möte: ordförande');
  });

  it('shows an ordinary member the settings without forms and refuses a forged edit, changing nothing', async () => {
    const r = await bot.say(conv, TIERP.nima, 'grupp');
    const card = cardsOf(r.replies[0])[0]!;
    expect(cardText(card)).toContain('Ordförande, vice ordförande och sekreterare kan ändra inställningarna.');
    await expect(bot.click(conv, TIERP.nima, card, 'Spara')).rejects.toThrow(/no button/);
    const before = await storeSnapshot(bot.lokus.store);
    const forged = await bot.post(A.cardAction(conv, TIERP.nima, bot.serviceUrl, 'group.save', { groupName: 'Kapad', groupKind: 'annan' }));
    expect(forged.body.value).toBe('Du kan inte ändra gruppens inställningar. Det kan Marika Blomgren (sekreterare) och Birgitta Olsson (ordförande) göra.');
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
  });

  it('adds people who are not in Teams, and refuses malformed data in Swedish', async () => {
    const card = answered(await bot.click(conv, TIERP.marika, settings, 'Lägg till', { memberName: 'Karin Häll', memberOrganisation: 'Region Uppsala', memberRole: 'substitute' }));
    expect(cardText(card)).toContain('**Karin Häll** – Region Uppsala · ersättare · inte i Teams');
    const bad = await bot.post(A.cardAction(conv, TIERP.marika, bot.serviceUrl, 'group.save', { groupName: 'Tierp', groupKind: 'lokusgrupp', target: 'många' }));
    expect(bad.body.value).toBe('Kortet skickade ett felaktigt värde för ”närvaromål”. Ladda om kortet och försök igen.');
    const last = answered(await bot.click(conv, TIERP.marika, card, 'Spara roll', { roleMemberId: memberIdOn(card, 'Marika Blomgren'), roles: 'member' }));
    expect(cardText(last)).toContain('Gruppinställningar');
  });

  it('keeps a title for förbund staff, and refuses the förbund as a party or a title too long, in Swedish and changing nothing', async () => {
    const titled = answered(await bot.click(conv, TIERP.birgitta, settings, 'Spara roll', { roleMemberId: memberIdOn(settings, 'Geli Lytter'), roles: 'kansli', roleTitle: 'verksamhetsutvecklare' }));
    expect(cardText(titled)).toContain('**Geli Lytter** – Samordningsförbundet · verksamhetsutvecklare · förbundets kansli');
    const before = await storeSnapshot(bot.lokus.store);
    const party = await bot.post(A.cardAction(conv, TIERP.birgitta, bot.serviceUrl, 'group.save', { groupName: 'Tierp', groupKind: 'lokusgrupp', organisations: 'Region Uppsala\nSamordningsförbundet' }));
    expect(party.body.value).toBe('Samordningsförbundet är inte en part. Parterna är medlemsorganisationerna; förbundets personal läggs till som deltagare med rollen förbundets kansli.');
    const long = await bot.post(A.cardAction(conv, TIERP.birgitta, bot.serviceUrl, 'group.setRole', { roleMemberId: 'x', roles: 'member', roleTitle: 'x'.repeat(101) }));
    expect(long.body.value).toBe('Kortet skickade ett felaktigt värde för ”titel”. Ladda om kortet och försök igen.');
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store))).toEqual([]);
  });

  it('makes the first person to set up a group its chair; a second setup changes nothing', async () => {
    const other = A.channel('first-wins');
    const anna = A.person('Anna Andersson');
    const setup = cardsOf((await bot.say(other, anna, 'grupp')).replies[0])[0]!;
    const first = answered(await bot.click(other, anna, setup, 'Skapa gruppen', { groupName: 'Strategigruppen', groupKind: 'strategisk-utvecklingsgrupp' }));
    expect(cardText(first)).toContain('Gruppen Strategigruppen är skapad. Du är ordförande tills någon annan utses.');
    expect(cardText(first)).toContain('**Anna Andersson** – ingen organisation angiven · ordförande');
    const second = answered(await bot.click(other, TIERP.nima, setup, 'Skapa gruppen', { groupName: 'Annat' }));
    expect(cardText(second)).toContain('Gruppen fanns redan.');
    expect(cardText(second)).toContain('Gruppinställningar – Strategigruppen');
  });
});
