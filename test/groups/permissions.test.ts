import { describe, expect, it } from 'vitest';
import { changeSettings, memberById, resolvePendingRoles, setRoles } from '../../src/groups/domain/group.js';
import { may, whoMay } from '../../src/groups/domain/permissions.js';
import { T0, must, tierp } from '../meetings/fixtures.js';

describe('permissions', () => {
  const g = tierp();
  const m = (id: string) => memberById(g, id);

  it('lets chair and secretary plan, not an ordinary member or a stranger', () => {
    expect(may(g, m('m_birgitta'), 'plan.meeting', T0)).toBe(true);
    expect(may(g, m('m_marikab'), 'plan.meeting', T0)).toBe(true);
    expect(may(g, m('m_nima'), 'plan.meeting', T0)).toBe(false);
    expect(may(g, undefined, 'plan.meeting', T0)).toBe(false);
    expect(may(g, undefined, 'group.view', T0)).toBe(true);
  });

  it('names who can', () => {
    expect(whoMay(g, 'record.decision', T0).map((w) => `${w.member.name} ${w.roles.join('+')}`)).toEqual(['Marika Blomgren secretary', 'Birgitta Olsson chair']);
  });

  it('lets every member note when the group allows it', () => {
    expect(may(g, m('m_nima'), 'record.note', T0)).toBe(false);
    const open = must(changeSettings(g, { membersMayNote: true }, T0));
    expect(may(open, memberById(open, 'm_nima'), 'record.note', T0)).toBe(true);
    expect(may(open, memberById(open, 'm_nima'), 'record.decision', T0)).toBe(false);
  });

  it('uses the roles in force at the time of the action', () => {
    const later = resolvePendingRoles(
      must(setRoles(g, { id: 'r', memberId: 'm_nima', roles: ['chair'], effective: 'nextMeeting', at: '2018-02-01T00:00:00Z' })),
      '2018-03-16T12:00:00Z',
    );
    const nima = memberById(later, 'm_nima');
    expect(may(later, nima, 'run.meeting', '2018-03-01T00:00:00Z')).toBe(false);
    expect(may(later, nima, 'run.meeting', '2018-03-16T12:00:00Z')).toBe(true);
  });
});
