import type { Arende, ArendeHistoryEntry } from './domain/arende.js';
import { formatInstant } from '../shared/swedish-date.js';
import type { Language, Texts } from '../i18n/texts.js';
import { renderCard, type CardJson } from '../bot/render-card.js';

/** A body's planned meeting the ärende can be placed on: "groupId|meetingId" and how it reads. */
export interface BodyMeetingChoice {
  title: string;
  value: string;
}

/** The card shows the latest entries only (a long-edited ärende would outgrow Teams' 28 KB); all stay stored. */
export const HISTORY_ON_CARD = 10;

function historyLines(texts: Texts, language: Language, history: ArendeHistoryEntry[]) {
  const h = texts.office.history;
  const at = (iso: string) => formatInstant(iso, language);
  const hidden = Math.max(0, history.length - HISTORY_ON_CARD);
  const earlier = hidden > 0 ? [{ line: h.earlier(hidden) }] : [];
  return [...earlier, ...history.slice(hidden).map((e) => {
    switch (e.kind) {
      case 'opened': return { line: h.opened(at(e.at), e.by, e.groupName) };
      case 'edited': return { line: h.edited(at(e.at), e.by) };
      case 'placed': return { line: h.placed(at(e.at), e.by, e.groupName, `${e.meetingTitle}${e.meetingDate ? ` ${e.meetingDate}` : ''}`) };
      case 'decided': return { line: h.decided(at(e.at), e.groupName, texts.office.itemWord(e.itemNumber)) };
      case 'returned': return { line: h.returned(at(e.at), e.groupName) };
    }
  })];
}

function decisionLine(texts: Texts, a: Arende): string {
  const o = texts.office;
  const d = a.decision;
  const p = a.placement;
  if (!d || !p) return '';
  return o.decisionLine(p.groupName, p.meetingTitle, p.meetingDate ?? '', o.itemWord(d.paragraph ?? d.itemNumber));
}

/** The decision as recorded: its att-satser one per line, or its text when it has none. */
function decisionAtt(a: Arende) {
  const d = a.decision;
  if (!d) return [];
  return (d.attSatser.length ? d.attSatser : [d.text]).map((line) => ({ line }));
}

export function arendeCardData(texts: Texts, language: Language, a: Arende, meetings: BodyMeetingChoice[], notice = '') {
  const o = texts.office;
  const t = a.tjansteskrivelse;
  const partiesBehind = a.origin.partiesBehind ?? [];
  return {
    t: o,
    heading: o.arendeTitle(a.diarienummer, t.rubrik),
    notice,
    hasNotice: notice !== '',
    dnrText: o.dnr(a.diarienummer),
    statusText: o.statusLine(o.statuses[a.status]),
    originText: a.origin.approvalId ? o.fromApproval(a.origin.groupName, partiesBehind.join(', ')) : o.fromOffice(a.origin.groupName),
    placedText: a.placement && a.status === 'placed' ? o.placedOn(a.placement.groupName, a.placement.meetingTitle, a.placement.meetingDate ?? '') : '',
    hasPlaced: !!a.placement && a.status === 'placed',
    decided: a.status === 'decided',
    decisionLine: decisionLine(texts, a),
    decisionAtt: decisionAtt(a),
    editable: a.status !== 'decided',
    arendeId: a.id,
    form: {
      rubrik: t.rubrik,
      body: t.body,
      attSatser: t.attSatser.join('\n'),
      arendetHeading: t.arendetHeading ?? '',
      arendet: t.arendet.join('\n\n'),
      bedomning: t.bedomning.join('\n\n'),
      signerName: t.signer.name,
      signerTitle: t.signer.title,
    },
    meetings,
    hasMeetings: meetings.length > 0,
    history: historyLines(texts, language, a.history),
  };
}

export function arendeCard(texts: Texts, language: Language, a: Arende, meetings: BodyMeetingChoice[], notice = ''): CardJson {
  return renderCard('office-arende', arendeCardData(texts, language, a, meetings, notice));
}

export function decisionCardData(texts: Texts, language: Language, a: Arende) {
  const o = texts.office;
  return {
    t: o,
    heading: o.decisionTitle(a.tjansteskrivelse.rubrik),
    dnrText: o.dnr(a.diarienummer),
    decisionLine: decisionLine(texts, a),
    decisionAtt: decisionAtt(a),
    history: historyLines(texts, language, a.history),
  };
}

export function decisionCard(texts: Texts, language: Language, a: Arende): CardJson {
  return renderCard('office-decision', decisionCardData(texts, language, a));
}
