import type { TimeRange } from '../../shared/swedish-date.js';

const minutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const clock = (n: number): string => `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;

/** The new time of a moved meeting: the end as said, else the old length kept (within the day), else no end. */
export function shiftedTime(old: TimeRange | undefined, start: string, end?: string): TimeRange {
  if (end) return { start, end };
  if (!old?.end) return { start };
  const shifted = minutes(start) + (minutes(old.end) - minutes(old.start));
  return shifted < 24 * 60 ? { start, end: clock(shifted) } : { start };
}
