import { describe, expect, it } from 'vitest';
import {
  formatLongDate,
  formatTimeRange,
  formatClockRange,
  formatDayMonth,
  formatInstant,
  parseDate,
  parseTime,
  parseWhen,
  splitPlace,
  stockholmDate,
  stockholmTime,
  toInstant,
} from '../../src/shared/swedish-date.js';

const today = '2018-01-25';
const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : undefined);
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('Swedish dates', () => {
  it.each([
    ['2018-03-16', '2018-03-16'],
    ['16/3', '2018-03-16'],
    ['16/3 2018', '2018-03-16'],
    ['16/3-19', '2019-03-16'],
    ['16 mars', '2018-03-16'],
    ['16 Mars 2018', '2018-03-16'],
    ['fredag den 16 mars', '2018-03-16'],
    ['1 jan', '2019-01-01'],
    ['25 januari', '2018-01-25'],
    ['idag', '2018-01-25'],
    ['i dag', '2018-01-25'],
    ['imorgon', '2018-01-26'],
    ['I morgon', '2018-01-26'],
    ['16 March', '2018-03-16'],
    ['tomorrow', '2018-01-26'],
  ])('reads %s as %s', (text, expected) => {
    expect(value(parseDate(text, today))).toBe(expected);
  });

  it.each(['30 februari', '31/4', '2018-02-29', '2018-13-01', '16/13', '0/3'])('refuses the impossible date %s with the reason', (text) => {
    const r = parseDate(text, today);
    expect(code(r)).toBe('DATE.INVALID');
    expect(r.ok ? undefined : r.error.details?.text).toBe(text);
  });

  it('accepts 29 February in a leap year', () => {
    expect(value(parseDate('29 februari', '2020-01-10'))).toBe('2020-02-29');
    expect(code(parseDate('29 februari', '2019-01-10'))).toBe('DATE.INVALID');
  });

  it.each([
    ['16 april', '2018-04-16'],
    ['1 maj', '2018-05-01'],
    ['30 juni', '2018-06-30'],
    ['31 juli', '2018-07-31'],
    ['15 augusti', '2018-08-15'],
    ['1 september', '2018-09-01'],
    ['31 oktober', '2018-10-31'],
    ['30 november', '2018-11-30'],
    ['24 december', '2018-12-24'],
    ['16 apr', '2018-04-16'],
    ['1 sept', '2018-09-01'],
    ['16 okt', '2018-10-16'],
    ['16/10', '2018-10-16'],
    ['24/12 2018', '2018-12-24'],
  ])('reads %s (a month after March) as %s', (text, expected) => {
    expect(value(parseDate(text, today))).toBe(expected);
  });

  it.each(['31 april', '31 juni', '31 september', '31 november', '31/11', '31/6', '32 december'])(
    'refuses the impossible date %s in a month after March',
    (text) => {
      const r = parseDate(text, today);
      expect(code(r)).toBe('DATE.INVALID');
      expect(r.ok ? undefined : r.error.details?.text).toBe(text);
    },
  );

  it('says a text that is no date is unreadable', () => {
    expect(code(parseDate('nästa vecka', today))).toBe('DATE.UNREADABLE');
  });
});

describe('Swedish times', () => {
  it.each([
    ['13:00-15:00', { start: '13:00', end: '15:00' }],
    ['13:00–15:00', { start: '13:00', end: '15:00' }],
    ['13-15', { start: '13:00', end: '15:00' }],
    ['13–15', { start: '13:00', end: '15:00' }],
    ['kl 13', { start: '13:00' }],
    ['kl. 13', { start: '13:00' }],
    ['kl 13:00', { start: '13:00' }],
    ['klockan 13:00–15:00', { start: '13:00', end: '15:00' }],
    ['8.30-15.00', { start: '08:30', end: '15:00' }],
    ['9-15', { start: '09:00', end: '15:00' }],
    ['13:00 till 24:00', { start: '13:00', end: '24:00' }],
  ])('reads %s', (text, expected) => {
    expect(value(parseTime(text))).toEqual(expected);
  });

  it('refuses an end before (or at) the start', () => {
    const r = parseTime('15-13');
    expect(code(r)).toBe('TIME.END_BEFORE_START');
    expect(r.ok ? undefined : r.error.details).toEqual({ start: '15:00', end: '13:00' });
    expect(code(parseTime('13-13'))).toBe('TIME.END_BEFORE_START');
  });

  it.each(['25:00', 'kl 13:75', '24:00', '13-25'])('refuses the impossible time %s', (text) => {
    expect(code(parseTime(text))).toBe('TIME.INVALID');
  });
});

