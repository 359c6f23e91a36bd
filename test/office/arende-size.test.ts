import { describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv/index.js';
import { editArende, type Arende } from '../../src/office/domain/arende.js';
import { checkTjansteskrivelse, sectionsLength, SECTIONS_MAX, type Tjansteskrivelse } from '../../src/office/domain/tjansteskrivelse.js';
import { arendeCard, HISTORY_ON_CARD } from '../../src/office/arende-view.js';
import { TEAMS_MAX_ACTIVITY_BYTES } from '../support/connector.js';
import { cardText, findInput } from '../support/cards.js';
import { sampleArende } from './office-fixtures.js';

/** The worst case of Swedish text, n characters: nothing but å/ä/ö and the en dash (2 and 3 bytes in UTF-8). */
const swedish = (n: number) => 'åäöÅÄÖ–'.repeat(Math.ceil(n / 7)).slice(0, n);

/** The largest tjänsteskrivelse the card lets through: every field at its limit, the three sections sharing theirs. */
function largest(): Tjansteskrivelse {
  const third = Math.floor(SECTIONS_MAX / 3);
  const lines = (n: number, sep: string, prefix = '') => {
    const out: string[] = [];
    let left = n;
    while (left > 0) {
      const len = Math.min(left - (out.length ? sep.length : 0), 400);
      if (len <= prefix.length) break;
      out.push(prefix + swedish(len - prefix.length));
      left -= len + (out.length > 1 ? sep.length : 0);
    }
    return out;
  };
  return {
    rubrik: swedish(200),
    body: 'styrelse',
    attSatser: lines(third, '\n', 'att '),
    arendetHeading: swedish(200),
    arendet: lines(third, '\n\n'),
    bedomning: lines(SECTIONS_MAX - 2 * third, '\n\n'),
    signer: { name: swedish(200), title: swedish(200) },
  };
}

describe('the ärende card at its largest', () => {
  it('every field at its limit in å/ä/ö and 200 edits stay under Teams’ 28 KB; the card shows the latest edits and says how many came before', () => {
    const t = largest();
    expect(sectionsLength(t)).toBeGreaterThan(SECTIONS_MAX - 10);
    expect(sectionsLength(t)).toBeLessThanOrEqual(SECTIONS_MAX);
    let a: Arende = sampleArende();
    for (let i = 0; i < 200; i++) {
      const r = editArende(a, t, `Handläggare Åsa Öberg-Ärlemalm ${i}`, `2018-02-01T09:${String(i % 60).padStart(2, '0')}:00.000Z`);
      if (!r.ok) throw new Error(r.error.code);
      a = r.value;
    }
    expect(a.history).toHaveLength(201);
    const meetings = Array.from({ length: 8 }, (_, i) => ({ title: `Förbundsstyrelsen i Samordningsförbundet Östra Uppland: Sammanträde ${i + 1} 2018-0${i + 1}-15`, value: `g_${'0'.repeat(32)}|meeting-${'0'.repeat(36)}` }));
    const card = arendeCard(sv, 'sv', a, meetings, sv.office.saved);
    const activity = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    const bytes = Buffer.byteLength(JSON.stringify(activity), 'utf8');
    console.log(`ärende card, sections at ${sectionsLength(t)} characters, 201 history entries: ${bytes} bytes`);
    expect(bytes).toBeLessThan(TEAMS_MAX_ACTIVITY_BYTES);
    const text = cardText(card);
    expect(text).toContain(`… och ${201 - HISTORY_ON_CARD} tidigare händelser`);
    expect(text).toContain('Handläggare Åsa Öberg-Ärlemalm 199');
    expect(text).not.toContain('Handläggare Åsa Öberg-Ärlemalm 189');
    // Teams stops typing at the shared limit in each field; more together is refused on saving.
    for (const id of ['attSatser', 'arendet', 'bedomning']) expect(findInput(card, id).maxLength).toBe(SECTIONS_MAX);
  });

  it('the three sections over their shared limit together are refused, though each alone is within it', () => {
    const t = largest();
    expect(checkTjansteskrivelse(t)).toBeUndefined();
    const over = { ...t, bedomning: [...t.bedomning, 'Ett stycke till.'] };
    expect(checkTjansteskrivelse(over)).toBe('TEXT_TOO_LONG');
    const r = editArende(sampleArende(), over, 'Marika Blomgren', '2018-02-01T09:00:00.000Z');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(sv.office.errors[r.error.code]).toBe('Förslag till beslut, Ärendet och Bedömning får tillsammans vara högst 6 000 tecken. Korta texten och spara igen.');
  });
});
