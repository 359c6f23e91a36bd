import { memberById, type Group } from '../groups/domain/group.js';
import { latestSigned, pendingSignatories, type Minutes } from './domain/minutes-record.js';
import { itemBodyText, itemHeading, itemsText, minutesParts, personLine } from './domain/minutes-text.js';
import { stockholmDate } from '../shared/swedish-date.js';
import { texts, type Texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { renderCard, type CardJson } from '../bot/render-card.js';
import { LINK_LIFETIME_MS } from '../app/signed-link.js';
import { pagedCard, type Page } from './minutes-pages.js';

/** Card data for the minutes' cards; texts in the reader's language, the minutes in their own. */

type MT = Texts['minutes'];
type Links = Pick<Deps, 'links'> & Partial<Pick<Deps, 'assistant'>>;

function labelsOf(m: Minutes) {
  return texts(m.doc.language).minutes.document;
}

export function exportLinks(deps: Links, t: MT, m: Minutes, now: Date, version?: number) {
  const links = deps.links.links({ groupId: m.groupId, minutesId: m.id, ...(version !== undefined ? { version } : {}) }, now);
  return [
    { title: t.linkDocx, url: links.docx },
    { title: t.linkHtml, url: links.html },
    { title: t.linkMd, url: links.md },
  ];
}

/** "Förbundsstyrelsens sammanträde, 2017-12-15": the heading's name of the meeting, as a card title starts it. */
function meetingName(m: Minutes): string {
  const title = m.doc.header.title;
  return [title.charAt(0).toLocaleUpperCase('sv') + title.slice(1), m.doc.header.date].filter(Boolean).join(', ');
}

function signedFacts(t: MT, m: Minutes) {
  const s = latestSigned(m);
  if (!s) return [];
  return [
    { title: t.signedBy, value: s.signatures.map((x) => t.signedAt(x.name, x.at.slice(0, 10))).join(', ') },
  ];
}

/**
 * "SHA-256 <hash>" of the last signed version (or ''), shown under the facts: 64 characters without a
 * space do not fit a fact's value column at Teams' chat width, but a wrapping text breaks them.
 */
function signedHash(t: MT, m: Minutes): string {
  const s = latestSigned(m);
  return s ? `${t.hash} ${s.sha256}` : '';
}

function baseFacts(t: MT, m: Minutes) {
  const waiting = m.status === 'inAdjustment' ? pendingSignatories(m).map((s) => s.name).join(', ') : '';
  return [
    { title: t.meeting, value: meetingName(m) },
    { title: t.status, value: t.statuses[m.status] },
    { title: t.version, value: String(m.version) },
    ...(waiting ? [{ title: t.waitingFor, value: waiting }] : []),
    ...signedFacts(t, m),
  ];
}

/**
 * Teams refuses cards much over 28 KB: a long item is shortened on the cards (the whole text is in
 * the export links and in the edit form, which shows one part at a time).
 */
export const CARD_ITEM_CHARS = 1500;

function shortened(t: MT, body: string): string {
  return lined(body.length <= CARD_ITEM_CHARS ? body : `${body.slice(0, CARD_ITEM_CHARS).trimEnd()} … ${t.shortened}`);
}

/**
 * The minutes' lines as a card shows them: a TextBlock joins lines that only a single line break
 * separates ("Närvarande: Marie Svensson, ordf Ingrid …"), so every line is made a paragraph of its
 * own, as it stands in the document.
 */
function lined(text: string): string {
  return text.split('\n').filter((l) => l.trim() !== '').join('\n\n');
}

export type EditPart = { part: 'header' } | { part: 'all' } | { part: 'item'; index: number };

/** The secretary's edit form for one part: the heading and attendance, one item, or all items. */
/** What the secretary typed, shown again when a save was refused (nothing typed is lost). */
export interface Typed {
  header?: Partial<Record<'heading' | 'title' | 'date' | 'place' | 'present' | 'substitutes' | 'others' | 'absent' | 'nextMeeting', string>>;
  item?: { title?: string; body?: string };
  allText?: string;
}

export function editCard(ui: Texts, m: Minutes, edit: EditPart, message = '', typed: Typed = {}): CardJson {
  return renderCard('minutes-edit', editCardData(ui, m, edit, message, typed));
}

export function editCardData(ui: Texts, m: Minutes, edit: EditPart, message = '', typed: Typed = {}) {
  const t = ui.minutes;
  const L = labelsOf(m);
  const h = m.doc.header;
  const item = edit.part === 'item' ? m.doc.items[edit.index] : undefined;
  const what = edit.part === 'header' ? t.header : edit.part === 'all' ? t.allItems : itemHeading(item!);
  return {
    t,
    heading: t.draftTitle(meetingName(m)),
    subheading: t.editing(what),
    message,
    part: edit.part,
    ref: { groupId: m.groupId, minutesId: m.id },
    protokoll: m.doc.format === 'protokoll',
    header: {
      heading: h.heading ?? '',
      title: h.title,
      date: h.date ?? '',
      place: h.place ?? '',
      present: m.doc.present.map((p) => personLine(p, L)).join('\n'),
      substitutes: (m.doc.substitutes ?? []).map((p) => personLine(p, L)).join('\n'),
      others: (m.doc.others ?? []).map((p) => personLine(p, L)).join('\n'),
      absent: m.doc.absent.map((p) => personLine(p, L)).join('\n'),
      nextMeeting: m.doc.nextMeeting ?? '',
      ...typed.header,
    },
    item: item ? { number: item.number, title: typed.item?.title || item.title, body: typed.item?.body ?? itemBodyText(item, L) } : { number: '', title: '', body: '' },
    allText: edit.part === 'all' ? (typed.allText ?? itemsText(m.doc, L)) : '',
    saveTitle: edit.part === 'header' ? t.saveHeader : edit.part === 'all' ? t.saveAll : t.saveItem(item!.number),
    saveVerb: edit.part === 'header' ? 'minutes.editHeader' : edit.part === 'all' ? 'minutes.editAll' : 'minutes.editItem',
  };
}

/** The secretary's card in their personal chat: the draft, its edit forms, regenerate and send. */
/** Which items of a long minutes card to show: from an item on, or the page with an item just edited. */
export interface Shown {
  from?: number;
  near?: number;
}

/** Comments a signatory typed on other pages of the card, by input id (`c_3`, `c_all`). */
export type Kept = Record<string, string>;

/**
 * The paging of a long card: which items show, and the buttons to the items before and after.
 * A signatory's comments typed on other pages (`kept`) stand, each once, as inputs of their own under
 * "Begär ändring", so every button there sends them; the buttons above, which send no input, are left
 * off once anything is typed ("Spara och visa föregående/fler punkter" page on instead).
 */
function pagerData(t: MT, p: Page, as: 'draft' | 'sign', kept: Kept = {}, shown: string[] = [], labels: Record<string, string> = {}) {
  const typed = Object.entries(kept).filter(([, text]) => text.trim());
  const elsewhere = typed
    .filter(([id]) => id !== 'c_all' && !shown.includes(id) && labels[id] !== undefined)
    .sort(([a], [b]) => Number(a.slice(2)) - Number(b.slice(2)))
    .map(([id, text]) => ({ id, label: labels[id]!, text }));
  return {
    show: p.from > 0 || p.to < p.total,
    label: t.pageLabel(p.from + 1, p.to, p.total),
    as,
    hasPrevious: p.previousFrom !== undefined,
    hasNext: p.to < p.total,
    browse: typed.length === 0,
    previous: String(p.previousFrom ?? 0),
    next: String(p.to),
    keptAll: kept.c_all ?? '',
    elsewhere,
    keptText: elsewhere.length > 0 ? t.keptComments(elsewhere.length) : '',
  };
}

export function secretaryCard(deps: Links, ui: Texts, m: Minutes, group: Group | undefined, now: Date, message = '', shown: Shown = {}): CardJson {
  const data = secretaryCardData(deps, ui, m, group, now, message);
  return pagedCard('minutes-draft', data.items, shown, (items, p) => ({ ...data, items, pager: pagerData(ui.minutes, p, 'draft') }));
}

/** Bytes of change-request comments on items shown above the items, newest request first. */
export const REQUEST_BYTES = 6_000;

/**
 * The change requests above the secretary's items: "§3: …" per comment while they stay within
 * REQUEST_BYTES (a justerare may write 4000 characters on each of 40 items); a comment on an item
 * beyond that stands under its item instead, on the item's page, so the card keeps its size and no
 * comment goes unseen. Comments on the whole minutes always stand above.
 */
function requestsShown(t: MT, m: Minutes, open: Minutes['changeRequests']) {
  let left = REQUEST_BYTES;
  const underItems = new Map<number, string[]>();
  const requests = [...open].reverse().map((c) => {
    const lines: string[] = [];
    const below: string[] = [];
    for (const x of c.comments) {
      const line = `${x.number || t.whole}: ${x.text}`;
      const index = x.number ? m.doc.items.findIndex((i) => i.number === x.number) : -1;
      if (index < 0 || Buffer.byteLength(line) <= left) {
        lines.push(line);
        if (index >= 0) left -= Buffer.byteLength(line);
      } else {
        below.push(x.number);
        underItems.set(index, [...(underItems.get(index) ?? []), t.commentFrom(c.name, x.text)]);
      }
    }
    if (below.length > 0) lines.push(t.moreCommentsBelow(below.join(', ')));
    return { who: t.changeRequested(c.name), text: lines.join('\n') };
  });
  return { requests: requests.reverse(), underItems };
}

export function secretaryCardData(deps: Links, ui: Texts, m: Minutes, group: Group | undefined, now: Date, message = '') {
  const t = ui.minutes;
  const L = labelsOf(m);
  const parts = minutesParts(m.doc, L);
  const editable = m.status === 'draft';
  // The latest round of change requests, shown while the secretary revises.
  const lastRound = Math.max(0, ...m.changeRequests.map((c) => c.version));
  const open = m.status === 'draft' ? m.changeRequests.filter((c) => c.version === lastRound) : [];
  const { requests, underItems } = requestsShown(t, m, open);
  return {
    t,
    heading: t.draftTitle(meetingName(m)),
    intro: t.draftIntro,
    message,
    facts: baseFacts(t, m),
    hash: signedHash(t, m),
    requests,
    editable,
    // Issue 29: "Föreslå löptext" per item, only on a draft and only with the assistant on for the group.
    prose: editable && !!deps.assistant && !group?.settings.assistantOff,
    proseTitle: ui.assistant.proseButton,
    canCorrect: m.status === 'adjusted',
    ref: { groupId: m.groupId, minutesId: m.id },
    header: { text: lined(parts.header) },
    items: m.doc.items.map((item, index) => ({
      index: String(index),
      heading: itemHeading(item),
      body: shortened(t, itemBodyText(item, L)),
      comments: (underItems.get(index) ?? []).join('\n\n'),
      editTitle: t.editItem(item.number),
    })),
    footer: lined(parts.footer),
    links: exportLinks(deps, t, m, now),
    group: group?.name ?? '',
    pager: pagerData(t, { from: 0, to: m.doc.items.length, total: m.doc.items.length }, 'draft'),
  };
}

/** A signatory's card: read, then Justera or Begär ändring with a comment per §. */
export function signerCard(deps: Links, ui: Texts, m: Minutes, group: Group | undefined, memberId: string | undefined, now: Date, message = '', shown: Shown = {}, kept: Kept = {}): CardJson {
  const data = signerCardData(deps, ui, m, group, memberId, now, message);
  const withKept = data.items.map((item) => ({ ...item, kept: kept[`c_${item.index}`] ?? '' }));
  const labels = Object.fromEntries(data.items.map((item) => [`c_${item.index}`, item.commentLabel]));
  return pagedCard('minutes-sign', withKept, shown, (items, p) => ({
    ...data,
    items,
    pager: pagerData(ui.minutes, p, 'sign', kept, items.map((i) => `c_${i.index}`), labels),
  }));
}

export function signerCardData(deps: Links, ui: Texts, m: Minutes, group: Group | undefined, memberId: string | undefined, now: Date, message = '') {
  const t = ui.minutes;
  const L = labelsOf(m);
  const parts = minutesParts(m.doc, L);
  const secretary = memberById(group ?? ({ members: [] } as unknown as Group), m.secretaryId)?.name ?? m.doc.secretary?.name ?? '';
  const canSign = m.status === 'inAdjustment' && pendingSignatories(m).some((s) => s.memberId === memberId);
  return {
    t,
    heading: t.signTitle(meetingName(m)),
    intro: t.signIntro(secretary),
    message,
    facts: baseFacts(t, m),
    hash: signedHash(t, m),
    headerText: lined(parts.header),
    items: m.doc.items.map((item, index) => ({ index: String(index), heading: itemHeading(item), body: shortened(t, itemBodyText(item, L)), commentLabel: t.fields.comment(itemHeading(item)), kept: '' })),
    pager: pagerData(t, { from: 0, to: m.doc.items.length, total: m.doc.items.length }, 'sign'),
    footer: lined(parts.footer),
    canSign,
    ref: { groupId: m.groupId, minutesId: m.id, version: String(m.version) },
    links: exportLinks(deps, t, m, now),
  };
}

/** Bytes of item text the `protokoll` card shows before it points to the export links. */
export const STATUS_BODY_BYTES = 14_000;

/** The channel's card when the minutes are signed, and the answer to `protokoll [datum]`. */
export function statusCard(deps: Links, ui: Texts, m: Minutes, now: Date, kind: 'signed' | 'status'): CardJson {
  return renderCard('minutes-status', statusCardData(deps, ui, m, now, kind));
}

export function statusCardData(deps: Links, ui: Texts, m: Minutes, now: Date, kind: 'signed' | 'status') {
  const t = ui.minutes;
  const validUntil = stockholmDate(new Date(now.getTime() + LINK_LIFETIME_MS));
  const signedVersion = kind === 'signed' ? latestSigned(m)?.version : undefined;
  // `protokoll` shows the minutes themselves (issue 25), headed as their format is called.
  const shown = kind === 'status';
  const L = labelsOf(m);
  const parts = shown ? minutesParts(m.doc, L) : undefined;
  // Items while they fit the card (Teams refuses one over 28 KB); the rest are in the export links.
  let left = STATUS_BODY_BYTES;
  const shownItems: Array<{ heading: string; body: string }> = [];
  for (const item of shown ? m.doc.items : []) {
    const one = { heading: itemHeading(item), body: shortened(t, itemBodyText(item, L)) };
    left -= Buffer.byteLength(one.heading) + Buffer.byteLength(one.body) + 200;
    if (left < 0) break;
    shownItems.push(one);
  }
  return {
    t,
    heading: kind === 'signed' ? t.signedTitle : m.doc.format === 'minnesanteckningar' ? t.statusTitleNotes(meetingName(m)) : t.statusTitle(meetingName(m)),
    facts: baseFacts(t, m),
    hash: signedHash(t, m),
    headerText: parts ? lined(parts.header) : '',
    items: shownItems,
    moreText: shown && shownItems.length < m.doc.items.length ? t.moreInExport(m.doc.items.length - shownItems.length) : '',
    footer: parts ? lined(parts.footer) : '',
    links: exportLinks(deps, t, m, now, signedVersion),
    validity: t.linksValid(validUntil),
  };
}
