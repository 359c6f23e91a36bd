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

/** Expands `cards/<name>.json` with `data` as $root. */
export function renderCard(name: string, data: object): CardJson {
  return template(name).expand({ $root: data }) as CardJson;
}

export function cardAttachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