describe('date, time and place in free text', () => {
  it('reads seed 000’s next meeting', () => {
    const r = value(parseWhen('16 mars klockan 13:00–15:00 på Regionens hus, lokal Aspnäs', today))!;
    expect(r.date).toBe('2018-03-16');
    expect(r.time).toEqual({ start: '13:00', end: '15:00' });
    expect(splitPlace(r.rest)).toEqual({ place: 'Regionens hus', room: 'Aspnäs' });
  });

  it('reads an ISO date, a short range and a place without room', () => {
    const r = value(parseWhen('2016-02-04 9-15 Hotell Malmköping', today))!;
    expect(r).toEqual({ date: '2016-02-04', time: { start: '09:00', end: '15:00' }, rest: 'Hotell Malmköping' });
  });

  it('does not take a room number for a time', () => {
    const r = value(parseWhen('16/3 kl 13 Stadshuset rum 12', today))!;
    expect(r.time).toEqual({ start: '13:00' });
    expect(splitPlace(r.rest)).toEqual({ place: 'Stadshuset', room: '12' });
  });

  it('returns everything as rest when there is no date or time', () => {
    expect(value(parseWhen('Borgenkyrkan', today))).toEqual({ rest: 'Borgenkyrkan' });
  });

  it('refuses an impossible date or backwards time inside the text', () => {
    expect(code(parseWhen('31 april kl 13 Tierp', today))).toBe('DATE.INVALID');
    expect(code(parseWhen('16 mars 15-13 Tierp', today))).toBe('TIME.END_BEFORE_START');
  });

  it('splits "lokal:" with a colon', () => {
    expect(splitPlace('Regionen hus, lokal: Aspnäs')).toEqual({ place: 'Regionen hus', room: 'Aspnäs' });
  });
});

describe('Stockholm time', () => {
  it('knows the Stockholm date and time around midnight and across summer time', () => {
    expect(stockholmDate(new Date('2018-03-15T23:30:00Z'))).toBe('2018-03-16');
    expect(stockholmTime(new Date('2018-03-16T12:00:00Z'))).toBe('13:00');
    expect(stockholmTime(new Date('2018-06-16T12:00:00Z'))).toBe('14:00');
    expect(toInstant('2018-03-16', '13:00').toISOString()).toBe('2018-03-16T12:00:00.000Z');
    expect(toInstant('2018-06-16', '13:00').toISOString()).toBe('2018-06-16T11:00:00.000Z');
  });

  it('writes dates and times the Swedish way', () => {
    expect(formatLongDate('2018-03-16')).toBe('fredag 16 mars 2018');
    expect(formatLongDate('2018-03-16', 'en')).toBe('Friday 16 March 2018');
    expect(formatTimeRange({ start: '13:00', end: '15:00' })).toBe('kl. 13.00–15.00');
    expect(formatTimeRange({ start: '09:00' })).toBe('kl. 9.00');
    expect(formatTimeRange({ start: '13:00', end: '15:00' }, 'en')).toBe('13:00–15:00');
    expect(formatClockRange({ start: '09:00', end: '12:00' })).toBe('9.00–12.00');
    expect(formatInstant('2018-02-05T08:00:00.000Z')).toBe('5 februari 2018 kl. 9.00');
    expect(formatInstant('2018-02-05T08:00:00.000Z', 'sv', '2018-01-29')).toBe('5 februari kl. 9.00');
    expect(formatInstant('2018-07-05T11:30:00.000Z', 'en')).toBe('5 July 2018 13:30');
    expect(formatDayMonth('2018-03-16')).toBe('16 mars 2018');
  });
});

describe('parseWhen: what is left looking like a broken date or time', () => {
  it('is refused, not taken for a place', () => {
    expect(parseWhen('2026-12-01 -1:00', '2026-11-22')).toMatchObject({ ok: false, error: { code: 'TIME.INVALID', details: { text: '-1:00' } } });
    expect(parseWhen('2026-1-1x 13-15', '2026-11-22')).toMatchObject({ ok: false, error: { code: 'DATE.INVALID', details: { text: '2026-1-1x' } } });
    expect(parseWhen('2026-12-01 3:e våningen', '2026-11-22')).toMatchObject({ ok: true, value: { rest: '3:e våningen' } });
    expect(parseWhen('2026-12-01 rum 12', '2026-11-22')).toMatchObject({ ok: true, value: { rest: 'rum 12' } });
  });
});

describe('Stockholm wall clock around summer time', () => {
  // What the clocks on the wall in Stockholm said, as written by hand (not by the code under test).
  const cases: Array<[string, string, string]> = [
    ['2026-03-29T00:59:00Z', '2026-03-29', '01:59'], // winter time, UTC+1
    ['2026-03-29T01:00:00Z', '2026-03-29', '03:00'], // summer time starts: 02:00 becomes 03:00
    ['2026-03-29T01:30:00Z', '2026-03-29', '03:30'],
    ['2026-10-25T00:59:00Z', '2026-10-25', '02:59'], // summer time, UTC+2
    ['2026-10-25T01:00:00Z', '2026-10-25', '02:00'], // winter time again: 03:00 becomes 02:00
    ['2026-12-31T22:59:00Z', '2026-12-31', '23:59'],
    ['2026-12-31T23:00:00Z', '2027-01-01', '00:00'],
    ['2018-03-16T12:00:00Z', '2018-03-16', '13:00'],
    ['2018-06-30T22:15:00Z', '2018-07-01', '00:15'],
  ];
  it.each(cases)('%s is %s %s in Stockholm', (iso, date, time) => {
    expect(stockholmDate(new Date(iso))).toBe(date);
    expect(stockholmTime(new Date(iso))).toBe(time);
  });
});
