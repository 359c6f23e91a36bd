import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a signed, expiring link (HMAC-SHA256 with LOKUS_LINK_SECRET) over what the link
 * points at and its expiry. Each kind of link names itself first, so one link's signature never
 * fits another kind.
 */
export function linkMac(secret: string, kind: string, parts: string[], exp: number): string {
  return createHmac('sha256', secret).update([kind, ...parts, String(exp)].join('\n')).digest('base64url');
}

/** True when `sig` is the signature of these parts and the expiry (seconds) has not passed. */
export function linkMacValid(secret: string, kind: string, parts: string[], exp: number, sig: string, now: Date): boolean {
  const expected = Buffer.from(linkMac(secret, kind, parts, exp), 'base64url');
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return exp * 1000 >= now.getTime();
}
