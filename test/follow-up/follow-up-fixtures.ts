import { memberById, type Group } from '../../src/groups/domain/group.js';
import { addItem, endMeeting, newMeeting, recordAction, recordDecision, startMeeting, type Meeting } from '../../src/meetings/domain/meeting.js';
import type { LocalDate } from '../../src/shared/swedish-date.js';
import { must, tierp } from '../meetings/fixtures.js';

/** Seed 000's group in another partition and tenant (for store tests). */
export function tierpIn(groupId: string, tenantId = 'tenant-t'): Group {
  return { ...tierp(), groupId, tenantId };
}

export interface HeldContent {
  /** [id, owner member id, due] */
  actions: Array<[string, string, LocalDate | undefined]>;
  /** [id, text] */
  decisions: Array<[string, string]>;
  /** The item the records are made on (added to the agenda). */
  itemTitle?: string;
}

/**
 * A meeting that was held on `date` (started at 09:00, ended at 11:00 UTC) with decisions and action
 * items recorded on one item, all through the meeting model's own functions.
 */
export function heldMeeting(groupId: string, id: string, date: LocalDate, content: HeldContent, group: Group = tierpIn(groupId)): Meeting {
  const at = `${date}T09:00:00.000Z`;
  let m = must(newMeeting({ id, group, title: 'Lokusmöte Tierp', date, time: { start: '10:00', end: '12:00' }, itemIds: [`${id}-s0`, `${id}-s1`, `${id}-s2`], at }));
  m = must(addItem(m, { id: `${id}-i1`, title: content.itemTitle ?? 'Samordnare/Partsamordnare, uppdrag och start', kind: 'beslut' }, at)).meeting;
  m = must(startMeeting(m, `${id}-mv0`, at));
  m = { ...m, currentItemId: `${id}-i1` };
  for (const [did, text] of content.decisions) m = must(recordDecision(m, { id: did, text, byName: 'Marika Blomgren', by: 'm_marikab' }, at)).meeting;
  for (const [aid, owner, due] of content.actions) {
    const ownerName = memberById(group, owner)?.name ?? owner;
    m = must(recordAction(m, { id: aid, text: `Uppdrag ${aid}`, ownerId: owner, ownerName, byName: 'Marika Blomgren', by: 'm_marikab', ...(due ? { due } : {}) }, at)).meeting;
  }
  return must(endMeeting(m, `${date}T11:00:00.000Z`));
}
