import { TZDate, tzOffset } from '@date-fns/tz';
import { err, ok, type DomainError, type Result } from './result.js';

/**
 * Dates and times the way Swedish groups write them, in Europe/Stockholm.
 * Dates: 2018-03-16, 16/3, 16/3 2018, 16 mars, 16 mars 2018, fredag den 16 mars, idag, imorgon.
 * Times: 13:00-15:00, 13-15, 13.00–15.00, kl 13, kl 13:00, klockan 13:00–15:00 (hyphen or en dash).
 */
export const ZONE = 'Europe/Stockholm';

/** A calendar day in Stockholm, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A wall-clock time in Stockholm, `HH:mm`. */
export type LocalTime = string;

export interface TimeRange {
  start: LocalTime;
  end?: LocalTime;
}

export type DateErrorCode = 'DATE.INVALID' | 'DATE.UNREADABLE' | 'TIME.INVALID' | 'TIME.UNREADABLE' | 'TIME.END_BEFORE_START';
export type DateError = DomainError<DateErrorCode>;

const MONTHS: Array<[number, RegExp]> = [
  [1, /^jan(uari|uary)?$/], [2, /^feb(ruari|ruary)?$/], [3, /^mar(s|ch)?$/], [4, /^apr(il)?$/],
  [5, /^(maj|may)$/], [6, /^jun[ie]?$/], [7, /^jul[iy]?$/], [8, /^aug(usti|ust)?$/],
  [9, /^sep(t|tember)?$/], [10, /^o[ck]t(ober)?$/], [11, /^nov(ember)?$/], [12, /^dec(ember)?$/],
];
const MONTH_WORD = 'jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:s|ch)?|apr(?:il)?|maj|may|jun[ie]?|jul[iy]?|aug(?:usti|ust)?|sep(?:t|tember)?|o[ck]t(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAY = '(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\s+)?(?:den\\s+|the\\s+)?';
const SV_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SV_DAYS = ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Each alternative captures its own groups; the whole match is what is cut out of free text.
const DATE_RE = new RegExp(
  [
    `(?<iso>(\\d{4})-(\\d{1,2})-(\\d{1,2}))`,
    `(?<rel>i\\s*dag|i\\s*morgon|i\\s*övermorgon|today|tomorrow)`,
    `${WEEKDAY}(?<named>(\\d{1,2})(?::e|:a)?\\s+(${MONTH_WORD})\\.?(?:\\s+(\\d{4}))?)`,
    `${WEEKDAY}(?<slash>(\\d{1,2})/(\\d{1,2})(?:[-/](\\d{4}|\\d{2})|\\s(\\d{4}))?)`,
  ].map((a) => `(?<![\\p{L}\\d/:.-])${a}(?![\\p{L}\\d/:-])`).join('|'),
  'iu',
);
const TIME_RE = new RegExp(
  '(?<![\\p{L}\\d/:.-])(?:(?<prefix>kl\\.?|klockan|at)\\s*)?(?<h1>\\d{1,2})(?:[:.](?<m1>\\d{2}))?' +
    '(?:\\s*(?:-|–|—|till|to)\\s*(?<h2>\\d{1,2})(?:[:.](?<m2>\\d{2}))?)?(?![\\p{L}\\d/:-])',
  'iu',
);
const TIME_RE_ALL = new RegExp(TIME_RE.source, 'giu');

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function localDate(y: number, m: number, d: number): LocalDate {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function splitDate(date: LocalDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** True for a well-formed `YYYY-MM-DD` that exists in the calendar (card inputs, stored data). */
export function isLocalDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True for a well-formed `HH:mm` between 00:00 and 24:00. */
export function isLocalTime(s: string): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  return !!m && validTime(Number(m[1]), Number(m[2]));
}

function validTime(h: number, m: number): boolean {
  return h >= 0 && m >= 0 && m <= 59 && (h < 24 || (h === 24 && m === 0));
}

/** Today's date in Stockholm at instant `now`. */
export function stockholmDate(now: Date): LocalDate {
  const z = stockholmWallClock(now);
  return localDate(z.getUTCFullYear(), z.getUTCMonth() + 1, z.getUTCDate());
}

/** Wall-clock time in Stockholm at instant `now`, `HH:mm`. */
export function stockholmTime(now: Date): LocalTime {
  const z = stockholmWallClock(now);
  return `${pad(z.getUTCHours())}:${pad(z.getUTCMinutes())}`;
}

const HOUR_MS = 3_600_000;
const offsetByHour = new Map<number, number>();

/**
 * Stockholm's wall clock at `now`, as the UTC fields of a Date. The offset is looked up once per UTC
 * hour (summer time starts and ends on a whole UTC hour): asking the time zone database for every
 * date on a card with 100 answers cost more than the rest of the card.
 */
function stockholmWallClock(now: Date): Date {
  const ms = now.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = tzOffset(ZONE, new Date(hour * HOUR_MS));
    if (offsetByHour.size >= 10_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return new Date(ms + offset * 60_000);
}

/** The instant a Stockholm date and time denote (start of day when no time is given). */
export function toInstant(date: LocalDate, time: LocalTime = '00:00'): Date {
  const [y, m, d] = splitDate(date);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh!, mm!, ZONE).getTime());
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = splitDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return localDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function monthOf(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS.find(([, re]) => re.test(w))![0];
}

/** A day and month without a year: the next such day from `today` (today itself included). */
function withYear(d: number, m: number, today: LocalDate): number {
  const [ty, tm, td] = splitDate(today);
  return m > tm || (m === tm && d >= td) ? ty : ty + 1;
}

function dateFromMatch(g: Record<string, string | undefined>, parts: RegExpExecArray, today: LocalDate): Result<LocalDate, DateError> {
  let y: number;
  let m: number;
  let d: number;
  const text = parts[0].trim();
  if (g.iso) {
    [y, m, d] = [Number(parts[2]), Number(parts[3]), Number(parts[4])];
  } else if (g.rel) {
    const r = g.rel.toLowerCase().replace(/\s+/g, '');
    return ok(addDays(today, r === 'idag' || r === 'today' ? 0 : r === 'iövermorgon' ? 2 : 1));
  } else if (g.named) {
    d = Number(parts[7]);
    m = monthOf(parts[8]!);
    y = parts[9] ? Number(parts[9]) : withYear(d, m, today);
  } else {
    d = Number(parts[11]);
    m = Number(parts[12]);
    const yy = parts[13] ?? parts[14];
    y = yy ? (yy.length === 2 ? 2000 + Number(yy) : Number(yy)) : m >= 1 && m <= 12 ? withYear(d, m, today) : 2000;
  }
  if (!isRealDate(y, m, d)) return err('DATE.INVALID', { text });
  return ok(localDate(y, m, d));
}

function timeFromMatch(g: Record<string, string | undefined>, text: string): Result<TimeRange, DateError> {
  const h1 = Number(g.h1);
  const m1 = Number(g.m1 ?? 0);
  if (!validTime(h1, m1) || h1 === 24) return err('TIME.INVALID', { text });
  const start = `${pad(h1)}:${pad(m1)}`;
  if (g.h2 === undefined) return ok({ start });
  const h2 = Number(g.h2);
  const m2 = Number(g.m2 ?? 0);
  if (!validTime(h2, m2)) return err('TIME.INVALID', { text });
  const end = `${pad(h2)}:${pad(m2)}`;
  return checkRange({ start, end });
}

/** Refuses an end that is not after the start. */
export function checkRange(r: TimeRange): Result<TimeRange, DateError> {
  if (r.end !== undefined && r.end <= r.start) return err('TIME.END_BEFORE_START', { start: r.start, end: r.end });
  return ok(r);
}

/** A text that is nothing but a date. */
export function parseDate(text: string, today: LocalDate): Result<LocalDate, DateError> {
  const t = text.trim();
  const m = DATE_RE.exec(t);
  if (!m || m[0].trim().length !== t.length) return err('DATE.UNREADABLE', { text: t });
  return dateFromMatch(m.groups ?? {}, m, today);
}

/** A text that is nothing but a time or time range. */
export function parseTime(text: string): Result<TimeRange, DateError> {
  const t = text.trim();
  const m = TIME_RE.exec(t);
  if (!m || m[0].trim().length !== t.length) return err('TIME.UNREADABLE', { text: t });
  return timeFromMatch(m.groups ?? {}, m[0].trim());
}

export interface When {
  date?: LocalDate;
  time?: TimeRange;
  /** The text with the date and time cut out (e.g. the place). */
  rest: string;
}

/**
 * Finds a date and a time anywhere in free text ("16 mars klockan 13:00–15:00 på Regionens hus"),
 * cuts them out and returns the rest. A date or time that is there but impossible is refused.
 */
export function parseWhen(text: string, today: LocalDate): Result<When, DateError> {
  let rest = text;
  let date: LocalDate | undefined;
  let time: TimeRange | undefined;
  const dm = DATE_RE.exec(rest);
  if (dm) {
    const r = dateFromMatch(dm.groups ?? {}, dm, today);
    if (!r.ok) return r;
    date = r.value;
    rest = `${rest.slice(0, dm.index)} ${rest.slice(dm.index + dm[0].length)}`;
  }
  // A bare number ("rum 12") is not a time; a time has minutes, a range or "kl".
  const tm = [...rest.matchAll(TIME_RE_ALL)].find((m) => m.groups?.prefix || m.groups?.m1 !== undefined || m.groups?.h2 !== undefined);
  if (tm) {
    const r = timeFromMatch(tm.groups ?? {}, tm[0].trim());
    if (!r.ok) return r;
    time = r.value;
    rest = `${rest.slice(0, tm.index)} ${rest.slice(tm.index! + tm[0].length)}`;
  }
  rest = rest.replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
  // What is left starting like a date or time ("2026-1-1x", "-1:00") is a broken one, not a place.
  const broken = /^(-?\d+[-/:.]\S*)(?:\s|$)/.exec(rest)?.[1];
  if (broken && !/^\d+:[ae]$/i.test(broken)) return err(/[-/]/.test(broken.slice(1)) ? 'DATE.INVALID' : 'TIME.INVALID', { text: broken });
  return ok({ date, time, rest });
}

/** "på Regionens hus, lokal: Aspnäs" → place "Regionens hus", room "Aspnäs". */
export function splitPlace(text: string): { place?: string; room?: string } {
  const t = text.replace(/^(?:på|i|at|in)\s+/i, '').trim();
  const m = /^(.*?)[,;]?\s*\b(?:lokal|rum|sal|room)\b:?\s*(.+)$/iu.exec(t);
  const place = (m ? m[1]! : t).replace(/[\s,;]+$/, '').trim();
  const room = m?.[2]?.trim();
  return { ...(place ? { place } : {}), ...(room ? { room } : {}) };
}

/** 2018-03-16 (the Swedish way, also in English). */
export function formatDate(date: LocalDate): string {
  return date;
}

/** A clock time as each language writes it in running text: "9.00", "13.30" (sv); "09:00" (en). */
export function formatClock(t: LocalTime, language: 'sv' | 'en' = 'sv'): string {
  if (language === 'en') return t;
  const [h, m] = t.split(':');
  return `${Number(h)}.${m}`;
}

/** "9.00–12.00" (sv, after a "Tid:" label), "13:00–15:00" (en); the start alone when there is no end. */
export function formatClockRange(r: TimeRange, language: 'sv' | 'en' = 'sv'): string {
  return r.end ? `${formatClock(r.start, language)}–${formatClock(r.end, language)}` : formatClock(r.start, language);
}

/** "kl. 13.00–15.00" (Swedish documents and texts), "13:00–15:00" (en); '' without a time. */
export function formatTimeRange(r: TimeRange | undefined, language: 'sv' | 'en' = 'sv'): string {
  if (!r) return '';
  return language === 'en' ? formatClockRange(r, 'en') : `kl. ${formatClockRange(r, 'sv')}`;
}

/** "5 februari 2018" / "5 February 2018"; without the year when it is `sameYearAs`'s year. */
export function formatDayMonth(date: LocalDate, language: 'sv' | 'en' = 'sv', sameYearAs?: LocalDate): string {
  const [y, m, d] = splitDate(date);
  const month = language === 'en' ? EN_MONTHS[m - 1] : SV_MONTHS[m - 1];
  return sameYearAs && sameYearAs.slice(0, 4) === date.slice(0, 4) ? `${d} ${month}` : `${d} ${month} ${y}`;
}

/** An instant in Stockholm time: "5 februari 2018 kl. 9.00" (sv), "5 February 2018 09:00" (en). */
export function formatInstant(at: Date | string, language: 'sv' | 'en' = 'sv', sameYearAs?: LocalDate): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  const day = formatDayMonth(stockholmDate(d), language, sameYearAs);
  const time = stockholmTime(d);
  return language === 'en' ? `${day} ${time}` : `${day} kl. ${formatClock(time)}`;
}

/** "fredag 16 mars 2018" / "Friday 16 March 2018". */
export function formatLongDate(date: LocalDate, language: 'sv' | 'en' = 'sv'): string {
  const [y, m, d] = splitDate(date);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return language === 'en' ? `${EN_DAYS[wd]} ${d} ${EN_MONTHS[m - 1]} ${y}` : `${SV_DAYS[wd]} ${d} ${SV_MONTHS[m - 1]} ${y}`;
}
