import type { Store } from '../../src/store/open-store.js';

/** Every stored document (both containers) by container and id, without Cosmos system fields. */
export async function storeSnapshot(store: Store): Promise<Map<string, string>> {
  const docs = new Map<string, string>();
  for (const [name, container] of [['domain', store.domain], ['bot', store.bot]] as const) {
    const { resources } = await container.items.query<Record<string, unknown>>('SELECT * FROM c').fetchAll();
    for (const d of resources) {
      const clean = Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('_')));
      docs.set(`${name}/${String(d.id)}/${String(d.groupId ?? d.pk)}`, JSON.stringify(clean));
    }
  }
  return docs;
}

/**
 * How many documents were added, changed or removed between two snapshots. Activity claims are left
 * out unless `includeClaims`: every accepted message or invoke writes one (see teams/run-once.ts).
 */
export function changedDocuments(before: Map<string, string>, after: Map<string, string>, opts: { includeClaims?: boolean } = {}): string[] {
  const keep = (key: string, json?: string) => opts.includeClaims || !json?.includes('"type":"activityClaim"');
  const changed = new Set<string>();
  for (const [k, v] of after) if (before.get(k) !== v && keep(k, v)) changed.add(k);
  for (const [k, v] of before) if (!after.has(k) && keep(k, v)) changed.add(k);
  return [...changed];
}
