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

/** Expands `cards/<name>.json` with `data` as $root. */
export function renderCard(name: string, data: object): CardJson {
  return dropNulls(template(name).expand({ $root: data })) as CardJson;
}

export function cardAttachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
