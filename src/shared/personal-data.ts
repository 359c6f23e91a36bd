/**
 * A person's personal data in stored records, for the GDPR register extract (`export`) and erasure
 * (`erase`): pure functions over plain JSON documents, so every feature's records are covered without
 * each knowing about it. A document mentions a person when a value is one of their ids (Teams id,
 * Entra object id) or contains their name or ids.
 */

export interface PersonKeys {
  /** Entra object ids and Teams ids (29:…), matched exactly or inside a value (a conversation id). */
  ids: string[];
  /** Display names as the groups know them, matched inside free text. */
  names: string[];
}

/** What replaces the person: a stable pseudonym (the same person gets the same one each time). */
export interface Pseudonym {
  id: string;
  name: string;
}

type Json = unknown;

/** Keys that locate a document; they are never rewritten (a partition key cannot change in place). */
const LOCATING_KEYS = new Set(['id', 'groupId', 'pk', 'type']);

/** A name as a whole word ("Ann" is not in "Anna"). */
function nameRe(name: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
}

function hits(s: string, keys: PersonKeys): boolean {
  return keys.ids.some((id) => id && s.includes(id)) || keys.names.some((n) => n && nameRe(n).test(s));
}

export function mentions(doc: Json, keys: PersonKeys): boolean {
  if (typeof doc === 'string') return hits(doc, keys);
  if (Array.isArray(doc)) return doc.some((d) => mentions(d, keys));
  if (doc && typeof doc === 'object') return Object.values(doc).some((d) => mentions(d, keys));
  return false;
}

/**
 * Signed records are legal records (signed minutes, a signed approval): what was signed and its
 * hash stay exactly as they were. A signed approval is kept whole (its hash covers the request and
 * the answers); on minutes only the `signed` versions are kept, the working draft is pseudonymized.
 */
export function signedParts(doc: Record<string, unknown>): { keepWhole: boolean; keepKeys: string[] } {
  if (doc.signature && typeof doc.signature === 'object') return { keepWhole: true, keepKeys: [] };
  return { keepWhole: false, keepKeys: Array.isArray(doc.signed) && doc.signed.length > 0 ? ['signed'] : [] };
}

function replaceIn(s: string, keys: PersonKeys, p: Pseudonym): string {
  let out = s;
  for (const id of keys.ids) if (id) out = out.split(id).join(p.id);
  // Longest names first, so "Marika Blomgren" goes before a shorter name inside it.
  for (const n of [...keys.names].sort((a, b) => b.length - a.length)) if (n) out = out.replace(nameRe(n), p.name);
  return out;
}

function rewrite(value: Json, keys: PersonKeys, p: Pseudonym): Json {
  if (typeof value === 'string') return replaceIn(value, keys, p);
  if (Array.isArray(value)) return value.map((v) => rewrite(v, keys, p));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, keys, p)]));
  return value;
}

export type Erasure = { kind: 'unchanged' } | { kind: 'keptSigned' } | { kind: 'pseudonymized'; doc: Record<string, unknown>; keptSignedParts: boolean };

/** The document with the person replaced by the pseudonym, except its signed parts. */
export function pseudonymize(doc: Record<string, unknown>, keys: PersonKeys, p: Pseudonym): Erasure {
  if (!mentions(doc, keys)) return { kind: 'unchanged' };
  const signed = signedParts(doc);
  if (signed.keepWhole) return { kind: 'keptSigned' };
  const next: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) next[k] = LOCATING_KEYS.has(k) || signed.keepKeys.includes(k) ? v : rewrite(v, keys, p);
  const changed = JSON.stringify(next) !== JSON.stringify(doc);
  return changed ? { kind: 'pseudonymized', doc: next, keptSignedParts: signed.keepKeys.length > 0 } : { kind: 'keptSigned' };
}

/**
 * Swedish personal identity and coordination numbers (personnummer, samordningsnummer: a date of
 * 6 or 8 digits, the day plus 60 for the latter, an optional - or +, then 4 digits). Text that
 * leaves Lokus for another service has them taken out first; a phone number that looks like one
 * is taken out too, which is the safe side.
 */
const IDENTITY_NUMBER = /(?<!\d)(?:18|19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])[-+ ]?\d{4}(?!\d)/g;

export function withoutIdentityNumbers(text: string, mask = '[personnummer]'): string {
  return text.replace(IDENTITY_NUMBER, mask);
}
