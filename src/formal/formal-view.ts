import { memberById, type Group } from '../groups/domain/group.js';
import { itemIndex, itemNumber, type Meeting } from '../meetings/domain/meeting.js';
import type { Texts } from '../i18n/texts.js';
import { renderCard, type CardJson } from '../bot/render-card.js';
import { formalActive } from './domain/formal-body.js';
import type { Vote } from './domain/formal-meeting.js';
import { ballotLines } from './domain/formal-minutes.js';
import { motionsOn } from './domain/formal-rules.js';
import { quorumFor } from './domain/quorum.js';
import type { AnslagDates } from './domain/anslag.js';

type View = { texts: Texts; group: Group };

/** "Beslutsför: ja (4 av 7 …)" for the item, or '' when the group has no ledamöter named. */
export function quorumText(texts: Texts, group: Group, m: Meeting, itemId: string | undefined): string {
  if (!formalActive(group)) return '';
  const q = quorumFor(m, group, itemId);
  return q.quorate ? texts.formal.quorate(q.voters.length, q.needed, q.seats) : texts.formal.notQuorate(q.voters.length, q.needed, q.seats);
}

/** What the live card shows of a formal meeting: quorum of the current item, serving ersättare, jäv. */
export function liveFormalData(texts: Texts, group: Group, m: Meeting) {
  if (!formalActive(group)) return { formalOn: false, formalLines: [] as Array<{ line: string }> };
  const q = quorumFor(m, group, m.currentItemId);
  const lines = [quorumText(texts, group, m, m.currentItemId)];
  if (q.serving.length) lines.push(texts.formal.servingLine(q.serving.map((s) => s.member.name).join(', ')));
  if (q.jav.length) lines.push(texts.formal.javLine(q.jav.map((x) => x.name).join(', ')));
  return { formalOn: true, formalLines: lines.map((line) => ({ line })) };
}

export function numberOf(m: Meeting, itemId: string): string {
  return itemNumber(m, itemIndex(m, itemId));
}

export function voteCardData({ texts, group }: View, m: Meeting, vote: Vote) {
  const f = texts.formal;
  const motions = new Map(motionsOn(m, vote.itemId).map((x) => [x.id, x]));
  const motionText = (id: string) => {
    const x = motions.get(id);
    return x ? f.voteCard.motionText(x.number, x.moverName, x.text) : '';
  };
  const item = m.items.find((i) => i.id === vote.itemId);
  const winner = vote.result ? motions.get(vote.result.winnerId) : undefined;
  return {
    t: f.voteCard,
    meetingId: m.id,
    voteId: vote.id,
    heading: f.voteCard.heading(numberOf(m, vote.itemId), item?.title ?? ''),
    jaText: motionText(vote.jaMotionId),
    nejText: motionText(vote.nejMotionId),
    countText: f.voteCard.countText(Object.keys(vote.ballots).length, vote.voters.length),
    ballotLines: ballotLines(group, vote, f.minutes, (id, b) => memberById(group, id)?.name ?? b.name).map((line) => ({ line })),
    closed: !!vote.closedAt,
    closedText: vote.withdrawal ? f.voteCard.withdrawnText : vote.result && winner ? f.voteCard.closedText(vote.result.ja, vote.result.nej, vote.result.avstar, f.motionWinner(winner.number, winner.moverName), vote.result.casting) : '',
  };
}

export function voteCard(view: View, m: Meeting, vote: Vote): CardJson {
  return renderCard('formal-vote', voteCardData(view, m, vote));
}

export function anslagCardData({ texts, group }: View, m: Meeting, dates: AnslagDates) {
  const a = texts.formal.anslag;
  return {
    t: a,
    heading: `${a.heading}: ${m.title}`,
    intro: a.intro(texts.formal.bodyCapital[group.kind]),
    facts: [
      { title: a.bodyFact, value: group.name },
      { title: a.meetingFact, value: dates.meetingDate },
      { title: a.adjustedFact, value: dates.adjustedOn },
      { title: a.postedFact, value: dates.postedOn },
      { title: a.downFact, value: dates.takeDownOn },
      { title: a.keptFact, value: group.formal?.keptAt || a.notSet },
      { title: a.boardFact, value: group.formal?.noticeBoard || a.notSet },
    ],
  };
}

export function anslagCard(view: View, m: Meeting, dates: AnslagDates): CardJson {
  return renderCard('formal-anslag', anslagCardData(view, m, dates));
}

/** The anslag as a page of the exported protokoll: its heading and one line per fact. */
export function anslagPage(view: View, m: Meeting, dates: AnslagDates): { heading: string; lines: string[] } {
  const d = anslagCardData(view, m, dates);
  return { heading: view.texts.formal.anslag.heading, lines: [d.intro, ...d.facts.map((f) => `${f.title}: ${f.value}`)] };
}
