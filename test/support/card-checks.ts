/**
 * What every card template must satisfy, checked by `npm test` (test/cards/cards.test.ts) and again by
 * `npm run cards:gallery`. Each template `cards/<name>.json` is rendered with its sample
 * `test/card-samples/<name>.ts` (`export const sample = {...}`, Swedish texts from src/i18n/sv).
 *
 * Rules (each returns a readable problem naming the element):
 * - valid Adaptive Cards 1.5 and fully expanded (no `${…}`, `$data`, `$when`) – see card-schema.ts;
 * - the first text on the card is a heading (`style: "heading"`), so screen readers announce a title;
 * - every TextBlock wraps (`wrap: true`): nothing is cut off at Teams' narrow chat width;
 * - every `Input.*` has a `label` (read aloud, shown above the field);
 * - every Image has an `altText`;
 * - colour is never the only carrier of meaning: an element whose `color` is attention, good or
 *   warning, and a Container/Column/ColumnSet/Table whose `style` is attention, good or warning,
 *   must itself carry words – a text with at least one letter (not only ●, ✓ or a number), or an
 *   Image with altText inside the container. "Röd prick" alone is not allowed; "● Frånvarande" is;
 * - no text holds `<word>`: Teams (and the Playground) take it for an HTML tag and show nothing, so
 *   "punkt <rubrik>" reads "punkt"; write placeholders as ‹rubrik›;
 * - every button's press is valid on the card as its viewer sees it (teams-press.ts `pressProblems`):
 *   no required input of another part of the card or out of sight blocks it, and filled in it goes through;
 * - a Swedish card contains no English: no card text equals a string that exists only in the English
 *   texts (src/i18n/en), and none contains such an English-only phrase of 12 characters or more.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderCard, type CardJson } from '../../src/bot/render-card.js';
import { en } from '../../src/i18n/en/index.js';
import { sv } from '../../src/i18n/sv/index.js';
import { cardProblems } from './card-schema.js';
import { cardTexts } from './cards.js';
import { pressProblems } from './teams-press.js';

type Json = Record<string, any>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CARDS_DIR = path.join(ROOT, 'cards');
export const SAMPLES_DIR = path.join(ROOT, 'test/card-samples');

const baseNames = (dir: string, ext: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length))
    .sort();

/** Every template in cards/, by name. */
export function templateNames(): string[] {
  return baseNames(CARDS_DIR, '.json');
}

/** Every sample file in test/card-samples/, by name. */
export function sampleNames(): string[] {
  return baseNames(SAMPLES_DIR, '.ts');
}

/** Loads `test/card-samples/<name>.ts` and returns its `sample` export (throws when missing). */
export async function loadSample(name: string): Promise<object> {
  const mod = (await import(pathToFileURL(path.join(SAMPLES_DIR, `${name}.ts`)).href)) as { sample?: unknown };
  if (!mod.sample || typeof mod.sample !== 'object') {
    throw new Error(`test/card-samples/${name}.ts must export \`const sample = {...}\``);
  }
  return mod.sample;
}

/** Renders a template with its sample, as the bot would. */
export async function renderSample(name: string): Promise<CardJson> {
  return renderCard(name, await loadSample(name));
}

function walk(node: unknown, visit: (n: Json, where: string) => void, where = ''): void {
  if (Array.isArray(node)) return node.forEach((n, i) => walk(n, visit, `${where}/${i}`));
  if (!node || typeof node !== 'object') return;
  visit(node as Json, where || '/');
  for (const [k, v] of Object.entries(node as Json)) if (v && typeof v === 'object') walk(v, visit, `${where}/${k}`);
}

const SIGNAL = new Set(['attention', 'good', 'warning']);
const hasLetter = (s: unknown) => typeof s === 'string' && /\p{L}/u.test(s.replace(/\*\*|__|\*|_/g, ''));

