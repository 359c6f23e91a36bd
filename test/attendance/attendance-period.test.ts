import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/attendance/domain/attendance-period.js';

const TODAY = '2018-11-22';

describe('närvaro [från] [till]: the period', () => {
  it.each([
    ['', {}],
    ['2018', { from: '2018-01-01', to: '2018-12-31' }],
    ['2018-03-01', { from: '2018-03-01' }],
    ['från 2018-03-01', { from: '2018-03-01' }],
    ['2018-01-01 2018-06-30', { from: '2018-01-01', to: '2018-06-30' }],
    ['1 januari till 30 juni', { from: '2018-01-01', to: '2018-06-30' }],
    ['16/3 – 20/4', { from: '2018-03-16', to: '2018-04-20' }],
    ['16 mars 2017 16 mars 2018', { from: '2017-03-16', to: '2018-03-16' }],
    ['1 december', { from: '2017-12-01' }],
  ])('reads "%s"', (text, period) => {
    expect(parsePeriod(text, TODAY)).toEqual({ ok: true, value: period });
  });

  it('refuses dates that do not exist, unreadable text and a period that ends before it starts', () => {
    expect(parsePeriod('2018-02-30', TODAY)).toEqual({ ok: false, error: { code: 'DATE.INVALID', details: { text: '2018-02-30' } } });
    expect(parsePeriod('förra året', TODAY).ok).toBe(false);
    expect(parsePeriod('2018-06-30 2018-01-01', TODAY)).toEqual({ ok: false, error: { code: 'PERIOD.ORDER', details: { from: '2018-06-30', to: '2018-01-01' } } });
  });
});
