import { describe, expect, it } from 'vitest';
import { cmd, commandArgs, normalizeText } from '../../src/bot/command.js';

describe('cmd()', () => {
  const help = cmd(['hjälp', 'help']);
  const start = cmd(['starta möte', 'start meeting']);
  const decision = cmd(['beslut', 'decision'], { args: 'required' });
  const log = cmd(['beslutslogg', 'decisions'], { args: 'optional' });

  it('matches whole command words in either language, any case, with extra spaces and a full stop', () => {
    for (const t of ['hjälp', 'HJÄLP', ' Hjälp. ', 'help']) expect(help.test(t)).toBe(true);
    for (const t of ['starta möte', 'Starta   möte.', 'START MEETING']) expect(start.test(t)).toBe(true);
  });

  it('does not match a longer word that starts the same', () => {
    expect(help.test('hjälpsam')).toBe(false);
    expect(decision.test('beslutslogg')).toBe(false);
    expect(log.test('beslutslogg')).toBe(true);
  });

  it('returns the arguments, keeping the text’s own full stop and line breaks', () => {
    const text = 'beslut Arbetsutskottet beslutade\natt godkänna.';
    expect(commandArgs(text, decision)).toBe('Arbetsutskottet beslutade\natt godkänna.');
    expect(commandArgs('beslutslogg avvikelserapport', log)).toBe('avvikelserapport');
    expect(commandArgs('beslutslogg.', log)).toBe('');
    expect(decision.test('beslut')).toBe(false);
  });

  it('folds non-breaking spaces and <br> but keeps lines', () => {
    expect(normalizeText('\u00a0 punkt&nbsp;Övriga   frågor<br>rad två ')).toBe('punkt Övriga frågor\nrad två');
  });
});
