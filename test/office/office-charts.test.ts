import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en/index.js';
import { sv } from '../../src/i18n/sv/index.js';
import { meetingsChartSpec, monthlyGoal } from '../../src/office/office-charts.js';
import { sampleOverview } from './office-fixtures.js';

describe('the meetings chart’s goal line', () => {
  it('writes the monthly goal with a decimal comma in Swedish and a decimal point in English', () => {
    const o = sampleOverview();
    expect(monthlyGoal(o)).toBe(2.5);
    expect(JSON.stringify(meetingsChartSpec(o, sv))).toContain('Mål per månad: 2,5');
    const english = JSON.stringify(meetingsChartSpec(o, en));
    expect(english).toContain('Goal per month: 2.5');
    expect(english).not.toContain('2,5');
  });
});
