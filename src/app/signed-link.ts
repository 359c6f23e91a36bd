import { linkMac, linkMacValid } from './link-mac.js';

/**
 * Signed, expiring links to the minutes exports: `/minutes/<id>.<md|html|docx>?g=…&v=…&exp=…&sig=…`.
 * The signature (HMAC-SHA256 with LOKUS_LINK_SECRET) covers the group, the minutes id, the version
 * and the expiry, so one signature serves the three formats and nothing in the link can be changed.
 */

export const EXPORT_FORMATS = ['md', 'html', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How long a link in a card stays valid. `protokoll` gives fresh links. */
export const LINK_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export interface LinkTarget {
  groupId: string;
  minutesId: string;
  /** A version number, or absent for "the latest". */
  version?: number;
}

export interface VerifiedLink extends LinkTarget {
  format: ExportFormat;
}

const ID = /^[A-Za-z0-9_-]{1,200}$/;

export class LinkSigner {
  /** Where links point; set at start to LOKUS_PUBLIC_URL or the address the server listens on. */
  baseUrl = '';

  constructor(private readonly secret: string) {}

  private parts(t: LinkTarget): string[] {
    return [t.groupId, t.minutesId, String(t.version ?? '')];
  }

  /** The three export links for a target, valid until `now + lifetime`. */
  links(t: LinkTarget, now: Date, lifetimeMs = LINK_LIFETIME_MS): Record<ExportFormat, string> {
    const exp = Math.floor((now.getTime() + lifetimeMs) / 1000);
    const q = new URLSearchParams({ g: t.groupId, ...(t.version !== undefined ? { v: String(t.version) } : {}), exp: String(exp), sig: linkMac(this.secret, 'minutes', this.parts(t), exp) });
    const at = (f: ExportFormat) => `${this.baseUrl}/minutes/${encodeURIComponent(t.minutesId)}.${f}?${q.toString()}`;
    return { md: at('md'), html: at('html'), docx: at('docx') };
  }

  /** The target of a request path and query, or undefined when malformed, tampered with or expired. */
  verify(file: string, query: Record<string, unknown>, now: Date): VerifiedLink | undefined {
    const m = /^(.+)\.(md|html|docx)$/.exec(file);
    const str = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : undefined);
    const [g, v, exp, sig] = [str('g'), str('v'), str('exp'), str('sig')];
    if (!m || !ID.test(m[1]!) || !g || !ID.test(g) || !exp || !/^\d{1,12}$/.test(exp) || !sig) return undefined;
    if (v !== undefined && !/^[1-9]\d{0,5}$/.test(v)) return undefined;
    const target: LinkTarget = { groupId: g, minutesId: m[1]!, ...(v !== undefined ? { version: Number(v) } : {}) };
    if (!linkMacValid(this.secret, 'minutes', this.parts(target), Number(exp), sig, now)) return undefined;
    return { ...target, format: m[2] as ExportFormat };
  }
}
