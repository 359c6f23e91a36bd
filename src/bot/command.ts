export type CommandArgs = 'none' | 'optional' | 'required';

/** A command as typed: its words, in Swedish (first) and English, and whether it takes text. */
export interface CommandWord {
  words: readonly string[];
  args: CommandArgs;
}

const registered = new Map<string, CommandWord>();

/**
 * Every command made with `cmd()` so far, in the order made: once the listeners are loaded, every chat
 * command there is (the near-miss match reads it, so it never falls out of step with the patterns).
 */
export function registeredCommands(): readonly CommandWord[] {
  return [...registered.values()];
}

/**
 * Command words as anchored regexes (STYLE habit 4): a keyword must be the whole first word(s),
 * so "beslut" does not catch "beslutslogg". Case, extra spaces and a trailing full stop do not matter.
 * Group 1 of the regex holds the arguments, if the command takes any.
 */
export function cmd(words: string[], options: { args?: CommandArgs } = {}): RegExp {
  const args = options.args ?? 'none';
  registered.set(`${args}\n${words.join('\n')}`, { words: [...words], args });
  const alternatives = words
    .map((w) => w.trim().split(/\s+/).map(escapeRegex).join('\\s+'))
    .join('|');
  // A trailing full stop is ignored after a bare command; in free text (a decision) it is kept.
  const tail = args === 'none' ? '\\s*\\.?' : args === 'optional' ? '(?:\\s*\\.|\\s+([\\s\\S]*?))?' : '\\s+([\\s\\S]+?)';
  return new RegExp(`^\\s*(?:${alternatives})${tail}\\s*$`, 'iu');
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Teams sends non-breaking spaces, HTML line breaks and stray whitespace around mentions; fold them,
 * but keep line breaks (a decision's att-satser are one per line).
 */
export function normalizeText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/\u00a0|&nbsp;/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .trim();
}

/** The argument text of a command message (group 1 of its regex), trimmed; '' when none. */
export function commandArgs(text: string | undefined, pattern: RegExp): string {
  const m = normalizeText(text).match(pattern);
  return (m?.[1] ?? '').trim();
}
