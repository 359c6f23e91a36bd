import type { Container, ItemDefinition, PatchOperation, RequestOptions } from '@azure/cosmos';
import { cosmosStatus } from './cosmos-errors.js';

/** Cosmos DB takes at most 10 operations in one patch. */
const MAX_OPERATIONS = 10;
/** Patches of one document on their way at once, before further sets wait to go together. */
const IN_FLIGHT = 2;

/** One `set` of a path, written only if its own condition holds. */
export interface ConditionalSet {
  /** JSON Pointer, escaped. */
  path: string;
  value: unknown;
  /** What must hold for this set, as conjuncts laid after the shared condition (` AND …`), or ''. */
  when: string;
}

/** Written (with the document when the server sent it back), or not: the document is missing or a condition failed. */
export type SetOutcome<D> = { written: true; resource: D | undefined } | { written: false };

interface Lane<D> {
  waiting: Waiting<D>[];
  flying: number;
}

interface Waiting<D> {
  set: ConditionalSet;
  resolve: (o: SetOutcome<D>) => void;
  reject: (e: unknown) => void;
}

/**
 * Conditional sets on one document, coalesced: while `inFlight` patches of a document are on their
 * way, the sets that come for it wait, and go together as soon as one is answered, up to 10 to a
 * patch, their conditions joined with AND. A set that comes while fewer are on their way goes at
 * once, as one patch of its own, so a lone press waits for nothing. When a whole group presses at
 * once this is a fraction of the requests (and of Cosmos's work).
 *
 * A joined patch whose condition fails (one mark changed elsewhere, the meeting ended) is not split
 * by guessing: each of its sets is sent again alone, so each caller gets exactly the outcome its
 * own patch would have had. Two sets of the same path never share a patch, so a double click
 * still finds the first press's mark. Every set is idempotent, as it was alone.
 */
export class CoalescedPatches<D extends ItemDefinition> {
  private readonly lanes = new Map<string, Lane<D>>();

  constructor(private readonly container: Container, private readonly options: RequestOptions = {}, private readonly inFlight = IN_FLIGHT) {}

  /** `shared`: the condition every set of this document must also meet (`FROM c WHERE …`). */
  set(id: string, partitionKey: string, shared: string, set: ConditionalSet): Promise<SetOutcome<D>> {
    const key = `${partitionKey}\n${id}\n${shared}`;
    return new Promise((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (!lane) this.lanes.set(key, (lane = { waiting: [], flying: 0 }));
      lane.waiting.push({ set, resolve, reject });
      this.pump(key, lane, id, partitionKey, shared);
    });
  }

  /** Sends what waits while fewer than `inFlight` patches are on their way; the lane closes when all is done. */
  private pump(key: string, lane: Lane<D>, id: string, partitionKey: string, shared: string): void {
    while (lane.flying < this.inFlight && lane.waiting.length > 0) {
      const sets = nextPatch(lane.waiting);
      lane.flying++;
      void this.send(id, partitionKey, shared, sets).finally(() => {
        lane.flying--;
        this.pump(key, lane, id, partitionKey, shared);
      });
    }
    if (lane.flying === 0 && lane.waiting.length === 0) this.lanes.delete(key);
  }

  private async send(id: string, partitionKey: string, shared: string, sets: Waiting<D>[]): Promise<void> {
    try {
      const resource = await this.patch(id, partitionKey, shared, sets);
      for (const s of sets) s.resolve(resource === false ? { written: false } : { written: true, resource });
    } catch (err) {
      if (sets.length === 1) return sets[0]!.reject(err);
      // A joined patch failed: each set alone, so each gets the outcome of its own condition.
      await Promise.all(sets.map((s) => this.send(id, partitionKey, shared, [s])));
    }
  }

  /** The document as sent back (undefined with return=minimal), or false when missing or refused alone. */
  private async patch(id: string, partitionKey: string, shared: string, sets: Waiting<D>[]): Promise<D | undefined | false> {
    const operations: PatchOperation[] = sets.map((s) => ({ op: 'set', path: s.set.path, value: s.set.value }));
    try {
      const { resource } = await this.container.item(id, partitionKey).patch<D>({ operations, condition: shared + sets.map((s) => s.set.when).join('') }, this.options);
      return resource ?? undefined;
    } catch (err) {
      const status = cosmosStatus(err);
      // Missing is missing for every set; a failed condition is only final for a set sent alone.
      if (status === 404 || (status === 412 && sets.length === 1)) return false;
      throw err;
    }
  }
}

/** Takes the next patch from what waits: at most 10 sets, no path twice, in the order they came. */
function nextPatch<D>(waiting: Waiting<D>[]): Waiting<D>[] {
  const sets: Waiting<D>[] = [];
  const paths = new Set<string>();
  for (let i = 0; i < waiting.length && sets.length < MAX_OPERATIONS; ) {
    const w = waiting[i]!;
    if (paths.has(w.set.path)) {
      i++;
      continue;
    }
    paths.add(w.set.path);
    sets.push(w);
    waiting.splice(i, 1);
  }
  return sets;
}
