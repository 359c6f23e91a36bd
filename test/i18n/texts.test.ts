import { describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv/index.js';
import { domainErrorText } from '../../src/bot/group-turn.js';

/** Issue 28: each Swedish slip the review found, as the texts now read. */
describe('the Swedish slips of the review, corrected', () => {
  it('a group is skapad, not inställd (which means cancelled)', () => {
    expect(sv.group.setupTitle).toBe('Kom igång med gruppen');
    expect(sv.group.created('Tierp')).toBe('Gruppen Tierp är skapad. Du är ordförande tills någon annan utses.');
    expect(sv.group.notSetUp).toBe('Gruppen är inte skapad än. Skriv **grupp** för att komma igång.');
  });

  it('a step that cannot be taken says why in one phrase per status', () => {
    const why = (status: string) => domainErrorText(sv, { code: 'MEETING.ILLEGAL_TRANSITION', details: { event: 'start', status } });
    expect(why('started')).toBe('Det går inte nu: mötet pågår.');
    expect(why('noticed')).toBe('Det går inte nu: kallelsen är redan skickad.');
    expect(why('planned')).toBe('Det går inte nu: mötet har inte startat än.');
    expect(why('ended')).toBe('Det går inte nu: mötet är avslutat.');
    expect(why('adjusted')).toBe('Det går inte nu: protokollet är justerat.');
  });

  it('an item is "punkt 3" or "§3", never "punkt §3"; notes are under an item', () => {
    expect(sv.running.moved('§3', 'AMIF projektansökan')).toBe('Nu behandlas §3 AMIF projektansökan.');
    expect(sv.running.moved('3', 'Granskning uppdrag')).toBe('Nu behandlas punkt 3 Granskning uppdrag.');
    expect(sv.running.noteRecorded('3')).toBe('Antecknat under punkt 3.');
    expect(sv.meeting.itemAdded('§4', 'Budget', 'Arbetsutskottets sammanträde')).toBe('§4 Budget är tillagd på dagordningen för Arbetsutskottets sammanträde.');
    expect(sv.followUp.entryHeader('2018-03-16', 'Lokusmöte Tierp', '2', 'Projektansökan')).toBe('2018-03-16 · Lokusmöte Tierp · punkt 2 Projektansökan');
    expect(sv.minutes.editItem('3')).toBe('Ändra punkt 3');
  });

  it('agreement, tense, "markerad som", the genitive and the domain words', () => {
    expect(sv.meeting.notSet).toBe('meddelas senare');
    expect(sv.followUp.overdue('2018-02-01')).toBe('Försenat – skulle ha varit klart 2018-02-01');
    expect(sv.attendance.corrected('Nima Najafi', 'anmält förhinder')).toBe('Rättat efter mötet: Nima Najafi är nu markerad som anmält förhinder. Rättelsen är loggad.');
    expect(sv.attendance.errors['ATTENDANCE.OTHERS_NOT_ALLOWED']!({ name: 'Marika Blomgren' })).toMatch(/^Du kan bara markera din egen närvaro, inte Marika Blomgrens\./);
    expect(sv.attendance.errors['ATTENDANCE.OTHERS_NOT_ALLOWED']!({ name: 'Lars' })).toMatch(/inte Lars\./);
    expect(sv.followUp.reminderDaysLabel).toMatch(/^Påminn den ansvarige/);
    expect(sv.attendance.total(4, 6)).toBe('Närvarande: 4 av 6 kallade');
    expect(sv.attendance.partialStatus('1-4')).toBe('närvarande punkt 1–4');
    expect(sv.attendance.partialStatus('§1-4')).toBe('närvarande §1–4');
    expect(sv.approvals.rules.all).toBe('Alla tillfrågade ska godkänna');
    expect(sv.approvals.history.outcome.approved).toBe('Dokumentet är godkänt – regeln är uppfylld.');
    expect(sv.approvals.history.outcome.expired).not.toMatch(/som den stod/);
    expect(sv.group.roleSaved('Geli Lytter', 'förbundets kansli')).toBe('Rollen är sparad: Geli Lytter – förbundets kansli.');
    expect(sv.meeting.itemMeta('Beslut', 'Nima Najafi')).toBe('Beslut · föredragande Nima Najafi');
    expect(sv.common.internalError).toBe('Något gick fel hos Lokus. Försök igen om en stund.');
  });

  it('the standing items and default titles of each kind of body', () => {
    expect(sv.group.meetingTitle.styrelse('RAR')).toBe('Förbundsstyrelsens sammanträde');
    expect(sv.group.meetingTitle['strategisk-utvecklingsgrupp']('Uppsala län')).toBe('Strategiska utvecklingsgruppens möte');
    expect(sv.minutes.document.keptAt(sv.minutes.document.subject.styrelse('RAR'))).toBe('fört vid förbundsstyrelsens sammanträde');
    expect(Object.values(sv.group.standingItemsProtokoll)).toEqual(['Val av justerare', 'Godkännande av dagordningen', 'Föregående protokoll', 'Övriga frågor', 'Nästa sammanträde']);
  });
});
