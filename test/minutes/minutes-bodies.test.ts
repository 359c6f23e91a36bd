import { describe, expect, it } from 'vitest';
import { draftMinutes, headingSubject, type MinutesPerson } from '../../src/minutes/domain/minutes.js';
import { editHeader, newMinutes } from '../../src/minutes/domain/minutes-record.js';
import { personLine, renderMinutesText } from '../../src/minutes/domain/minutes-text.js';
import { must } from '../meetings/fixtures.js';
import { standingItems } from '../../src/groups/group-listeners.js';
import { sv } from '../../src/i18n/sv/index.js';
import { expectGolden } from '../support/golden.js';
import { SEED_000, SEED_001, SEED_004, seed003Sammantrade, seedGroup, seedMeeting, seedStyrelse, type SeedMeeting } from './minutes-seeds.js';

/**
 * Issue 28: golden minutes for each kind of body, headed and laid out the way that body writes
 * them – a lokusgrupp's and a strategisk utvecklingsgrupp's minnesanteckningar, an arbetsutskott's
 * and a förbundsstyrelse's protokoll – with the standing items the bot gives that kind of group and
 * the förbund's staff listed as "Övriga närvarande", never as a party.
 */

const L = sv.minutes.document;

function minutesOf(s: SeedMeeting): string {
  const group = seedGroup(s);
  return renderMinutesText(draftMinutes({ meeting: seedMeeting(s, group), group, language: 'sv', labels: L }), L);
}

