import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv/index.js';
import { renderSample, templateNames } from '../support/card-checks.js';
import { cardTexts } from '../support/cards.js';

/**
 * Issue 28: every Swedish text and every rendered sample card is held to docs/glossary.md (no word
 * the glossary says to avoid), to the Swedish time style (kl. 13.00–15.00), and buttons say what
 * they do (a verb, or "Nytt/Ny …"; a short allow-list of nouns that are right as they are).
 */

type Json = Record<string, any>;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The "undvik" column of the glossary table: word → the term to use instead. */
function avoidedWords(): Map<string, string> {
  const out = new Map<string, string>();
  const md = readFileSync(path.join(ROOT, 'docs/glossary.md'), 'utf8');
  for (const line of md.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || cells[1] === 'svenska' || /^-+$/.test(cells[1]!)) continue;
    for (const word of cells[4]!.split(',').map((w) => w.trim()).filter(Boolean)) out.set(word.toLowerCase(), cells[1]!);
  }
  return out;
}

/**
 * Every Swedish text: strings as they are, functions called with placeholders (a word, 1, 2 and a §
 * number for every argument, so both sides of "1 dag" / "2 dagar" and "punkt 3" / "§3" are read).
 */
function swedishTexts(): Array<{ key: string; text: string }> {
  const out: Array<{ key: string; text: string }> = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') out.push({ key, text: v });
    else if (typeof v === 'function') {
      const seen = new Set<string>();
      for (const arg of ['X', 1, 2, '§3', 0] as const) {
        let r: unknown;
        try {
          r = (v as (...a: unknown[]) => unknown)(...Array.from({ length: Math.max(1, v.length) }, () => arg));
        } catch {
          continue; // a number where the text wants a string: the other placeholders read it
        }
        if (typeof r === 'string' && !seen.has(r)) {
          seen.add(r);
          out.push({ key, text: r });
        }
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${key}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, key ? `${key}.${k}` : k);
  };
  walk(sv, '');
  return out;
}

