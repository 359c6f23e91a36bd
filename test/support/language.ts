import { texts, type Language } from '../../src/i18n/texts.js';

const HOLE = '\u0007';
/** Stands in for any argument of a text function: a string, a number or a details object. */
const any: any = new Proxy(() => HOLE, {
  get: (_t, prop) => (prop === Symbol.toPrimitive ? () => HOLE : prop === 'length' ? 1 : any),
  apply: () => HOLE,
});

function fragmentsOf(node: unknown, out: Set<string>): void {
  if (typeof node === 'string') {
    for (const part of node.split(HOLE).flatMap((p) => p.split(/[*\n]/))) if (part.trim().length >= 8) out.add(part.trim());
  } else if (typeof node === 'function') {
    try {
      fragmentsOf(String(node(any, any, any, any)), out);
    } catch {
      // a text function that needs real arguments: its static parts are found through others
    }
  } else if (node && typeof node === 'object') {
    for (const v of Object.values(node)) fragmentsOf(v, out);
  }
}

const cache = new Map<Language, string[]>();

/** Pieces of every user-facing text that only one language has (≥ 8 characters). */
function ownFragments(language: Language): string[] {
  let own = cache.get(language);
  if (!own) {
    const mine = new Set<string>();
    const theirs = new Set<string>();
    fragmentsOf(texts(language), mine);
    fragmentsOf(texts(language === 'sv' ? 'en' : 'sv'), theirs);
    own = [...mine].filter((f) => !theirs.has(f));
    cache.set(language, own);
  }
  return own;
}

/** Is `message` one of Lokus's texts in `language` (it contains a piece only that language has)? */
export function isInLanguage(message: string, language: Language): boolean {
  return ownFragments(language).some((f) => message.includes(f));
}
