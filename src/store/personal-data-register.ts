import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { mentions, pseudonymize, type PersonKeys, type Pseudonym } from '../shared/personal-data.js';
import type { Containers } from './containers.js';

type Doc = Record<string, unknown> & { id: string; _etag?: string };

/** Who a query (`aadObjectId` or a name) means: every group membership that matches, across tenants. */
export interface Person {
  query: string;
  keys: PersonKeys;
  memberships: Array<{ groupId: string; groupName: string; memberId: string; name: string; organisation?: string; teamsId?: string; aadObjectId?: string }>;
}

const clean = (d: Doc) => Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('_')));

async function all(container: Container): Promise<Doc[]> {
  const { resources } = await container.items.query<Doc>('SELECT * FROM c').fetchAll();
  return resources;
}

/** Finds the person in every group's member list by Entra object id, Teams id or name (case-insensitive). */
export async function findPerson(store: Containers, query: string): Promise<Person> {
  const q = query.trim().toLowerCase();
  const groups = (await all(store.domain)).filter((d) => d.type === 'group');
  const memberships: Person['memberships'] = [];
  for (const g of groups) {
    for (const m of (g.members ?? []) as Array<Record<string, string | undefined>>) {
      if ([m.aadObjectId, m.teamsId, m.name].some((v) => v?.toLowerCase() === q)) {
        memberships.push({ groupId: String(g.groupId), groupName: String(g.name), memberId: m.id!, name: m.name!, organisation: m.organisation, teamsId: m.teamsId, aadObjectId: m.aadObjectId });
      }
    }
  }
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const m of memberships) {
    if (m.teamsId) ids.add(m.teamsId);
    if (m.aadObjectId) ids.add(m.aadObjectId);
    names.add(m.name);
  }
  if (memberships.length === 0) names.add(query.trim());
  return { query, keys: { ids: [...ids], names: [...names].filter((n) => n.length >= 3) }, memberships };
}

/** The GDPR register extract: every stored document that mentions the person, by container and group. */
export async function exportPerson(store: Containers, query: string, now: Date) {
  const person = await findPerson(store, query);
  const documents: Array<{ container: string; groupId?: string; type?: string; id: string; document: Record<string, unknown> }> = [];
  for (const [name, container] of [['domain', store.domain], ['bot', store.bot]] as const) {
    for (const d of await all(container)) {
      if (mentions(clean(d), person.keys)) documents.push({ container: name, groupId: d.groupId as string | undefined, type: d.type as string | undefined, id: d.id, document: clean(d) });
    }
  }
  return { exportedAt: now.toISOString(), query, person: { names: person.keys.names, ids: person.keys.ids, memberships: person.memberships }, documents };
}

/** The same person always gets the same pseudonym, so pseudonymized records still hang together. */
export function pseudonymFor(keys: PersonKeys): Pseudonym {
  const h = createHash('sha256').update([...keys.ids, ...keys.names].sort().join('\n')).digest('hex').slice(0, 8);
  return { id: `pseudonym-${h}`, name: `Anonymiserad person ${h.slice(0, 4)}` };
}

/**
 * Replaces the person's names and ids by a pseudonym in every record that is not signed (each
 * replace under If-Match; a document changed meanwhile is read and done again). Signed approvals are
 * kept whole and signed minutes keep their signed versions (text, hash, signatures) untouched.
 */
export async function erasePerson(store: Containers, query: string) {
  const person = await findPerson(store, query);
  const pseudonym = pseudonymFor(person.keys);
  const report = { query, pseudonym, pseudonymized: [] as string[], keptSigned: [] as string[], signedPartsKept: [] as string[] };
  if (person.memberships.length === 0) return report;
  for (const [name, container] of [['domain', store.domain], ['bot', store.bot]] as const) {
    for (const first of await all(container)) {
      for (let attempt = 0; ; attempt++) {
        const d = attempt === 0 ? first : (await container.item(first.id, partitionOf(name, first)).read<Doc>()).resource;
        if (!d) break;
        const r = pseudonymize(clean(d), person.keys, pseudonym);
        const where = `${name}/${d.id}`;
        if (r.kind === 'unchanged') break;
        if (r.kind === 'keptSigned') {
          report.keptSigned.push(where);
          break;
        }
        try {
          await container.item(d.id, partitionOf(name, d)).replace(r.doc, { accessCondition: { type: 'IfMatch', condition: d._etag! } });
          report.pseudonymized.push(where);
          if (r.keptSignedParts) report.signedPartsKept.push(where);
          break;
        } catch (err) {
          if ((err as { code?: number }).code !== 412 || attempt >= 5) throw err;
        }
      }
    }
  }
  return report;
}

function partitionOf(container: 'domain' | 'bot', d: Doc): string {
  return String(container === 'domain' ? d.groupId : d.pk);
}
