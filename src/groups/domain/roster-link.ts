import { activeMembers, type Group, type Member } from './group.js';

/** A person as the Teams roster shows them (what `linkToRoster` compares). */
export interface RosterEntry {
  teamsId: string;
  aadObjectId?: string;
  name: string;
  /** E-mail or user principal name, where Teams gives it. */
  email?: string;
}

export interface RosterLinks {
  group: Group;
  /** Members added by name who are now linked to their Teams account. */
  linked: Member[];
  /** Members added by name whom more than one person in Teams could be: the chair picks. */
  ambiguous: Array<{ member: Member; candidates: RosterEntry[] }>;
}

const folded = (s: string | undefined) => (s ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');

/** Is this roster person already a member (by their Teams account)? */
export function isMemberInTeams(group: Group, p: RosterEntry): Member | undefined {
  return activeMembers(group).find((m) => (p.aadObjectId && m.aadObjectId === p.aadObjectId) || m.teamsId === p.teamsId);
}

/**
 * The roster people a member added by name could be: the one with their AAD object id or e-mail
 * (UPN) if any, else everyone with the same name (case and spacing aside).
 */
export function rosterCandidates(member: Member, roster: readonly RosterEntry[]): RosterEntry[] {
  const strong = roster.filter((p) => (member.aadObjectId && p.aadObjectId === member.aadObjectId) || (member.email && folded(p.email) === folded(member.email)));
  if (strong.length > 0) return strong;
  return roster.filter((p) => folded(p.name) === folded(member.name));
}

/**
 * Links the members added by name (no Teams account yet) to the people the Teams roster shows, where
 * exactly one person fits and no other member fits that person (issue 25). The rest stay as they
 * are; those with several candidates are reported so the chair can pick.
 */
export function linkToRoster(group: Group, roster: readonly RosterEntry[], at: string): RosterLinks {
  const free = roster.filter((p) => !isMemberInTeams(group, p));
  const unlinked = activeMembers(group).filter((m) => !m.teamsId);
  const linked: Member[] = [];
  const ambiguous: RosterLinks['ambiguous'] = [];
  let members = group.members;
  for (const member of unlinked) {
    const candidates = rosterCandidates(member, free);
    if (candidates.length > 1) ambiguous.push({ member, candidates });
    if (candidates.length !== 1) continue;
    const person = candidates[0]!;
    // Two members by the same name and one such person in Teams: not decided here.
    if (unlinked.some((other) => other.id !== member.id && rosterCandidates(other, [person]).length > 0)) {
      ambiguous.push({ member, candidates });
      continue;
    }
    const next: Member = { ...member, teamsId: person.teamsId, ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}) };
    members = members.map((m) => (m.id === member.id ? next : m));
    linked.push(next);
  }
  return { group: linked.length ? { ...group, members, updatedAt: at } : group, linked, ambiguous };
}

/** Links one member to the Teams person the chair picked for them. */
export function linkMember(group: Group, memberId: string, person: RosterEntry, at: string): Group {
  return {
    ...group,
    members: group.members.map((m) => (m.id === memberId ? { ...m, teamsId: person.teamsId, ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}) } : m)),
    updatedAt: at,
  };
}
