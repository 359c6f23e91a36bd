import type { formal as svFormal } from '../../i18n/sv/formal.js';
import type { Group } from '../../groups/domain/group.js';
import type { Meeting } from '../../meetings/domain/meeting.js';
import { ledamoter } from './formal-body.js';
import { javOn, BALLOTS, type Ballot, type Motion, type Vote } from './formal-meeting.js';
import { motionsOn, votesOn } from './formal-rules.js';

export type FormalMinutesLabels = (typeof svFormal)['minutes'];

/**
 * "Ja: Marie Svensson, Britta Bergström", one line per choice made, the names in the body's order of
 * ledamöter and then anyone else who voted (serving ersättare). Shown on the vote card and in the protokoll.
 */
export function ballotLines(group: Group, vote: Vote, L: FormalMinutesLabels, nameOf: (memberId: string, ballot: Ballot) => string = (_id, b) => b.name): string[] {
  const order = ledamoter(group).map((x) => x.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const ballots = Object.entries(vote.ballots).sort(([a], [b]) => rank(a) - rank(b));
  return BALLOTS.map((c) => ({ c, names: ballots.filter(([, b]) => b.choice === c).map(([id, b]) => nameOf(id, b)) }))
    .filter((x) => x.names.length)
    .map((x) => L.ballots(L.ballotWords[x.c], x.names.join(', ')));
}

/**
 * What a formal meeting adds under a § of its protokoll, in the usual wording (issue 26): before the
 * decision the jäv sentences, the yrkanden and the beslutsgång (proposition or omröstning with each
 * ledamot's vote); after it the reservations, protokollsanteckningar and "Paragrafen justeras
 * omedelbart". Pure; paragraphs are separated as the minutes separate them.
 */
export function formalItemText(m: Meeting, group: Group, itemId: string, L: FormalMinutesLabels, body: string): { before: string[]; after: string[] } {
  const f = m.formal;
  if (!f) return { before: [], after: [] };
  const before: string[] = javOn(f, itemId).map((j) => L.jav(j.name));
  const motions = motionsOn(m, itemId);
  const byId = new Map(motions.map((x) => [x.id, x]));
  if (motions.length) before.push([L.motionsHeading, ...motions.map((x) => L.motion(x.moverName, x.text))].join('\n'));
  const closed = votesOn(m, itemId).filter((v) => v.result);
  const mover = (id: string) => byId.get(id)?.moverName ?? '';
  if (closed.length === 0) {
    const p = f.propositions[itemId];
    if (p && motions.length > 1) before.push([L.propositionHeading, L.proposition(p.order.map(mover), mover(p.winnerId), body)].join('\n'));
  }
  for (const v of closed) {
    before.push([L.voteHeading, L.vote(mover(v.jaMotionId), mover(v.nejMotionId), v.result!, mover(v.result!.winnerId), body)].join('\n'));
    before.push([L.ballotsHeading, ...ballotLines(group, v, L)].join('\n'));
  }

  const after: string[] = [];
  const lost = (memberId: string): boolean => {
    const won = closed.at(-1)?.result?.winnerId ?? f.propositions[itemId]?.winnerId;
    return !!won && motions.some((x: Motion) => x.moverId === memberId && x.id !== won);
  };
  for (const r of f.reservations.filter((x) => x.itemId === itemId)) {
    after.push([L.reservationHeading, L.reservation(r.name, lost(r.memberId)), ...(r.motivation ? [L.motivation(r.motivation)] : [])].join('\n'));
  }
  for (const a of f.annotations.filter((x) => x.itemId === itemId)) after.push([L.annotationHeading, L.annotation(a.name, a.text)].join('\n'));
  if (f.immediate[itemId]) after.push(L.immediate);
  return { before, after };
}
