import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTED_CHOICES, memberPicker, searchChoices } from '../../src/groups/member-picker.js';
import type { Member } from '../../src/groups/domain/group.js';
import * as A from '../support/activities.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { TIERP, setUpTierp } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';

const member = (i: number, name = `Person ${i}`): Member => ({ id: `m${i}`, name, organisation: 'Tierps kommun', addedAt: '2018-01-01T00:00:00Z' });

describe('member pickers: the whole list when short, Teams\' typeahead when long', () => {
  it('lists every member up to the limit, and above it only the picked ones with a search', () => {
    const few = Array.from({ length: LISTED_CHOICES }, (_, i) => member(i));
    expect(memberPicker(few)).toEqual({ choices: few.map((m) => ({ title: `${m.name} (Tierps kommun)`, value: m.id })), search: false });
    const many = Array.from({ length: 200 }, (_, i) => member(i));
    expect(memberPicker(many, ['m7', 'm150'])).toEqual({ choices: [{ title: 'Person 7 (Tierps kommun)', value: 'm7' }, { title: 'Person 150 (Tierps kommun)', value: 'm150' }], search: true });
  });

  it('finds by the start of every typed word, in name or organisation, at most as many as asked', () => {
    const all = [member(1, 'Nima Najafi'), member(2, 'Anna-Karin Lindqvist'), member(3, 'Karin Ås')].map((m) => ({ title: `${m.name} (${m.organisation})`, value: m.id }));
    expect(searchChoices(all, 'kar').map((c) => c.value)).toEqual(['m2', 'm3']);
    expect(searchChoices(all, 'Anna-Karin').map((c) => c.value)).toEqual(['m2']);
    expect(searchChoices(all, 'ås tierp').map((c) => c.value)).toEqual(['m3']);
    expect(searchChoices(all, 'najafi x')).toEqual([]);
    expect(searchChoices(all, '', 2).map((c) => c.value)).toEqual(['m1', 'm2']);
    expect(searchChoices(all, '', Number.NaN, -4)).toHaveLength(3);
  });
});

describe('the typeahead search over real HTTP (application/search)', () => {
  let bot: TestBot;
  const tierp = A.channel('member-search');
  const other = A.channel('member-search-other');
  beforeAll(async () => {
    bot = await TestBot.start();
    await setUpTierp(bot, tierp);
  });
  afterAll(async () => bot.stop());

  it('answers with this conversation\'s group\'s members only, and writes nothing (a search is asked per keystroke)', async () => {
    const before = await storeSnapshot(bot.lokus.store);
    expect((await bot.search(tierp, TIERP.nima, 'lokus.members', 'wic')).map((r) => r.title)).toEqual(['Wictoria Palmetorp (Arbetsförmedlingen)']);
    expect(await bot.search(other, TIERP.nima, 'lokus.members', 'wic')).toEqual([]);
    expect(changedDocuments(before, await storeSnapshot(bot.lokus.store), { includeClaims: true })).toEqual([]);
  });

  it('offers people of the Teams roster who are not members yet, only to those who may edit the group', async () => {
    const newcomer = A.person('Ola Wiktorson');
    bot.connector.rosters.set(tierp.id, [TIERP.marika, TIERP.nima, newcomer]);
    expect(await bot.search(tierp, TIERP.marika, 'lokus.roster', 'o')).toEqual([{ title: 'Ola Wiktorson', value: newcomer.id }]);
    expect(await bot.search(tierp, TIERP.nima, 'lokus.roster', 'o')).toEqual([]);
  });
});
