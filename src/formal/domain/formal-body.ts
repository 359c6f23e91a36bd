import { activeMembers, memberById, type Group, type GroupKind, type Member } from '../../groups/domain/group.js';
import { err, ok, type DomainError, type Result } from '../../shared/result.js';

/**
 * A decision-making body's formal part (issue 26): its ledamöter and ersättare (member ids, in the
 * order ersättare are called in), where its protokoll is kept and the address of the förbund's
 * anslagstavla. Styrelse and arbetsutskott keep a formal protokoll; any other group may turn it on.
 * Quorum, jäv, votes and reservations act only once ledamöter are named.
 */
export interface FormalSettings {
  /** On or off; absent: on for styrelse and arbetsutskott. */
  enabled?: boolean;
  ledamoter: string[];
  ersattare: string[];
  /** Where the justerat protokoll is kept ("Förbundets kansli, Storgatan 1, Eskilstuna"). */
  keptAt?: string;
  /** The förbund's anslagstavla (its web address). */
  noticeBoard?: string;
}

export type FormalErrorCode =
  | 'FORMAL.NOT_FORMAL'
  | 'FORMAL.NO_LEDAMOTER'
  | 'FORMAL.NOT_QUORATE'
  | 'FORMAL.NOT_VOTER'
  | 'FORMAL.JAV_NOT_MEMBER'
  | 'FORMAL.MOTION_UNKNOWN'
  | 'FORMAL.OUTCOME_MISSING'
  | 'FORMAL.VOTE_OPEN'
  | 'FORMAL.NO_VOTE'
  | 'FORMAL.VOTE_CLOSED'
  | 'FORMAL.VOTE_WITHDRAWN'
  | 'FORMAL.NO_OPEN_VOTE'
  | 'FORMAL.TIE_NO_CASTING'
  | 'FORMAL.NOT_PARTICIPANT'
  | 'FORMAL.NO_RESERVATION'
  | 'FORMAL.MOTIVATION_LATE'
  | 'FORMAL.ALREADY_ADJUSTED'
  | 'FORMAL.NO_DECISION'
  | 'FORMAL.ADJUST_DATE_RANGE'
  | 'FORMAL.BOTH_LISTS'
  | 'FORMAL.TEXT_TOO_LONG';
export type FormalError = DomainError<FormalErrorCode>;

const FORMAL_KINDS: readonly GroupKind[] = ['styrelse', 'arbetsutskott'];

export function isFormalGroup(group: Pick<Group, 'kind'> & { formal?: FormalSettings }): boolean {
  return group.formal?.enabled ?? FORMAL_KINDS.includes(group.kind);
}

/** Formal and with ledamöter named: quorum, jäv and votes apply. */
export function formalActive(group: Group): boolean {
  return isFormalGroup(group) && (group.formal?.ledamoter.length ?? 0) > 0;
}

export function ledamoter(group: Group): Member[] {
  const ids = group.formal?.ledamoter ?? [];
  return activeMembers(group).filter((m) => ids.includes(m.id)).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
}

export function ersattare(group: Group): Member[] {
  const ids = group.formal?.ersattare ?? [];
  return activeMembers(group).filter((m) => ids.includes(m.id)).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
}

function settingsOf(group: Group): FormalSettings {
  return group.formal ?? { ledamoter: [], ersattare: [] };
}

/** Names the body's ledamöter (or ersättare), replacing the list; nobody may be on both. */
export function setFormalList(group: Group, list: 'ledamoter' | 'ersattare', memberIds: string[], at: string): Result<Group, FormalError> {
  const ids = [...new Set(memberIds)].filter((id) => memberById(group, id));
  const s = settingsOf(group);
  const other = list === 'ledamoter' ? s.ersattare : s.ledamoter;
  const both = ids.find((id) => other.includes(id));
  if (both) return err('FORMAL.BOTH_LISTS', { name: memberById(group, both)!.name });
  return ok({ ...group, formal: { ...s, [list]: ids }, updatedAt: at });
}

export interface FormalSettingsChange {
  enabled?: boolean;
  keptAt?: string;
  noticeBoard?: string;
}

export function changeFormalSettings(group: Group, change: FormalSettingsChange, at: string): Group {
  const s = settingsOf(group);
  const next: FormalSettings = { ...s };
  if (change.enabled !== undefined) next.enabled = change.enabled;
  if (change.keptAt !== undefined) next.keptAt = change.keptAt.trim();
  if (change.noticeBoard !== undefined) next.noticeBoard = change.noticeBoard.trim();
  return { ...group, formal: next, updatedAt: at };
}
