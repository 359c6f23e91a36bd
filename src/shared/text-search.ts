/**
 * Word search for Swedish texts (decision log, action items): case-insensitive, and tolerant of
 * inflection, so "avvikelserapport" finds "Avvikelserapporten" and "beslutet" finds "beslut".
 * A query word matches a text word when their stems are equal or one word starts with the other's stem;
 * a longer query word also matches inside a compound ("rapport" finds "avvikelserapporten").
 */

// Longest first: definite and plural endings of Swedish nouns, common adjective/verb endings.
const SUFFIXES = [
  'arnas', 'ernas', 'ornas', 'andet', 'arna', 'erna', 'orna', 'heten', 'ande', 'ende', 'aste', 'ades',
  'ade', 'are', 'ast', 'ens', 'ets', 'het', 'na', 'en', 'et', 'ar', 'er', 'or', 'ad', 'at', 'te', 'de', 'a', 'e', 's',
];
const MIN_STEM = 3;
const MIN_COMPOUND_PART = 5;

export function words(text: string): string[] {
  return text.toLocaleLowerCase('sv-SE').match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function stem(word: string): string {
  const w = word.toLocaleLowerCase('sv-SE');
  for (const s of SUFFIXES) {
    if (w.length - s.length >= MIN_STEM && w.endsWith(s)) return w.slice(0, -s.length);
  }
  return w;
}

function wordMatches(queryWord: string, textWord: string): boolean {
  if (textWord.startsWith(queryWord)) return true;
  const q = stem(queryWord);
  const t = stem(textWord);
  if (q === t || textWord.startsWith(q)) return true;
  if (t.length >= MIN_STEM + 2 && queryWord.startsWith(t)) return true;
  return q.length >= MIN_COMPOUND_PART && textWord.includes(q);
}

/** True when every word of the query is found (inflected or not) somewhere in the text. */
export function matchesQuery(text: string, query: string): boolean {
  const queryWords = words(query);
  if (queryWords.length === 0) return true;
  const textWords = words(text);
  return queryWords.every((q) => textWords.some((t) => wordMatches(q, t)));
}
