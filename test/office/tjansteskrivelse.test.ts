import { describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv/index.js';
import { attLines, checkTjansteskrivelse, draftFromApproval, paragraphs, sectionsLength, tjansteskrivelseText, SECTIONS_MAX } from '../../src/office/domain/tjansteskrivelse.js';
import { expectGolden } from '../support/golden.js';
import { SEED002_ANSOKAN, SEED002_ATT, SEED002_RUBRIK, seed002Tjansteskrivelse, seed002Text } from './office-fixtures.js';

/** A tjänsteskrivelse's text cut into its sections at the headings seed 002 uses. */
function sections(text: string) {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const at = (h: string) => lines.indexOf(h);
  const proposal = at('Förslag till beslut');
  const arendet = at('Ärendet');
  const bedomning = at('Bedömning');
  return {
    rubrik: lines.slice(0, proposal),
    proposal: lines.slice(proposal + 1, arendet),
    arendet: lines.slice(arendet + 1, bedomning),
    bedomning: lines.slice(bedomning + 1, -1),
    signature: lines.at(-1),
  };
}

describe('the tjänsteskrivelse in seed 002’s structure', () => {
  const written = tjansteskrivelseText(seed002Tjansteskrivelse(), sv.office.document);

  it('is written as seed 002: golden fixture, and the seed itself line by line in each section', () => {
    expectGolden('office/tjansteskrivelse-002.txt', written);
    const seed = sections(seed002Text());
    const ours = sections(written);
    expect(ours.rubrik).toEqual(['Samordnare och partsamordnare Tierp']);
    expect(ours.rubrik).toEqual(seed.rubrik);
    expect(ours.proposal[0]).toBe('Förbundsstyrelsen föreslås besluta');
    expect(ours.proposal).toEqual(seed.proposal);
    expect(ours.proposal.slice(1).every((l) => l.startsWith('att '))).toBe(true);
    expect(ours.arendet[0]).toBe('Ansökan');
    expect(ours.arendet).toEqual(seed.arendet);
    expect(ours.bedomning).toEqual(seed.bedomning);
    expect(ours.signature).toBe('Åsa Fichtel, Förbundschef');
    expect(ours.signature).toBe(seed.signature);
    // Nothing more, nothing less: the whole text is the seed's, paragraph for paragraph.
    expect(written).toBe(`${seed002Text().trim()}\n`);
  });

  it('the arbetsutskott is proposed to decide when the ärende goes there', () => {
    const au = tjansteskrivelseText({ ...seed002Tjansteskrivelse(), body: 'arbetsutskott' }, sv.office.document);
    expect(sections(au).proposal[0]).toBe('Arbetsutskottet föreslås besluta');
  });

  it('drafts from the lokusgrupp’s approved application: first att-sats, Ärendet under Ansökan, the parties’ yes under Bedömning', () => {
    const d = draftFromApproval({ title: SEED002_RUBRIK, text: SEED002_ANSOKAN.join('\n\n'), groupName: 'lokusgruppen', signer: { name: 'Åsa Fichtel', title: 'Förbundschef' } }, sv.office.document);
    expect(d.attSatser).toEqual([SEED002_ATT[0]]);
    expect(d.arendetHeading).toBe('Ansökan');
    expect(d.arendet).toEqual(SEED002_ANSOKAN);
    // Seed 002's Bedömning ends with this very sentence.
    expect(seed002Text()).toContain(d.bedomning[0]);
    expect(d.bedomning).toEqual(['Ansökan har diskuterats av parterna i lokusgruppen och alla parter i lokusgruppen har ställt sig bakom ansökan.']);
  });

  it('an application longer than the sections’ budget (up to 20 000 characters) keeps its first paragraphs whole and says where the rest is, so the draft can be saved', () => {
    const signer = { name: 'Åsa Fichtel', title: 'Förbundschef' };
    const long = Array.from({ length: 40 }, (_, i) => `Stycke ${i + 1}: ${'Insatsen ger stöd åt individer som står långt från arbetsmarknaden. '.repeat(7).trim()}`);
    const d = draftFromApproval({ title: SEED002_RUBRIK, text: long.join('\n\n'), groupName: 'lokusgruppen', signer }, sv.office.document);
    expect(checkTjansteskrivelse(d)).toBeUndefined();
    expect(sectionsLength(d)).toBeLessThanOrEqual(SECTIONS_MAX);
    expect(d.arendet.at(-1)).toBe('Ansökan är längre än vad som ryms här. Hela ansökan finns i godkännandet i gruppens kanal.');
    expect(d.arendet.slice(0, -1)).toEqual(long.slice(0, d.arendet.length - 1));
    expect(d.arendet.length).toBeGreaterThan(5);
    // One paragraph longer than the budget is cut at a word.
    const whole = 'Långt ord '.repeat(2500).trim();
    const one = draftFromApproval({ title: SEED002_RUBRIK, text: whole, groupName: 'lokusgruppen', signer }, sv.office.document);
    expect(checkTjansteskrivelse(one)).toBeUndefined();
    const cut = one.arendet[0]!;
    expect(cut.endsWith('…')).toBe(true);
    expect(whole.startsWith(cut.slice(0, -1))).toBe(true);
    expect(whole[cut.length - 1]).toBe(' ');
    // A short one is left as it is.
    expect(draftFromApproval({ title: SEED002_RUBRIK, text: SEED002_ANSOKAN.join('\n\n'), groupName: 'lokusgruppen', signer }, sv.office.document).arendet).toEqual(SEED002_ANSOKAN);
  });

  it('reads att-satser one per line and paragraphs between blank lines, as typed on the card', () => {
    expect(attLines('- bevilja medel\natt avsätta 2 500 000 kr\n\n')).toEqual(['att bevilja medel', 'att avsätta 2 500 000 kr']);
    expect(paragraphs('Första stycket\nfortsätter.\n\nAndra.')).toEqual(['Första stycket fortsätter.', 'Andra.']);
  });
});