/** True when the node (or, for containers, anything inside it) carries words, not only colour. */
function carriesWords(n: Json): boolean {
  let words = false;
  walk(n, (m) => {
    if ((m.type === 'TextBlock' || m.type === 'TextRun') && hasLetter(m.text)) words = true;
    if (m.type === 'RichTextBlock' && (m.inlines ?? []).some((r: unknown) => hasLetter(typeof r === 'string' ? r : (r as Json)?.text))) words = true;
    if (m.type === 'Image' && hasLetter(m.altText)) words = true;
    if (m.title !== undefined && m.value !== undefined && !m.type && hasLetter(m.title)) words = true; // a Fact
  });
  return words;
}

/** Accessibility problems: heading first, wrapping texts, labelled inputs, alt texts, no colour-only meaning. */
export function accessibilityProblems(card: Json): string[] {
  const problems: string[] = [];
  // The whole card, show-cards under actions included.
  walk(card, (n, where) => {
    if (n.type === 'TextBlock' && n.wrap !== true) problems.push(`TextBlock at ${where} has no wrap: true ("${String(n.text).slice(0, 40)}")`);
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && !hasLetter(n.label)) problems.push(`${n.type} "${n.id}" has no label`);
    if (n.type === 'Image' && !hasLetter(n.altText)) problems.push(`Image at ${where} has no altText`);
    if (SIGNAL.has(String(n.color).toLowerCase()) && !carriesWords(n)) problems.push(`${n.type} at ${where} shows meaning by colour "${n.color}" alone`);
    if (['Container', 'Column', 'ColumnSet', 'Table', 'TableCell'].includes(n.type) && SIGNAL.has(String(n.style).toLowerCase()) && !carriesWords(n)) {
      problems.push(`${n.type} at ${where} shows meaning by style "${n.style}" alone`);
    }
  });
  let first: Json | undefined;
  walk(card.body, (n) => {
    if (!first && (n.type === 'TextBlock' || n.type === 'RichTextBlock')) first = n;
  });
  if (!first) problems.push('the card has no text');
  else if (first.style !== 'heading') problems.push(`the first text ("${String(first.text ?? '').slice(0, 40)}") is not style: "heading"`);
  return problems;
}

function strings(node: unknown, out: Set<string>): Set<string> {
  if (typeof node === 'string') out.add(node.trim());
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((n) => strings(n, out));
  return out;
}

let englishOnly: string[] | undefined;

/** Strings that exist in the English texts but not in the Swedish ones (e.g. "Shows this help"). */
export function englishOnlyTexts(): string[] {
  if (!englishOnly) {
    const swedish = strings(sv, new Set());
    englishOnly = [...strings(en, new Set())].filter((s) => s.length > 1 && !swedish.has(s));
  }
  return englishOnly;
}

const PHRASE = 12;

/** The English-only text found in `text` (a card text or a rendered message), if any. */
export function englishIn(text: string): string | undefined {
  const plain = text.replace(/\*\*/g, '').trim();
  return englishOnlyTexts().find((e) => plain === e.replace(/\*\*/g, '') || (e.length >= PHRASE && plain.includes(e.replace(/\*\*/g, ''))));
}

/** English texts found on a card that should be Swedish. */
export function englishProblems(card: Json): string[] {
  return cardTexts(card)
    .map(englishIn)
    .filter((hit): hit is string => hit !== undefined)
    .map((hit) => `English text on a Swedish card: "${hit.slice(0, 60)}"`);
}

/** Texts Teams would swallow as HTML tags (`<rubrik>`, `</b>`). */
export function markupProblems(card: Json): string[] {
  return cardTexts(card)
    .map((text) => text.match(/<\/?\p{L}[^>]*>/u)?.[0])
    .filter((tag): tag is string => tag !== undefined)
    .map((tag) => `"${tag}" looks like an HTML tag: Teams hides it (write ‹…› instead)`);
}

/** Everything wrong with a rendered Swedish card (empty when it is fine). */
export function allCardProblems(card: Json): string[] {
  return [...cardProblems(card), ...accessibilityProblems(card), ...pressProblems(card), ...markupProblems(card), ...englishProblems(card)];
}
