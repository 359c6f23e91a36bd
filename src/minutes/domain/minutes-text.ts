import type { MinutesAction, MinutesDecision, MinutesDocument, MinutesItem, MinutesLabels, MinutesPerson } from './minutes.js';
import { formatClockRange, isLocalDate } from '../../shared/swedish-date.js';

/**
 * The minutes as text, line by line as the seeds write them: plain text (what is signed and hashed,
 * and what the card shows) or Markdown (the export; user text escaped). Also the plain text of one
 * item's body and its parse back, for the secretary's edit forms.
 */

/** Who signed and when, for the "Justerat" block of a locked version. */
export interface SignedStamp {
  signatures: Array<{ name: string; at: string }>;
  /** A formal protokoll's anslag, on a page of its own after the signatures (issue 26). */
  anslag?: { heading: string; lines: string[] };
}

export interface TextOptions {
  markdown?: boolean;
  signed?: SignedStamp;
}

/** Backslash-escapes what Markdown would read as markup, including list/heading starts of a line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]<>#|~&!]/g, '\\$&')
    .split('\n')
    .map((l) => l.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('\n');
}

export function heading(doc: MinutesDocument, L: MinutesLabels): string[] {
  if (doc.header.heading) return [doc.header.heading];
  return doc.format === 'protokoll' ? [L.protokoll, L.keptAt(doc.header.title)] : [L.notesTitle(doc.header.title)];
}

export function personLine(p: MinutesPerson, L: MinutesLabels): string {
  let s = p.label ? `${p.name}, ${p.label}` : p.name;
  // "§1-4" as a protokoll writes it; numbered items as "punkt 1–4".
  if (p.items) s += p.items.startsWith('§') ? ` ${p.items}` : ` ${L.itemSpan(p.items)}`;
  if (p.substituteFor) s += ` (${L.substituteFor(p.substituteFor)})`;
  if (p.excused) s += ` (${L.excused})`;
  return s;
}

export function itemHeading(item: MinutesItem): string {
  return item.number.startsWith('§') ? `${item.number} ${item.title}` : `${item.number}. ${item.title}`;
}

export function actionLine(a: MinutesAction, L: MinutesLabels): string {
  return `${a.owner} – ${a.text}${a.due ? `, ${L.due} ${a.due}` : ''}`;
}

function decisionLines(d: MinutesDecision, L: MinutesLabels): string[] {
  return [`${L.decision}: ${d.text}`, ...d.attSatser.map((a) => `- ${a}`)];
}

/** The body of one item as the secretary edits it: paragraphs, "Beslut:" blocks, "Uppdrag:" lines. */
export function itemBodyText(item: MinutesItem, L: MinutesLabels): string {
  const blocks = [
    ...(item.dropped && item.paragraphs.length === 0 ? [L.dropped] : []),
    ...item.paragraphs,
    ...item.decisions.map((d) => decisionLines(d, L).join('\n')),
    ...item.actions.map((a) => `${L.action}: ${actionLine(a, L)}`),
    ...(item.closing ?? []),
  ];
  return blocks.join('\n\n');
}

