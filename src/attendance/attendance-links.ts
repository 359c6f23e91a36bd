import { linkMac, linkMacValid } from '../app/link-mac.js';
import type { Period } from './domain/attendance.js';
import type { Language } from '../i18n/texts.js';

/**
 * Signed, expiring links to the attendance CSV (`/attendance.csv?g=…&from=…&to=…&lang=…&exp=…&sig=…`).
 * The HMAC-SHA256 signature (LOKUS_LINK_SECRET) covers the groups, the period, the language and the
 * expiry, so nothing in the link can be changed and it stops working after `LINK_DAYS`.
 */
export const LINK_DAYS = 7;

export interface ExportTarget extends Period {
  groupIds: string[];
  language: Language;
}

const ID = /^[A-Za-z0-9_-]{1,100}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class AttendanceLinks {
  /** Where links point; set at start to LOKUS_PUBLIC_URL or the address the server listens on. */
  baseUrl = '';

  constructor(private readonly secret: string) {}

  private parts(t: ExportTarget): string[] {
    return [t.groupIds.join(','), t.from ?? '', t.to ?? '', t.language];
  }

  url(t: ExportTarget, now: Date): string {
    const exp = Math.floor(now.getTime() / 1000) + LINK_DAYS * 24 * 3600;
    const q = new URLSearchParams({ g: t.groupIds.join(','), ...(t.from ? { from: t.from } : {}), ...(t.to ? { to: t.to } : {}), lang: t.language, exp: String(exp), sig: linkMac(this.secret, 'attendance.csv', this.parts(t), exp) });
    return `${this.baseUrl}/attendance.csv?${q.toString()}`;
  }

  /** The target of a link's query, or undefined when malformed, tampered with or expired. */
  verify(q: URLSearchParams, now: Date): ExportTarget | undefined {
    const [g, from, to, lang, exp, sig] = ['g', 'from', 'to', 'lang', 'exp', 'sig'].map((k) => q.get(k) ?? undefined);
    const groupIds = (g ?? '').split(',');
    if (!g || groupIds.length > 200 || !groupIds.every((x) => ID.test(x))) return undefined;
    if ((from && !DAY.test(from)) || (to && !DAY.test(to)) || (lang !== 'sv' && lang !== 'en') || !exp || !/^\d{1,12}$/.test(exp) || !sig) return undefined;
    const target: ExportTarget = { groupIds, ...(from ? { from } : {}), ...(to ? { to } : {}), language: lang };
    if (!linkMacValid(this.secret, 'attendance.csv', this.parts(target), Number(exp), sig, now)) return undefined;
    return target;
  }
}
