import type { Period } from './attendance.js';
import { err, ok, type DomainError, type Result } from '../../shared/result.js';
import { isRealDate, parseDate, type DateError, type LocalDate } from '../../shared/swedish-date.js';

export type PeriodError = DateError | DomainError<'PERIOD.ORDER'>;

/**
 * A date for statistics: as `parseDate`, but a day without a year ("16 mars") is the latest such
 * day up to today (statistics look back; planning looks ahead).
 */
function pastDate(text: string, today: LocalDate): Result<LocalDate, DateError> {
  const r = parseDate(text, today);
  if (!r.ok || r.value <= today || /\d{4}/.test(text) || /\d+\/\d+\/\d+/.test(text)) return r;
  const [y, m, d] = r.value.split('-').map(Number) as [number, number, number];
  const back = isRealDate(y - 1, m, d) ? `${y - 1}-${r.value.slice(5)}` : `${y - 1}-02-28`;
  return ok(back);
}

const FROM = /^(?:från|fr\.?o\.?m\.?|from)\s+/iu;
const BETWEEN = /\s+(?:till|t\.?o\.?m\.?|to|-|–|—)\s+|\s*[–—]\s*/iu;

/**
 * `närvaro [från] [till]`: nothing (every meeting), a year ("2018"), one date (from then to today),
 * or two dates ("2018-01-01 2018-06-30", "1 januari till 30 juni", "16/3 – 20/4").
 */
export function parsePeriod(text: string, today: LocalDate): Result<Period, PeriodError> {
  const t = text.trim().replace(FROM, '');
  if (!t) return ok({});
  if (/^\d{4}$/.test(t)) return ok({ from: `${t}-01-01`, to: `${t}-12-31` });
  let parts = t.split(BETWEEN).filter(Boolean);
  if (parts.length === 1) {
    const one = pastDate(t, today);
    if (one.ok) return ok({ from: one.value });
    // Two dates with only a space between: find the split where both sides are dates.
    const words = t.split(/\s+/);
    const split = words.findIndex((_, k) => k > 0 && pastDate(words.slice(0, k).join(' '), today).ok && pastDate(words.slice(k).join(' '), today).ok);
    if (split === -1) return one;
    parts = [words.slice(0, split).join(' '), words.slice(split).join(' ')];
  }
  if (parts.length !== 2) return err('DATE.UNREADABLE', { text: t });
  const from = pastDate(parts[0]!, today);
  if (!from.ok) return from;
  const to = pastDate(parts[1]!, today);
  if (!to.ok) return to;
  if (from.value > to.value) return err('PERIOD.ORDER', { from: from.value, to: to.value });
  return ok({ from: from.value, to: to.value });
}
