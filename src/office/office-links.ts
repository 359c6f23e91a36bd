import { linkMac, linkMacValid } from '../app/link-mac.js';
import type { Language } from '../i18n/texts.js';

/**
 * Signed, expiring links to the office's overview outside Teams: the report page, the Excel file and
 * the chart images (`/office/<file>?t=…&p=…&y=…&lang=…&exp=…&sig=…`). The HMAC-SHA256 signature
 * (LOKUS_LINK_SECRET) covers the förbund (tenant), the person (Entra object id, else Teams id), the
 * year and the language, so nothing in the link can be changed; it stops working after LINK_DAYS.
 * Which groups it shows is decided when it is opened: those where that person is kansli then.
 */
export const OFFICE_LINK_DAYS = 7;
export const OFFICE_FILES = ['report.html', 'report.xlsx', 'attendance.png', 'meetings.png'] as const;
export type OfficeFile = (typeof OFFICE_FILES)[number];

export interface OfficeTarget {
  tenantId: string;
  /** The kansli's Entra object id, or their Teams id (29:…) when Teams sent none. */
  person: string;
  year: number;
  language: Language;
}

const PERSON = /^[A-Za-z0-9:._-]{1,200}$/;
const TENANT = /^[A-Za-z0-9._-]{1,100}$/;

export class OfficeLinks {
  /** Where links point; set at start to LOKUS_PUBLIC_URL or the address the server listens on. */
  baseUrl = '';

  constructor(private readonly secret: string) {}

  private parts(t: OfficeTarget): string[] {
    return [t.tenantId, t.person, String(t.year), t.language];
  }

  urls(t: OfficeTarget, now: Date): Record<OfficeFile, string> {
    const exp = Math.floor(now.getTime() / 1000) + OFFICE_LINK_DAYS * 24 * 3600;
    const q = new URLSearchParams({ t: t.tenantId, p: t.person, y: String(t.year), lang: t.language, exp: String(exp), sig: linkMac(this.secret, 'office', this.parts(t), exp) });
    const at = (f: OfficeFile) => `${this.baseUrl}/office/${f}?${q.toString()}`;
    return { 'report.html': at('report.html'), 'report.xlsx': at('report.xlsx'), 'attendance.png': at('attendance.png'), 'meetings.png': at('meetings.png') };
  }

  /** The target of a link's query, or undefined when malformed, tampered with or expired. */
  verify(q: URLSearchParams, now: Date): OfficeTarget | undefined {
    const [t, p, y, lang, exp, sig] = ['t', 'p', 'y', 'lang', 'exp', 'sig'].map((k) => q.get(k) ?? undefined);
    if (!t || !TENANT.test(t) || !p || !PERSON.test(p)) return undefined;
    if (!y || !/^\d{4}$/.test(y) || (lang !== 'sv' && lang !== 'en') || !exp || !/^\d{1,12}$/.test(exp) || !sig) return undefined;
    const target: OfficeTarget = { tenantId: t, person: p, year: Number(y), language: lang };
    if (!linkMacValid(this.secret, 'office', this.parts(target), Number(exp), sig, now)) return undefined;
    return target;
  }
}
