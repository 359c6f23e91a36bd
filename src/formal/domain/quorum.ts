import { effectiveAttendance } from '../../attendance/domain/attendance.js';
import type { Group, Member } from '../../groups/domain/group.js';
import { itemIndex, type Meeting } from '../../meetings/domain/meeting.js';
import { ersattare, ledamoter } from './formal-body.js';
import { hasJav } from './formal-meeting.js';

/**
 * Beslutsförhet (issue 26): a body may decide only when more than half of its ledamöter take part.
 * Who takes part in an item: the ledamöter present for it, and ersättare tjänstgörande for absent
 * ledamöter (one marked as standing in for a named ledamot, else those checked in, in the order the
 * body lists its ersättare, as many as ledamöter are missing); a ledamot or ersättare who reported
 * jäv on the item takes no part in it.
 */
export interface Quorum {
  /** The body's number of ledamöter. */
  seats: number;
  /** At least this many must take part: more than half. */
  needed: number;
  /** Those taking part in the item (ledamöter and serving ersättare, without jäv), in list order. */
  voters: Member[];
  /** Ersättare serving for an absent ledamot at this item. */
  serving: Array<{ member: Member; forMemberId?: string }>;
  /** Ledamöter and serving ersättare who reported jäv on the item. */
  jav: Member[];
  quorate: boolean;
}

/** Was the member there for the item (a partial presence counts for the items it spans)? */
function thereFor(m: Meeting, status: string, memberId: string, index: number): boolean {
  if (status === 'present' || status === 'substitute') return true;
  if (status !== 'partial') return false;
  const mark = m.attendance[memberId];
  const from = itemIndex(m, mark?.fromItemId);
  const to = itemIndex(m, mark?.toItemId);
  return index === -1 || from === -1 || to === -1 || (index >= from && index <= to);
}

export function quorumFor(m: Meeting, group: Group, itemId: string | undefined): Quorum {
  const index = itemIndex(m, itemId);
  const status = new Map(effectiveAttendance(m, group).map((e) => [e.member.id, e.status]));
  const present = (id: string) => thereFor(m, status.get(id) ?? 'none', id, index);
  const jav = (id: string) => itemId !== undefined && hasJav(m.formal, itemId, id);

  const seats = ledamoter(group);
  const missing = seats.filter((l) => !present(l.id));
  const serving: Quorum['serving'] = [];
  const subs = ersattare(group).filter((e) => present(e.id));
  // Named stand-ins first, then the rest in the body's order for the seats still empty.
  const free = new Set(missing.map((l) => l.id));
  for (const e of subs) {
    const forId = m.attendance[e.id]?.substituteFor;
    if (forId && free.has(forId)) {
      serving.push({ member: e, forMemberId: forId });
      free.delete(forId);
    }
  }
  for (const e of subs) {
    if (free.size === 0) break;
    if (serving.some((s) => s.member.id === e.id)) continue;
    const forId = [...free][0]!;
    serving.push({ member: e, forMemberId: forId });
    free.delete(forId);
  }
  const taking = [...seats.filter((l) => present(l.id)), ...serving.map((s) => s.member)];
  const voters = taking.filter((x) => !jav(x.id));
  const needed = Math.floor(seats.length / 2) + 1;
  return { seats: seats.length, needed, voters, serving, jav: taking.filter((x) => jav(x.id)), quorate: seats.length > 0 && voters.length >= needed };
}