function startsWithLabel(line: string, label: string): string | undefined {
  const m = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:\\s*`, 'iu').exec(line);
  return m ? line.slice(m[0].length) : undefined;
}

function parseAction(text: string, L: MinutesLabels): MinutesAction | undefined {
  const m = /^(.+?)\s+[–-]\s+(.+)$/su.exec(text.trim());
  if (!m) return undefined;
  const due = new RegExp(`^(.*?),\\s*${L.due}\\s+(\\d{4}-\\d{2}-\\d{2})$`, 'su').exec(m[2]!);
  if (due && isLocalDate(due[2]!)) return { owner: m[1]!.trim(), text: due[1]!.trim(), due: due[2]! };
  return { owner: m[1]!.trim(), text: m[2]!.trim() };
}

/**
 * Reads an item body back (the inverse of `itemBodyText`): blocks separated by blank lines; a block
 * starting "Beslut:" is a decision (its "att …" lines the att-satser), "Uppdrag:" lines are action
 * items, anything else is a paragraph. Nothing typed is dropped: what does not parse stays text.
 */
export function parseItemBody(text: string, L: MinutesLabels): Pick<MinutesItem, 'paragraphs' | 'decisions' | 'actions'> & { dropped: boolean; closing: string[] } {
  const out = { paragraphs: [] as string[], decisions: [] as MinutesDecision[], actions: [] as MinutesAction[], dropped: false, closing: [] as string[] };
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  for (const block of blocks) {
    const lines = block.split('\n').map((l) => l.trim());
    const decision = startsWithLabel(lines[0]!, L.decision);
    if (decision !== undefined) {
      const att = lines.slice(1).filter((l) => /^(?:[-–•*]\s*)?att\s/iu.test(l)).map((l) => l.replace(/^[-–•*]\s*/, ''));
      const rest = lines.slice(1).filter((l) => !/^(?:[-–•*]\s*)?att\s/iu.test(l));
      out.decisions.push({ text: [decision, ...rest].join('\n').trim(), attSatser: att });
      continue;
    }
    const actionTexts = lines.map((l) => startsWithLabel(l, L.action));
    const actions = actionTexts.every((a) => a !== undefined) ? actionTexts.map((a) => parseAction(a!, L)) : [];
    if (actions.length && actions.every((a) => a !== undefined)) {
      out.actions.push(...(actions as MinutesAction[]));
      continue;
    }
    // A formal protokoll's blocks after the decision stay after it (issue 26).
    if (L.closingStarts.some((start) => lines[0]!.startsWith(start))) {
      out.closing.push(block);
      continue;
    }
    if (block === L.dropped) {
      out.dropped = true;
      continue;
    }
    out.paragraphs.push(block);
  }
  return out;
}

/** The heading line of an item in the whole-text form: "§3 Titel" or "3. Titel". */
const ITEM_HEADING = /^(§\s?\d+|\d+\.)\s+(.+)$/u;

/** All items as one text (the whole-text edit form): each item's heading line, then its body. */
export function itemsText(doc: MinutesDocument, L: MinutesLabels): string {
  return doc.items.map((i) => [itemHeading(i), itemBodyText(i, L)].filter(Boolean).join('\n\n')).join('\n\n');
}

/**
 * Reads the whole-text form back into items: a line "§3 Titel" / "3. Titel" starts an item. Items
 * keep their agenda id when their number is unchanged. Text before the first heading is refused
 * (undefined), so nothing typed disappears silently.
 */
export function parseItemsText(text: string, doc: MinutesDocument, L: MinutesLabels): MinutesItem[] | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const items: Array<{ number: string; title: string; body: string[] }> = [];
  for (const line of lines) {
    const h = ITEM_HEADING.exec(line.trim());
    if (h) {
      items.push({ number: h[1]!.replace(/\s/g, '').replace(/\.$/, ''), title: h[2]!.trim(), body: [] });
      continue;
    }
    if (items.length === 0) {
      if (line.trim()) return undefined;
      continue;
    }
    items.at(-1)!.body.push(line);
  }
  if (items.length === 0) return undefined;
  return items.map((i) => {
    const before = doc.items.find((x) => x.number === i.number);
    const body = parseItemBody(i.body.join('\n'), L);
    return {
      ...(before?.itemId ? { itemId: before.itemId } : {}),
      number: i.number,
      title: i.title,
      paragraphs: body.paragraphs,
      decisions: body.decisions,
      actions: body.actions,
      ...(body.closing.length ? { closing: body.closing } : {}),
      ...(body.dropped ? { dropped: true } : {}),
    };
  });
}

/** A target format: the layout in `writeMinutes` is the same for text, Markdown, HTML and Word. */
export interface MinutesWriter<T> {
  heading(level: 1 | 2, text: string): void;
  /** "Label: value" (no value → "Label:"); a value with several lines keeps its line breaks. */
  field(label: string, value?: string): void;
  /** Lines kept as lines (a hard break between each), one paragraph. */
  lines(lines: string[]): void;
  list(lines: string[]): void;
  para(text: string): void;
  /** Optional: what follows starts on a new page (the anslag). */
  newPage?(): void;
  /** Optional: told where the items and the closing part start (for a card that shows the parts). */
  mark?(section: 'items' | 'footer'): void;
  done(): T;
}

/** Plain text (markdown = false) or Markdown with every piece of user text escaped. */
export function textWriter(markdown: boolean): MinutesWriter<string> {
  const blocks: string[] = [];
  const esc = (s: string) => (markdown ? escapeMarkdown(s) : s);
  const hardLines = (ls: string[]) => (markdown ? ls.map(esc).join('\\\n') : ls.join('\n'));
  return {
    heading: (level, text) => blocks.push(markdown ? `${'#'.repeat(level)} ${esc(text)}` : text),
    field: (label, value) => blocks.push(markdown ? `**${esc(label)}:**${value ? ` ${hardLines(value.split('\n'))}` : ''}` : `${label}:${value ? ` ${value}` : ''}`),
    lines: (ls) => blocks.push(hardLines(ls)),
    list: (ls) => blocks.push(ls.map((l) => `- ${esc(l)}`).join('\n')),
    para: (text) => blocks.push(hardLines(text.split('\n'))),
    done: () => `${blocks.join('\n\n')}\n`,
  };
}

function formatSignedAt(at: string): string {
  return at.slice(0, 10);
}

/** The minutes as plain text (seed layout) or Markdown. */
export function renderMinutesText(doc: MinutesDocument, L: MinutesLabels, options: TextOptions = {}): string {
  return writeMinutes(doc, L, textWriter(options.markdown ?? false), options.signed);
}

/** Writes the minutes in the seeds' order of sections to any target format. */
export function writeMinutes<T>(doc: MinutesDocument, L: MinutesLabels, w: MinutesWriter<T>, signed?: SignedStamp): T {
  const protokoll = doc.format === 'protokoll';
  const [first, ...rest] = heading(doc, L);
  w.heading(1, first!);
  for (const r of rest) w.para(r);
  const h = doc.header;
  if (protokoll) {
    if (h.date || h.time) w.field(L.date, [h.date, h.time ? `${L.at} ${formatClockRange(h.time, doc.language)}` : undefined].filter(Boolean).join(' '));
    if (h.place) w.field(L.place, h.place);
    if (doc.present.length) w.field(doc.kind === 'styrelse' ? L.presentMembers : L.present, doc.present.map((p) => personLine(p, L)).join('\n'));
    if (doc.substitutes?.length) w.field(L.servingSubstitutes, doc.substitutes.map((p) => personLine(p, L)).join('\n'));
    if (doc.others?.length) w.field(L.othersPresent, doc.others.map((p) => personLine(p, L)).join('\n'));
    if (doc.absent.length) w.field(L.absent, doc.absent.map((p) => personLine(p, L)).join('\n'));
    if (doc.secretary) w.field(L.secretary, doc.secretary.name);
  } else {
    const fields = [
      h.date ? `${L.day}: ${h.date}` : undefined,
      h.time ? `${L.time}: ${formatClockRange(h.time, doc.language)}` : undefined,
      h.place ? `${L.place}: ${h.place}` : undefined,
      doc.secretary ? `${L.notesBy}: ${doc.secretary.name}` : undefined,
    ].filter((x): x is string => !!x);
    if (fields.length) w.lines(fields);
    if (doc.present.length) {
      w.field(L.present);
      w.lines(doc.present.map((p) => personLine(p, L)));
    }
    if (doc.others?.length) {
      w.field(L.othersPresent);
      w.lines(doc.others.map((p) => personLine(p, L)));
    }
    if (doc.absent.length) {
      w.field(L.absent);
      w.lines(doc.absent.map((p) => personLine(p, L)));
    }
  }
  w.mark?.('items');
  for (const item of doc.items) {
    w.heading(2, itemHeading(item));
    if (item.dropped && item.paragraphs.length === 0) w.para(L.dropped);
    for (const p of item.paragraphs) w.para(p);
    for (const d of item.decisions) {
      w.para(`${L.decision}: ${d.text}`);
      if (d.attSatser.length) w.list(d.attSatser);
    }
    for (const a of item.actions) w.para(`${L.action}: ${actionLine(a, L)}`);
    for (const c of item.closing ?? []) w.para(c);
  }
  w.mark?.('footer');
  if (!protokoll && doc.nextMeeting) {
    w.field(L.nextMeeting);
    w.para(doc.nextMeeting);
  }
  if (protokoll) {
    if (doc.secretary) {
      w.field(L.recordedBy);
      w.lines([doc.secretary.name, doc.secretary.title]);
    }
    if (doc.signatories.length) {
      w.field(L.adjusters);
      for (const s of doc.signatories) w.lines([s.name, s.title]);
    }
  } else if (doc.secretary) {
    w.lines([doc.secretary.title, doc.secretary.name]);
  }
  if (signed) {
    w.para(L.adjusted);
    w.lines(signed.signatures.map((s) => `${s.name} ${formatSignedAt(s.at)}`));
  }
  if (signed?.anslag) {
    w.newPage?.();
    w.heading(1, signed.anslag.heading);
    w.lines(signed.anslag.lines);
  }
  return w.done();
}

export interface MinutesParts {
  header: string;
  items: Array<{ heading: string; body: string }>;
  footer: string;
}

/** The plain text cut into header, items and closing part (for cards that show and edit each). */
export function minutesParts(doc: MinutesDocument, L: MinutesLabels, signed?: SignedStamp): MinutesParts {
  const header: string[] = [];
  const footer: string[] = [];
  const items: Array<{ heading: string; body: string[] }> = [];
  let section: 'header' | 'items' | 'footer' = 'header';
  const push = (block: string) => {
    if (section === 'header') header.push(block);
    else if (section === 'footer') footer.push(block);
    else items.at(-1)?.body.push(block);
  };
  const w: MinutesWriter<MinutesParts> = {
    heading: (level, text) => (level === 2 && section === 'items' ? items.push({ heading: text, body: [] }) : push(text)),
    field: (label, value) => push(value ? `${label}: ${value}` : `${label}:`),
    lines: (ls) => push(ls.join('\n')),
    list: (ls) => push(ls.map((l) => `- ${l}`).join('\n')),
    para: (text) => push(text),
    mark: (s) => (section = s),
    done: () => ({ header: header.join('\n\n'), items: items.map((i) => ({ heading: i.heading, body: i.body.join('\n\n') })), footer: footer.join('\n\n') }),
  };
  return writeMinutes(doc, L, w, signed);
}
