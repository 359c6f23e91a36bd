/**
 * Near misses of command words (issue 25): "anteckningar Diskussion om budgeten", "nästa pukt".
 * `matchCommand(text)` says which command a message most likely meant and the text to run it with,
 * keeping everything typed after the command word(s). The fallback asks "Menade du …?" with it; an AI
 * fallback may call it first, before guessing on its own. The commands are those made with `cmd()`
 * (`registeredCommands`), read at call time, when every listener module is loaded.
 */

import { registeredCommands, type CommandArgs } from './command.js';

/** Other forms of a command's words that mean the same ("anteckningar", "besluta", "mötet"). */
const INFLECTIONS: Record<string, readonly string[]> = {
  anteckning: ['anteckningar', 'anteckningen', 'anteckningarna', 'anteckna', 'antecknar', 'antecknat', 'antecknade'],
  beslut: ['besluta', 'beslutar', 'beslutat', 'beslutade', 'beslutet', 'besluten'],
  uppdrag: ['uppdraget', 'uppdragen'],
  punkt: ['punkten', 'punkter', 'punkterna'],
  möte: ['mötet', 'möten'],
  starta: ['start', 'startar'],
  avsluta: ['avslut', 'avslutar'],
  nytt: ['ny', 'nya'],
  dagordning: ['dagordningen'],
  grupp: ['gruppen'],
  närvaro: ['närvaron'],
  närvarokort: ['närvarokortet'],
  godkännande: ['godkänna', 'godkännandet'],
  beslutslogg: ['beslutsloggen'],
  uppdragslista: ['uppdragslistan'],
  protokoll: ['protokollet'],
  hjälp: ['hjälpen'],
};

export interface CommandMatch {
  /** The command's words as the help writes them ("nästa punkt"). */
  command: string;
  args: CommandArgs;
  /** What the person wrote after the command word(s), as written. */
  rest: string;
  /** The message to run instead: the command's words and `rest`. */
  text: string;
  /** `inflection`: only other forms of the words; `typo`: a letter or two off. */
  kind: 'inflection' | 'typo';
}

/** Letters a word may be off by: none for short words, one up to six letters, two from seven. */
function allowedTypos(word: string): number {
  const n = [...word].length;
  return n <= 3 ? 0 : n <= 6 ? 1 : 2;
}

/** Edits between two words (insert, delete, substitute, swap two neighbours), stopping above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[t.length]!;
}

/** How far a typed word is from a command word: 0 exact, 'inflection', a typo count, or undefined (too far). */
function wordDistance(typed: string, word: string): number | 'inflection' | undefined {
  if (typed === word) return 0;
  if (INFLECTIONS[word]?.includes(typed)) return 'inflection';
  const d = editDistance(typed, word, allowedTypos(word));
  return d <= allowedTypos(word) ? d : undefined;
}

/**
 * The command a message that matched none most likely meant, or undefined. The first word(s) must be
 * a command's words in another form or within a small number of typos; what follows is kept as
 * written. A command that takes text needs some; one that takes none gets none.
 */
export function matchCommand(text: string): CommandMatch | undefined {
  const trimmed = text.trim();
  const tokens = [...trimmed.matchAll(/\S+/gu)];
  let best: (CommandMatch & { typos: number }) | undefined;
  for (const command of registeredCommands()) {
    for (const phrase of command.words) {
      const words = phrase.split(' ');
      if (tokens.length < words.length) continue;
      let typos = 0;
      let inflected = false;
      let fits = true;
      for (let i = 0; i < words.length && fits; i++) {
        const d = wordDistance(tokens[i]![0].toLocaleLowerCase('sv').replace(/[.:,!?]+$/u, ''), words[i]!);
        if (d === undefined) fits = false;
        else if (d === 'inflection') inflected = true;
        else typos += d;
      }
      if (!fits || (typos === 0 && !inflected)) continue;
      const last = tokens[words.length - 1]!;
      const rest = trimmed.slice(last.index! + last[0].length).trim();
      const restOk = command.args === 'required' ? rest !== '' : command.args === 'none' ? rest === '' || rest === '.' : true;
      if (!restOk) continue;
      if (best && best.typos <= typos) continue;
      const restText = rest === '.' ? '' : rest;
      best = { command: phrase, args: command.args, rest: restText, text: restText ? `${phrase} ${restText}` : phrase, kind: typos === 0 ? 'inflection' : 'typo', typos };
    }
  }
  if (!best) return undefined;
  const { typos: _t, ...match } = best;
  return match;
}
