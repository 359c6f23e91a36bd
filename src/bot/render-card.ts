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

/** Expands `cards/<name>.json` with `data` as $root; text users typed cannot become a link. */
export function renderCard(name: string, data: object): CardJson {
  return tidy(template(name).expand({ $root: data }), '', '') as CardJson;
}

const SHOWN = new Set(['text', 'title', 'value', 'fallbackText', 'altText']);

/**
 * One pass over the expanded card, which is ours to change (the templating builds it fresh):
 * - a property whose `$when` was false expands to null; Adaptive Cards want it absent;
 * - Teams renders Markdown in card text, so a title or note typed as `[Beslut](https://…)` would show
 *   as a link to anywhere. Lokus's own texts never use link syntax, so every `](` in shown text comes
 *   from a user: a zero-width space between the brackets keeps the text as typed and makes it no
 *   link (images `![…](…)` too). What a press sends back stays exact: an input's value, a choice's
 *   value, action data.
 * Plain loops, not Object.entries: this runs over every element of every card a press answers with.
 */
function tidy(node: unknown, key: string, parent: string): unknown {
  if (typeof node === 'string') return SHOWN.has(key) && node.includes('](') ? node.replace(/\]\(/g, ']\u200B(') : node;
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = tidy(node[i], '', key);
    return node;
  }
  const o = node as Record<string, unknown>;
  const input = typeof o.type === 'string' && o.type.startsWith('Input.');
  for (const k in o) {
    const v = o[k];
    if (v === null) delete o[k];
    else if (k === 'data' || (k === 'value' && (input || parent === 'choices'))) dropNulls(v);
    else o[k] = tidy(v, k, '');
  }
  return o;
}

/** Only the nulls, in what a press sends back. */
function dropNulls(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(dropNulls);
  const o = node as Record<string, unknown>;
  for (const k in o) {
    if (o[k] === null) delete o[k];
    else dropNulls(o[k]);
  }
}

export function cardAttachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
