import { activeMembers, rolesAt, type Group, type GroupSettings, type Member, type Role } from './group.js';

/**
 * THE permission table: which roles may do what. One row per action; features add their rows here.
 * A row may also let every member act when a group setting allows it (`anyMemberIf`), or let anyone
 * in the conversation act, member or not (`anyone`).
 */
export interface Permission {
  roles: readonly Role[];
  anyMemberIf?: keyof { [K in keyof GroupSettings as GroupSettings[K] extends boolean ? K : never]: true };
  anyone?: boolean;
}

const LEADERS = ['chair', 'viceChair', 'secretary'] as const;

export const PERMISSIONS = {
  /** Change the group's name, parties, members, roles and settings (`grupp`). */
  'group.edit': { roles: LEADERS },
  /** See the group settings card and the agenda. */
  'group.view': { roles: [], anyone: true },
  /** Plan a meeting, change its date/time/place/roles, post the notice (kallelse). */
  'plan.meeting': { roles: LEADERS },
  /** Add, change, reorder and remove agenda items (`punkt`). */
  'agenda.edit': { roles: LEADERS },
  /** Start and end a meeting, move between items. */
  'run.meeting': { roles: LEADERS },
  /** Record a note on the current item (every member too when the group allows it). */
  'record.note': { roles: LEADERS, anyMemberIf: 'membersMayNote' },
  'record.decision': { roles: LEADERS },
  'record.action': { roles: LEADERS },
  /** Mark others present, absent, excused… (issue 5). Checking oneself in is open to every member. */
  'attendance.markOthers': { roles: LEADERS },
  'attendance.checkIn': { roles: ['chair', 'viceChair', 'secretary', 'adjuster', 'member', 'substitute', 'kansli'] },
  /** Ask the group to approve a document (issue 6). */
  'approval.start': { roles: [...LEADERS, 'kansli'], anyMemberIf: 'membersMayRequestApproval' },
  'approval.answer': { roles: ['chair', 'viceChair', 'secretary', 'adjuster', 'member', 'substitute'] },
  /** Edit the drafted minutes and send them for justering (issue 8). */
  'minutes.edit': { roles: ['secretary', 'chair'] },
  'minutes.sign': { roles: ['chair', 'adjuster'] },
  /** Mark anyone's action item done or give it a new due date (issue 7); owners may always do their own. */
  'action.manage': { roles: LEADERS },
  /** Give a decision a follow-up (responsible, date) and change its status (issue 7); the responsible person may change the status. */
  'decision.followUp': { roles: LEADERS },
  /** Decisions and overdue action items across all one's groups (issue 7). */
  'crossGroup.view': { roles: ['kansli'] },
  /** Read decision logs and attendance statistics (issues 5, 7). */
  'stats.view': { roles: ['chair', 'viceChair', 'secretary', 'adjuster', 'member', 'substitute', 'kansli'] },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

/** May `member` (undefined: someone not in the group) do `action` at `at`, by the roles then in force? */
export function may(group: Group, member: Member | undefined, action: Action, at: string | Date): boolean {
  const p: Permission = PERMISSIONS[action];
  if (p.anyone) return true;
  if (!member || member.removedAt) return false;
  if (p.anyMemberIf && group.settings[p.anyMemberIf]) return true;
  const roles = rolesAt(group, member.id, at);
  return roles.some((r) => p.roles.includes(r));
}

/** Who may do `action` at `at`: for refusals that name who can ("Det kan Nima Najafi (ordförande) göra"). */
export function whoMay(group: Group, action: Action, at: string | Date): Array<{ member: Member; roles: Role[] }> {
  const p: Permission = PERMISSIONS[action];
  return activeMembers(group)
    .map((member) => ({ member, roles: rolesAt(group, member.id, at).filter((r) => p.roles.includes(r)) }))
    .filter((x) => x.roles.length > 0);
}
