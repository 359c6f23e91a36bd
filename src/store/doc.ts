/** Cosmos adds these to every stored document; mappers drop them before handing data to the domain. */
const SYSTEM = ['_rid', '_self', '_etag', '_attachments', '_ts', '_lsn'] as const;

/** The stored document without Cosmos' system properties and without the listed own fields. */
export function withoutSystem<T>(doc: Record<string, unknown>, own: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if ((SYSTEM as readonly string[]).includes(k) || own.includes(k)) continue;
    out[k] = v;
  }
  return out as T;
}

/** A read with the ETag a later If-Match write needs. */
export interface Versioned<T> {
  value: T;
  etag: string;
}
