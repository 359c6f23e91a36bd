import { memberById, type Group } from '../groups/domain/group.js';
import { itemNumber, type Announced, type Meeting } from './domain/meeting.js';
import { formatLongDate, formatTimeRange } from '../shared/swedish-date.js';
import type { Language, Texts } from '../i18n/texts.js';

/** "fredag 16 mars 2018 kl. 13.00–15.00" (en: "Friday 16 March 2018, 13:00–15:00"), or the "not decided" words. */
export function whenText(texts: Texts, language: Language, a: Announced): string {
  if (!a.date) return a.time ? formatTimeRange(a.time, language) : texts.meeting.notSet;
  if (!a.time) return formatLongDate(a.date, language);
  return language === 'en' ? `${formatLongDate(a.date, language)}, ${formatTimeRange(a.time, language)}` : `${formatLongDate(a.date, language)} ${formatTimeRange(a.time, language)}`;
}

export function placeText(texts: Texts, a: Announced): string {
  if (a.place && a.room) return texts.meeting.placeWithRoom(a.place, a.room);
  if (a.room) return texts.meeting.roomOnly(a.room);
  return a.place ?? texts.meeting.notSet;
}

function nameOf(texts: Texts, group: Group, memberId: string | undefined): string {
  return memberById(group, memberId)?.name ?? texts.meeting.nobody;
}

/** The facts and agenda every meeting card shows (planning card, notice, dagordning, live card). */
export function meetingView(texts: Texts, language: Language, group: Group, m: Meeting) {
  const mt = texts.meeting;
  const changed = m.notice?.changed;
  const what = changed ? changed.what.map((w) => mt.changeWords[w]) : [];
  const whatText = what.length <= 1 ? what.join('') : `${what.slice(0, -1).join(', ')} ${texts.group.and} ${what.at(-1)}`;
  const previous = changed ? [whenText(texts, language, changed.previous), ...(changed.what.includes('place') ? [placeText(texts, changed.previous)] : [])].join(', ') : '';
  return {
    meetingId: m.id,
    title: m.title,
    whenText: whenText(texts, language, m),
    placeText: placeText(texts, m),
    chairText: nameOf(texts, group, m.chairId),
    secretaryText: nameOf(texts, group, m.secretaryId),
    adjustersText: m.adjusterIds.map((id) => nameOf(texts, group, id)).join(', ') || mt.nobody,
    formatText: mt.formats[m.format],
    statusText: mt.statuses[m.status],
    changedText: changed ? mt.changedMark(whatText, previous) : '',
    hasItems: m.items.length > 0,
    items: m.items.map((item, i) => {
      const number = itemNumber(m, i);
      return {
        itemId: item.id,
        line: m.format === 'protokoll' ? mt.itemLineParagraph(number, item.title) : mt.itemLine(number, item.title),
        meta: item.dropped ? mt.dropped : mt.itemMeta(mt.itemKinds[item.kind], item.presenter ?? ''),
        text: item.text ?? '',
        current: item.id === m.currentItemId,
        dropped: !!item.dropped,
        hasCarried: (item.carriedActions ?? []).length > 0,
        carried: (item.carriedActions ?? []).map((a) => ({
          line: a.decisionId
            ? mt.carriedFollowUpLine(a.ownerName, a.text, a.due ?? '', texts.followUp.statuses[a.status ?? 'notStarted'])
            : mt.carriedLine(a.ownerName, a.text, a.due ?? ''),
        })),
      };
    }),
  };
}

export type MeetingView = ReturnType<typeof meetingView>;