function actionTitles(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.push(o.title);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

async function sampleCards(): Promise<Array<{ name: string; card: Json }>> {
  return Promise.all(templateNames().map(async (name) => ({ name, card: (await renderSample(name)) as Json })));
}

const letterBound = (word: string) => new RegExp(`(?<![\\p{L}\\d])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}\\d])`, 'iu');

/** What the time style forbids in Swedish: "13:00", "kl 13" (no full stop), "13.00-15.00" (a hyphen, not a dash). */
const TIME_SLIPS: Array<[RegExp, string]> = [
  [/(?<![\p{L}\d:])\d{1,2}:\d{2}(?!\d)/u, 'a time with a colon (write 13.00)'],
  [/(?<!\p{L})kl(?=\s)/u, '"kl" without its full stop (write kl.)'],
  [/\d\.\d{2}\s?-\s?\d/u, 'a hyphen between times (write 13.00–15.00)'],
];

/** Button titles: an imperative first word, or making something new, or one of the nouns that are right. */
const VERBS = new Set([
  'anteckna', 'avbryt', 'avsluta', 'avslå', 'begär', 'flytta', 'fortsätt', 'följ', 'föreslå', 'godkänn', 'gå', 'gör', 'hämta', 'anmäl', 'justera', 'kör', 'ladda', 'lägg', 'lämna',
  'koppla', 'markera', 'publicera', 'sök', 'spara', 'skapa', 'skicka', 'skriv', 'starta', 'stryk', 'ställ', 'ta', 'uppdatera', 'visa', 'välj', 'ändra', 'återkalla', 'öppna',
  // issue 26: the vote card (Rösta ja, Avstå) and the live card's Anmäl jäv
  'rösta', 'avstå',
]);
const NOUNS_ALLOWED = new Set(['Närvarande', 'Nästa punkt', 'Föregående punkt', 'Nästa sida', 'Föregående sida', 'Tillbaka', 'Markdown', 'Webbsida (HTML)', 'Word (.docx)']);
const isAction = (title: string) => NOUNS_ALLOWED.has(title) || /^(?:Ny|Nytt) /u.test(title) || VERBS.has(title.split(/\s/)[0]!.toLowerCase());

describe('the Swedish texts and cards against docs/glossary.md', () => {
  const avoid = avoidedWords();
  const texts = swedishTexts();

  it('reads the glossary: terms to avoid, each with the term to use', () => {
    expect(avoid.get('medlemmar')).toBe('deltagare');
    expect(avoid.get('kommentar')).toBe('synpunkt');
    expect(avoid.get('signera')).toBe('underskrift, skriva under, underskrivet');
    expect(avoid.get('inställd')).toBeDefined();
    expect(texts.length).toBeGreaterThan(400);
  });

  it('no Swedish text uses a clashing term', () => {
    const hits = texts.flatMap(({ key, text }) => [...avoid].filter(([w]) => letterBound(w).test(text)).map(([w, use]) => `${key}: "${w}" (use ${use}) in "${text}"`));
    expect(hits).toEqual([]);
  });

  it('no rendered sample card uses a clashing term', async () => {
    const hits: string[] = [];
    for (const { name, card } of await sampleCards()) {
      for (const text of cardTexts(card)) for (const [w, use] of avoid) if (letterBound(w).test(text)) hits.push(`${name}: "${w}" (use ${use}) in "${text}"`);
    }
    expect(hits).toEqual([]);
  });

  it('catches a clashing term where it is', () => {
    expect(letterBound('medlemmar').test('Lägg till medlemmar')).toBe(true);
    expect(letterBound('medlem').test('medlemsorganisationerna')).toBe(false);
    expect(letterBound('ställ in').test('Ställ in gruppen')).toBe(true);
  });
});

describe('Swedish time style: kl. 13.00–15.00', () => {
  it('in every Swedish text', () => {
    const hits = swedishTexts().flatMap(({ key, text }) => TIME_SLIPS.filter(([re]) => re.test(text)).map(([, why]) => `${key}: ${why} in "${text}"`));
    expect(hits).toEqual([]);
  });

  it('on every rendered sample card', async () => {
    const hits: string[] = [];
    for (const { name, card } of await sampleCards()) {
      for (const text of cardTexts(card)) for (const [re, why] of TIME_SLIPS) if (re.test(text)) hits.push(`${name}: ${why} in "${text}"`);
    }
    expect(hits).toEqual([]);
  });

  it('catches the slips the issue found', () => {
    const slips = ['13:00–15:00', '2018-02-05 09:00', 'kl 13', '13.00-15.00'];
    expect(slips.map((s) => TIME_SLIPS.some(([re]) => re.test(s)))).toEqual([true, true, true, true]);
    expect(['kl. 13.00–15.00', '5 februari kl. 9.00', 'Tid: 9.00–12.00', '2018-03-16', 'SHA-256'].map((s) => TIME_SLIPS.some(([re]) => re.test(s)))).toEqual([false, false, false, false, false]);
  });
});

describe('buttons say what they do', () => {
  it('every button on a rendered sample card is an action', async () => {
    const nouns: string[] = [];
    for (const { name, card } of await sampleCards()) for (const title of actionTitles(card)) if (!isAction(title)) nouns.push(`${name}: "${title}"`);
    expect(nouns).toEqual([]);
  });

  it('every Swedish button text is an action', () => {
    const buttons = swedishTexts().filter(({ key }) => /(?:Button|Send|Submit)$/.test(key) || /^minutes\.(?:cancel|regenerate|send|sign|requestChange|sendRequest|correction|editAll|saveAll|saveHeader)$/.test(key));
    expect(buttons.length).toBeGreaterThan(40);
    expect(buttons.filter(({ text }) => !isAction(text)).map(({ key, text }) => `${key}: "${text}"`)).toEqual([]);
  });

  it('the buttons the review found are verbs now', () => {
    expect([sv.running.noteButton, sv.running.decisionButton, sv.running.actionButton, sv.approvals.commentButton, sv.meeting.dropItemButton, sv.minutes.cancel]).toEqual([
      'Anteckna', 'Nytt beslut', 'Nytt uppdrag', 'Lämna synpunkt', 'Stryk punkten', 'Avbryt',
    ]);
    expect(['Anteckning', 'Beslut', 'Uppdrag', 'Synpunkt', 'Utgår'].filter(isAction)).toEqual([]);
  });
});
