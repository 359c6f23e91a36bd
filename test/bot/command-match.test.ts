import { describe, expect, it } from 'vitest';
import { editDistance, matchCommand } from '../../src/bot/command-match.js';
import { registeredCommands } from '../../src/bot/command.js';
// The listeners make the commands (`cmd()`); the bot app loads every one of them, as in production.
import '../../src/bot/bot-app.js';
import { sv } from '../../src/i18n/sv/index.js';

describe('matchCommand: near misses of command words (issue 25)', () => {
  it('reads other forms of the words and keeps everything typed after them', () => {
    expect(matchCommand('anteckningar Diskussion om budgeten')).toEqual({ command: 'anteckning', args: 'required', rest: 'Diskussion om budgeten', text: 'anteckning Diskussion om budgeten', kind: 'inflection' });
    expect(matchCommand('besluta Lokusgruppen beslutade att godkänna rapporten.\natt skicka den vidare')?.text).toBe('beslut Lokusgruppen beslutade att godkänna rapporten.\natt skicka den vidare');
    expect(matchCommand('starta mötet')).toMatchObject({ command: 'starta möte', text: 'starta möte', kind: 'inflection' });
    expect(matchCommand('Avsluta mötet.')).toMatchObject({ command: 'avsluta möte', kind: 'inflection' });
    expect(matchCommand('protokollet 2018-01-25')).toMatchObject({ command: 'protokoll', rest: '2018-01-25' });
  });

  it('finds typos within a letter or two', () => {
    expect(matchCommand('nästa pukt')).toMatchObject({ command: 'nästa punkt', text: 'nästa punkt', kind: 'typo' });
    expect(matchCommand('nasta punkt')).toMatchObject({ command: 'nästa punkt', kind: 'typo' });
    expect(matchCommand('antecknign Budgeten diskuterades')).toMatchObject({ command: 'anteckning', text: 'anteckning Budgeten diskuterades' });
    expect(matchCommand('dagordnign')).toMatchObject({ command: 'dagordning' });
    expect(matchCommand('uppdragslsta')).toMatchObject({ command: 'uppdragslista' });
    expect(matchCommand('nxet item')).toMatchObject({ command: 'next item' });
    expect(matchCommand('protokolet förvaras i kommunhuset')).toMatchObject({ command: 'protokollet förvaras', text: 'protokollet förvaras i kommunhuset' });
    expect(matchCommand('incheckningen')).toMatchObject({ command: 'incheckning' });
    expect(matchCommand('avsluta omröstnigen')).toMatchObject({ command: 'avsluta omröstningen' });
  });

  it('offers nothing for other text, exact commands, or a command missing its text', () => {
    for (const text of ['tack för idag', 'vad händer nu?', 'nästa punkt', 'beslutslogg budget', 'anteckningar', 'hej', 'punkten', 'mötet', 'starta mötet nu tack', 'beslutsunderlag finns']) {
      expect(matchCommand(text), text).toBeUndefined();
    }
  });

  it('knows every command the help lists', () => {
    const helped = sv.help.commands.flatMap((c) => c.command.split(' / ').map((one) => one.split(/ [[‹]/)[0]!));
    expect(helped.filter((c) => !registeredCommands().some((w) => w.words.includes(c)))).toEqual([]);
  });

  it('counts edits, a swap of two neighbours as one', () => {
    expect(editDistance('punkt', 'pukt')).toBe(1);
    expect(editDistance('antecknign', 'anteckning')).toBe(1);
    expect(editDistance('möte', 'mötet')).toBe(1);
    expect(editDistance('grupp', 'beslut', 2)).toBe(3);
  });
});
