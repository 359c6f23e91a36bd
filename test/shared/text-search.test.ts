import { describe, expect, it } from 'vitest';
import { matchesQuery, stem } from '../../src/shared/text-search.js';

describe('matchesQuery (Swedish word search)', () => {
  const decision = 'Lokusgruppen godkänner Avvikelserapporten om insatsstart den 1 mars 2018.';

  it('finds inflected forms, ignoring case', () => {
    expect(matchesQuery(decision, 'avvikelserapport')).toBe(true);
    expect(matchesQuery(decision, 'AVVIKELSERAPPORTEN')).toBe(true);
    expect(matchesQuery('Beslut om avvikelserapporterna', 'avvikelserapport')).toBe(true);
    expect(matchesQuery('Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag', 'uppdraget')).toBe(true);
    expect(matchesQuery('Förslag till kartläggningar', 'kartläggning')).toBe(true);
  });

  it('needs every query word, and does not match unrelated words', () => {
    expect(matchesQuery(decision, 'avvikelserapport insatsstart')).toBe(true);
    expect(matchesQuery(decision, 'avvikelserapport budget')).toBe(false);
    expect(matchesQuery(decision, 'mars 2019')).toBe(false);
    expect(matchesQuery('Ekonomi och budget', 'språkstöd')).toBe(false);
  });

  it('finds a longer word inside a compound, but not a short one', () => {
    expect(matchesQuery(decision, 'rapport')).toBe(true);
    expect(matchesQuery(decision, 'rapporter')).toBe(true);
    expect(matchesQuery(decision, 'art')).toBe(false);
  });

  it('keeps å, ä and ö as letters of their own', () => {
    expect(matchesQuery('Språkstödjare i Tierp', 'språkstöd')).toBe(true);
    expect(matchesQuery('Sprakstodjare', 'språkstöd')).toBe(false);
  });

  it('an empty query matches everything', () => {
    expect(matchesQuery(decision, '  ')).toBe(true);
  });

  it('stems common endings but keeps short words whole', () => {
    expect(stem('beslutet')).toBe('beslut');
    expect(stem('parterna')).toBe('part');
    expect(stem('att')).toBe('att');
  });
});