/** The text between a "Label:" line and the next empty-line-separated label or item. */
function section(text: string, label: string): string[] {
  const blocks = text.split('\n\n');
  const i = blocks.findIndex((b) => b === `${label}:` || b.startsWith(`${label}: `));
  if (i === -1) return [];
  const first = blocks[i]!.startsWith(`${label}: `) ? blocks[i]!.slice(label.length + 2) : blocks[i + 1]!;
  return first.split('\n');
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('minutes per kind of body, as each writes them', () => {
  it('lokusgrupp (seed 000): "Minnesanteckningar från lokusmöte Tierp", the party representatives, the kansli as Övriga närvarande', () => {
    const s: SeedMeeting = { ...SEED_000, groupName: 'Tierp', title: sv.group.meetingTitle.lokusgrupp('Tierp'), standing: standingItems(sv, 'lokusgrupp') };
    const text = minutesOf(s);
    expectGolden('minutes/body-lokusgrupp.txt', text);
    expect(lines(text)[0]).toBe('Minnesanteckningar från lokusmöte Tierp');
    expect(section(text, 'Närvarande')).toEqual(['Birgitta Olsson, Region Uppsala', 'Marika Söderberg, Försäkringskassan', 'Wictoria Palmetorp, Arbetsförmedlingen', 'Nima Najafi, Tierps Kommun']);
    expect(section(text, 'Övriga närvarande')).toEqual(['Geli Lytter, Samordningsförbundet', 'Marika Blomgren, Samordningsförbundet']);
    expect(lines(text)).toContain('1. Föregående minnesanteckningar');
    expect(lines(text)).toContain('6. Övriga frågor');
    expect(section(text, 'Nästa möte')[0]).toBe('16 mars klockan 13:00-15:00 på Regionen hus, lokal: Aspnäs');
    expect(text.endsWith('Sekreterare\nMarika Blomgren\n')).toBe(true);
  });

  it('strategisk utvecklingsgrupp (seed 001): "Minnesanteckningar från Strategiska utvecklingsgruppens möte", Tid 9.00–12.00, Frånvarande', () => {
    const text = minutesOf(SEED_001);
    expectGolden('minutes/body-sug-001.txt', text);
    expect(lines(text).slice(0, 5)).toEqual([
      'Minnesanteckningar från Strategiska utvecklingsgruppens möte',
      'Dag: 2016-09-13',
      'Tid: 9.00–12.00',
      'Plats: Clarion Hotel Gillet, Dragarbrunnsgatan 23, Uppsala',
      'Anteckningar förda av: Magdalena Sjelin',
    ]);
    expect(section(text, 'Närvarande')).toHaveLength(12);
    expect(section(text, 'Närvarande')).not.toContain('Åsa Fichtel, förbundschef');
    expect(section(text, 'Övriga närvarande')).toEqual(['Åsa Fichtel, förbundschef', 'Geli Lytter, verksamhetsutvecklare', 'Magdalena Sjelin, Samordningsförbundet']);
    expect(section(text, 'Frånvarande')).toEqual(['Carina Bergman, Arbetsförmedlingen', 'Elisabeth Kantor, Enköpings kommun', 'Anna-Lena Rudström, Tierps kommun', 'Ulrika Björn, Enköpings kommun']);
    expect(lines(text)).toContain('3. KISA – SG som referensgrupp?');
    expect(lines(text)).toContain('Beslut: Gruppen beslutar att man kan verka som en referensgrupp för KISA så länge projektledarens besök infaller under ordinarie möten för den strategiska utvecklingsgruppen.');
    expect(section(text, 'Nästa möte')).toEqual(['28 oktober kl. 13.00–16.00']);
  });

  it('strategisk utvecklingsgrupp (seed 004): the kansli ("Kansli" as the seed writes it) is no party, Frånvarande as written', () => {
    const text = minutesOf(SEED_004);
    expectGolden('minutes/body-sug-004.txt', text);
    expect(lines(text)[0]).toBe('Minnesanteckningar från Strategiska utvecklingsgruppens möte');
    expect(lines(text)).toContain('Tid: 9.00–12.00');
    expect(section(text, 'Närvarande')).toHaveLength(14);
    expect(section(text, 'Övriga närvarande')).toEqual(['Åsa Fichtel, förbundschef', 'Geli Lytter, Kansli', 'Kimmo Niva, Kansli', 'Maria Dahl Blomberg, Kansli']);
    expect(section(text, 'Frånvarande')).toEqual(['Marie Palmgren, Enköpings kommun']);
    expect(lines(text)).toContain('Uppdrag: Lena Winterbom – presentera uppdraget för samverkanskoordinatorerna, senast 2017-03-03');
  });

  it('arbetsutskott (seed 003 at a sammanträde): "Protokoll fört vid arbetsutskottets sammanträde", Val av justerare, Godkännande av dagordningen, Föregående protokoll', () => {
    const text = minutesOf(seed003Sammantrade(standingItems(sv, 'arbetsutskott')));
    expectGolden('minutes/body-arbetsutskott.txt', text);
    expect(lines(text).slice(0, 4)).toEqual(['Protokoll', 'fört vid arbetsutskottets sammanträde', 'Datum: 2016-03-30 kl. 13.00–17.00', 'Plats: Hotell Malmköping']);
    expect(lines(text).filter((l) => l.startsWith('§'))).toEqual([
      '§1 Val av justerare',
      '§2 Godkännande av dagordningen',
      '§3 Föregående protokoll',
      '§4 AMIF projektansökan - Information',
      '§5 Implementering, hur ska vi förhålla oss?',
      '§6 Övriga frågor',
      '§7 Nästa sammanträde',
    ]);
    expect(section(text, 'Närvarande')[0]).toBe('Marie Svensson, ordf');
    expect(section(text, 'Övriga närvarande')).toEqual(['Ola Wiktorson, förbundschef']);
    expect(text).toContain('Vid protokollet:\n\nAnn Lundqvist\nFörbundssekreterare\n\nJusteras:\n\nMarie Svensson\nOrdförande\n\nBritta Bergström\n2:e vice ordförande\n');
  });

  it('förbundsstyrelse: "Protokoll fört vid förbundsstyrelsens sammanträde", Närvarande ledamöter, Tjänstgörande ersättare, Övriga närvarande, Frånvarande', () => {
    const text = minutesOf(seedStyrelse(standingItems(sv, 'styrelse')));
    expectGolden('minutes/body-styrelse.txt', text);
    expect(lines(text).slice(0, 4)).toEqual(['Protokoll', 'fört vid förbundsstyrelsens sammanträde', 'Datum: 2017-12-15 kl. 9.00–11.30', 'Plats: Regionens hus, Uppsala']);
    expect(section(text, 'Närvarande ledamöter')).toEqual(['Karin Lundgren, ordf', 'Per Holmberg, v ordf', 'Johan Ahlström, Arbetsförmedlingen']);
    expect(section(text, 'Tjänstgörande ersättare')).toEqual(['Eva Nordin, Försäkringskassan (ersättare för Sara Bergkvist)']);
    expect(section(text, 'Övriga närvarande')).toEqual(['Åsa Fichtel, förbundschef']);
    expect(section(text, 'Frånvarande')).toEqual(['Sara Bergkvist, Försäkringskassan (anmält förhinder)']);
    expect(text).not.toMatch(/^Närvarande:/m);
    expect(lines(text).filter((l) => l.startsWith('§'))).toEqual([
      '§1 Val av justerare',
      '§2 Godkännande av dagordningen',
      '§3 Föregående protokoll',
      '§4 Samordnare och partsamordnare Tierp',
      '§5 Övriga frågor',
      '§6 Nästa sammanträde',
    ]);
    expect(text).toContain('Beslut: Förbundsstyrelsen beslutade\n\n- att bevilja finansiellt stöd från förbundet enligt ansökan till insatsen Samordnare och partsamordnare Tierp\n- att avsätta maximalt 2 500 000 kr');
    expect(text).toContain('Vid protokollet:\n\nMaria Dahl Blomberg\nFörbundssekreterare\n\nJusteras:\n\nKarin Lundgren\nOrdförande\n\nJohan Ahlström\nJusterare\n');
  });

  it('names the meeting by the body when it kept the default title, and by the chair’s title otherwise', () => {
    const g = (kind: SeedMeeting['kind'], name = 'RAR') => ({ kind, name });
    expect(headingSubject({ title: 'Förbundsstyrelsens sammanträde' }, g('styrelse'), L)).toBe('förbundsstyrelsens sammanträde');
    expect(headingSubject({ title: 'Förbundsstyrelsen RAR' }, g('styrelse'), L)).toBe('förbundsstyrelsens sammanträde');
    expect(headingSubject({ title: 'Strategiska utvecklingsgruppen RAR' }, g('strategisk-utvecklingsgrupp'), L)).toBe('Strategiska utvecklingsgruppens möte');
    expect(headingSubject({ title: 'Lokusmöte Tierp' }, g('lokusgrupp', 'Tierp'), L)).toBe('lokusmöte Tierp');
    expect(headingSubject({ title: 'planeringsdag med arbetsutskottet' }, g('arbetsutskott'), L)).toBe('planeringsdag med arbetsutskottet');
  });
});

describe('the secretary edits the attendance sections', () => {
  it('reads present, serving substitutes, others present and absent back as the card shows them', () => {
    const s = seedStyrelse(standingItems(sv, 'styrelse'));
    const group = seedGroup(s);
    const doc = draftMinutes({ meeting: seedMeeting(s, group), group, language: 'sv', labels: L });
    const m = newMinutes({ id: 'min-1', groupId: group.groupId, meetingId: 'meeting-1', secretaryId: 'm_maria', doc, at: '2017-12-15T12:00:00.000Z' });
    const shown = (people: MinutesPerson[] | undefined) => (people ?? []).map((p) => personLine(p, L)).join('\n');
    const same = must(editHeader(m, { present: shown(doc.present), substitutes: shown(doc.substitutes), others: shown(doc.others), absent: shown(doc.absent) }, 'm_maria', '2017-12-15T13:00:00.000Z'));
    expect(renderMinutesText(same.doc, L)).toBe(renderMinutesText(doc, L));
    expect(same.doc.substitutes).toEqual([{ memberId: 'm_eva', name: 'Eva Nordin', label: 'Försäkringskassan', substituteFor: 'Sara Bergkvist' }]);
    expect(same.doc.absent).toEqual([{ memberId: 'm_sara', name: 'Sara Bergkvist', label: 'Försäkringskassan', excused: true }]);

    const edited = must(editHeader(same, { others: 'Åsa Fichtel, förbundschef\nKimmo Niva, ekonom', substitutes: '' }, 'm_maria', '2017-12-15T14:00:00.000Z'));
    const text = renderMinutesText(edited.doc, L);
    expect(text).toContain('Övriga närvarande: Åsa Fichtel, förbundschef\nKimmo Niva, ekonom');
    expect(text).not.toContain('Tjänstgörande ersättare');
  });
});
