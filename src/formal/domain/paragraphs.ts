import type { Meeting } from '../../meetings/domain/meeting.js';

/**
 * § numbers that run through the year per body, as styrelser number them (issue 26): a meeting's
 * first § follows the last § of the body's previous meeting held the same year.
 */
export function nextFirstNumber(earlier: readonly Meeting[], m: Meeting): number {
  const year = (x: Meeting) => (x.date ?? x.startedAt ?? x.createdAt).slice(0, 4);
  const before = earlier.filter((x) => x.id !== m.id && x.startedAt && year(x) === year(m));
  return before.reduce((n, x) => Math.max(n, x.firstNumber + x.items.length), 1);
}
