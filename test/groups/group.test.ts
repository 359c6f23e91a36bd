import { describe, expect, it } from 'vitest';
import {
  activeMembers,
  addMember,
  changeSettings,
  findMember,
  memberById,
  memberByName,
  membersWithRole,
  newGroup,
  removeMember,
  resolvePendingRoles,
  rolesAt,
  setRoles,
  setTitle,
  isForbundOrganisation,
  isStaff,
  partiesOf,
} from '../../src/groups/domain/group.js';
import { STANDING, T0, must, tierp } from '../meetings/fixtures.js';
import { sv } from '../../src/i18n/sv/index.js';

const LATER = '2018-02-01T09:00:00.000Z';
const NEXT_MEETING = '2018-03-16T12:00:00.000Z';

describe('group', () => {
  it('makes the person who sets it up its chair, with an 85 % attendance target', () => {
    const g = newGroup({
      groupId: 'g', tenantId: 't', conversationId: 'c', name: 'Tierp', kind: 'lokusgrupp', standingItems: STANDING,
      founder: { memberId: 'm1', roleId: 'r1', name: 'Marika Blomgren', organisation: 'Samordningsförbundet', teamsId: '29:x' },
      at: T0,
    });
    expect(rolesAt(g, 'm1', T0)).toEqual(['chair']);
    expect(g.settings.attendanceTargetPercent).toBe(85);
    // Samordningsförbundet is the förbund itself, not one of its parties.
    expect(g.organisations).toEqual([]);
  });

  it('lists parties from members’ organisations and adds a roster pick only once', () => {
    let g = tierp();
    expect(g.organisations).toEqual(['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun']);
    const before = g.members.length;
    g = must(addMember(g, { id: 'other', name: 'Nima Najafi', organisation: 'Tierps kommun', aadObjectId: 'aad-m_nima' }, LATER)).group;
    expect(g.members).toHaveLength(before);
    expect(findMember(g, { teamsId: '29:m_nima' })?.id).toBe('m_nima');
  });

  it('finds the same members in a group as the store hands it out (frozen, looked up by index) as in one being built', () => {
    let g = must(removeMember(tierp(), 'm_nima', LATER));
    g = must(addMember(g, { id: 'm_nima2', name: 'Nima Najafi', organisation: 'Tierps kommun', teamsId: '29:m_nima' }, LATER)).group;
    const frozen = structuredClone(g);
    Object.freeze(frozen.members);
    for (const group of [g, frozen]) {
      // The removed member is still found by id, but a Teams identity finds only the active one.
      expect(memberById(group, 'm_nima')?.removedAt).toBe(LATER);
      expect(findMember(group, { teamsId: '29:m_nima' })?.id).toBe('m_nima2');
      expect(findMember(group, { aadObjectId: 'aad-m_nima', teamsId: '29:m_wictoria' })?.id).toBe('m_wictoria');
      expect(findMember(group, { aadObjectId: 'aad-m_wictoria', teamsId: '29:m_nima' })?.id).toBe('m_wictoria');
      expect(activeMembers(group).map((m) => m.id)).not.toContain('m_nima');
      expect(memberById(group, 'nobody')).toBeUndefined();
    }
    // A change makes a new list, looked up afresh.
    const changed = must(removeMember(frozen, 'm_wictoria', NEXT_MEETING));
    expect(findMember(changed, { teamsId: '29:m_wictoria' })).toBeUndefined();
    expect(activeMembers(frozen).map((m) => m.id)).toContain('m_wictoria');
  });

  it('allows people outside Teams', () => {
    const g = must(addMember(tierp(), { id: 'm_karin', name: 'Karin Häll', organisation: 'Region Uppsala' }, LATER)).group;
    expect(g.members.at(-1)).toMatchObject({ name: 'Karin Häll', organisation: 'Region Uppsala' });
    expect(g.members.at(-1)!.teamsId).toBeUndefined();
  });

  it('finds members by full name, unique first name, ignoring case and accents; refuses unknown and ambiguous names', () => {
    const g = tierp();
    expect(must(memberByName(g, 'nima najafi')).id).toBe('m_nima');
    expect(must(memberByName(g, 'Wictoria')).id).toBe('m_wictoria');
    expect(must(memberByName(g, 'Soderberg')).id).toBe('m_marikas');
    const amb = memberByName(g, 'Marika');
    expect(amb.ok ? '' : amb.error.code).toBe('GROUP.MEMBER_AMBIGUOUS');
    const none = memberByName(g, 'Ola');
    expect(none.ok ? '' : none.error.code).toBe('GROUP.MEMBER_NOT_FOUND');
  });

  it('keeps a role change "from the next meeting" pending until that meeting, then applies it from its start (seed 000)', () => {
    let g = tierp();
    g = must(setRoles(g, { id: 'r-nima', memberId: 'm_nima', roles: ['chair'], effective: 'nextMeeting', at: LATER, by: 'm_marikab' }));
    g = must(setRoles(g, { id: 'r-birgitta', memberId: 'm_birgitta', roles: ['member'], effective: 'nextMeeting', at: LATER }));
    expect(rolesAt(g, 'm_nima', LATER)).toEqual(['member']);
    expect(membersWithRole(g, 'chair', '2018-03-20T00:00:00Z').map((m) => m.name)).toEqual(['Birgitta Olsson']);
    g = resolvePendingRoles(g, NEXT_MEETING);
    expect(rolesAt(g, 'm_nima', '2018-03-16T11:59:00Z')).toEqual(['member']);
    expect(rolesAt(g, 'm_nima', NEXT_MEETING)).toEqual(['chair']);
    expect(membersWithRole(g, 'chair', NEXT_MEETING).map((m) => m.name)).toEqual(['Nima Najafi']);
    // History is kept: at the January meeting Birgitta was chair.
    expect(rolesAt(g, 'm_birgitta', LATER)).toEqual(['chair']);
  });

  it('takes a known next meeting start directly', () => {
    const g = must(setRoles(tierp(), { id: 'r', memberId: 'm_nima', roles: ['chair'], effective: 'nextMeeting', nextMeetingStart: NEXT_MEETING, at: LATER }));
    expect(rolesAt(g, 'm_nima', NEXT_MEETING)).toEqual(['chair']);
    expect(rolesAt(g, 'm_nima', LATER)).toEqual(['member']);
  });

  it('refuses to leave the group without chair, vice chair or secretary', () => {
    let g = tierp();
    g = must(setRoles(g, { id: 'x', memberId: 'm_birgitta', roles: ['member'], effective: 'now', at: LATER }));
    const r = setRoles(g, { id: 'y', memberId: 'm_marikab', roles: ['member'], effective: 'now', at: LATER });
    expect(r.ok ? '' : r.error.code).toBe('GROUP.LAST_LEADER');
    const rm = removeMember(g, 'm_marikab', LATER);
    expect(rm.ok ? '' : rm.error.code).toBe('GROUP.LAST_LEADER');
  });

  it('keeps removed members for history but not in role checks', () => {
    const g = must(removeMember(tierp(), 'm_nima', LATER));
    expect(g.members.some((m) => m.id === 'm_nima')).toBe(true);
    expect(rolesAt(g, 'm_nima', LATER)).toEqual([]);
    expect(rolesAt(g, 'm_nima', T0)).toEqual(['member']);
    expect(findMember(g, { teamsId: '29:m_nima' })).toBeUndefined();
  });

  it('validates settings', () => {
    const r = changeSettings(tierp(), { attendanceTargetPercent: 120 }, LATER);
    expect(r.ok ? '' : r.error.code).toBe('GROUP.TARGET_INVALID');
    const g = must(changeSettings(tierp(), { name: ' Lokus Tierp ', attendanceTargetPercent: 90, membersMayNote: true }, LATER));
    expect([g.name, g.settings.attendanceTargetPercent, g.settings.membersMayNote]).toEqual(['Lokus Tierp', 90, true]);
  });

  it('refuses the förbund as a party, with a clear Swedish message, and changes nothing', () => {
    const before = tierp();
    const r = changeSettings(before, { organisations: ['Region Uppsala', 'Samordningsförbundet Uppsala län'] }, LATER);
    expect(r.ok ? '' : r.error).toEqual({ code: 'GROUP.FORBUND_NOT_A_PARTY', details: { name: 'Samordningsförbundet Uppsala län' } });
    expect(sv.group.errors['GROUP.FORBUND_NOT_A_PARTY']({ name: 'Samordningsförbundet Uppsala län' })).toBe(
      'Samordningsförbundet Uppsala län är inte en part. Parterna är medlemsorganisationerna; förbundets personal läggs till som deltagare med rollen förbundets kansli.',
    );
    expect(before.organisations).toEqual(['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun']);
  });

  it('tells förbund staff from the parties: the kansli role or an organisation that is the förbund', () => {
    expect(['Samordningsförbundet', 'Samordningsförbundet RAR i Sörmland', 'Kansli', 'Förbundets kansli'].map(isForbundOrganisation)).toEqual([true, true, true, true]);
    expect(['Försäkringskassan', 'Region Uppsala', 'Tierps kommun', 'Arbetsförmedlingen', undefined].map(isForbundOrganisation)).toEqual([false, false, false, false, false]);
    const g = tierp();
    expect(g.members.filter((m) => isStaff(g, m, LATER)).map((m) => m.name)).toEqual(['Marika Blomgren', 'Geli Lytter']);
    expect(partiesOf({ organisations: ['Samordningsförbundet', 'Region Uppsala'] })).toEqual(['Region Uppsala']);
  });

  it('a group that becomes a förbundsstyrelse keeps a protokoll with the standing items it is given', () => {
    const items = [{ key: 'custom' as const, title: 'Val av justerare', kind: 'beslut' as const, position: 'start' as const }];
    const g = must(changeSettings(tierp(), { kind: 'styrelse', standingItems: items }, LATER));
    expect([g.kind, g.settings.defaultFormat, g.settings.standingItems]).toEqual(['styrelse', 'protokoll', items]);
    expect(must(changeSettings(g, { kind: 'lokusgrupp' }, LATER)).settings.defaultFormat).toBe('minnesanteckningar');
    expect(must(changeSettings(g, { name: 'Styrelsen' }, LATER)).settings.defaultFormat).toBe('protokoll');
  });

  it('keeps a title (förbundschef) on a member, and takes it away when emptied', () => {
    const g = must(setTitle(tierp(), 'm_geli', ' verksamhetsutvecklare ', LATER));
    expect(memberById(g, 'm_geli')?.title).toBe('verksamhetsutvecklare');
    expect(memberById(must(setTitle(g, 'm_geli', '', LATER)), 'm_geli')).not.toHaveProperty('title');
    const added = must(addMember(g, { id: 'm_asa', name: 'Åsa Fichtel', organisation: 'Samordningsförbundet', title: 'förbundschef' }, LATER));
    expect(added.member.title).toBe('förbundschef');
    expect(added.group.organisations).not.toContain('Samordningsförbundet');
  });
});
