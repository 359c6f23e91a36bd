import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';

/** Card templates live in <repo>/cards; the code binds data, it never builds card JSON by hand. */
const CARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cards');
const cache = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let t = cache.get(name);
  if (!t) {
    const json = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));
    t = new ACData.Template(json);
    cache.set(name, t);
  }
  return t;
}

export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

/** A property whose `$when` was false expands to null; Adaptive Cards want it absent. */
function dropNulls(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropNulls);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (v !== null) out[k] = dropNulls(v);
  return out;
}

/** Expands `cards/<name>.json` with `data` as $root; text users typed cannot become a link. */
export function renderCard(name: string, data: object): CardJson {
  return withoutLinks(dropNulls(template(name).expand({ $root: data }))) as CardJson;
}

const SHOWN = new Set(['text', 'title', 'value', 'fallbackText', 'altText']);

/**
 * Teams renders Markdown in card text, so a title or note typed as `[Beslut](https://…)` would show
 * as a link to anywhere. Lokus's own texts never use link syntax, so every `](` in shown text comes
 * from a user: a zero-width space between the brackets keeps the text as typed and makes it no link
 * (images `![…](…)` too). Input values, choices and action data are left exactly as they are.
 */
function withoutLinks(node: unknown, key = '', parent = ''): unknown {
  if (typeof node === 'string') return SHOWN.has(key) ? node.replace(/\]\(/g, ']\u200B(') : node;
  if (Array.isArray(node)) return node.map((n) => withoutLinks(n, '', key));
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  // What a press sends back stays exact: an input's value, a choice's value, action data.
  const sentBack = (k: string) => k === 'data' || (k === 'value' && ((typeof o.type === 'string' && o.type.startsWith('Input.')) || parent === 'choices'));
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, sentBack(k) ? v : withoutLinks(v, k)]));
}

export function cardAttachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
