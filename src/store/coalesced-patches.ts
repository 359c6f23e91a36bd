import type { Container, ItemDefinition, PatchOperation, RequestOptions } from '@azure/cosmos';
import { cosmosStatus } from './cosmos-errors.js';

/** Cosmos DB takes at most 10 operations in one patch. */
const MAX_OPERATIONS = 10;
/** Patches of one document on their way at once, before further changes wait to go together. */
const IN_FLIGHT = 3;

/** One member's change to a document, written only if its own condition holds. */
export interface ConditionalChange {
  /** What the change is to (a member's path): two changes to the same never share a patch. */
  key: string;
  /** At most 10, all under `key`. */
  operations: PatchOperation[];
  /** What must hold for this change, as conjuncts laid after the shared condition (` AND …`), or ''. */
  when: string;
}

/** The changes written by one patch: the same object for each of their callers. */
export interface WrittenTogether {
  readonly changes: readonly ConditionalChange[];
}

/**
 * Written (with the document when the server sent it back, and the changes that went with it), or
 * not: the document is missing or a condition failed.
 */
export type ChangeOutcome<D> = { written: true; resource: D | undefined; together: WrittenTogether } | { written: false };

/** One `set` of a path (its own key) under a condition. */
export function conditionalSet(path: string, value: unknown, when: string): ConditionalChange {
  return { key: path, operations: [{ op: 'set', path, value }], when };
}

interface Lane<D> {
  waiting: Waiting<D>[];
  flying: number;
}

interface Waiting<D> {
  change: ConditionalChange;
  resolve: (o: ChangeOutcome<D>) => void;
  reject: (e: unknown) => void;
}

/**
 * Conditional changes to one document, coalesced: while `inFlight` patches of a document are on
 * their way, the changes that come for it wait, and go together as soon as one is answered, up to
 * 10 operations to a patch, their conditions joined with AND. A change that comes while fewer are on
 * their way goes at once, as one patch of its own, so a lone press waits for nothing. When a whole
 * group presses at once this is a fraction of the requests (and of Cosmos's work).
 *
 * A joined patch whose condition fails (one mark changed elsewhere, the meeting ended) is not split
 * by guessing: each of its changes is sent again alone, so each caller gets exactly the outcome its
 * own patch would have had. Two changes with the same key never share a patch, so a double click
 * still finds the first press's mark. Every change is idempotent, as it was alone.
 */
export class CoalescedPatches<D extends ItemDefinition> {
  private readonly lanes = new Map<string, Lane<D>>();

  constructor(private readonly container: Container, private readonly options: RequestOptions = {}, private readonly inFlight = IN_FLIGHT) {}

  /** `shared`: the condition every change of this document must also meet (`FROM c WHERE …`). */
  apply(id: string, partitionKey: string, shared: string, change: ConditionalChange): Promise<ChangeOutcome<D>> {
    const key = `${partitionKey}\n${id}\n${shared}`;
    return new Promise((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (!lane) this.lanes.set(key, (lane = { waiting: [], flying: 0 }));
      lane.waiting.push({ change, resolve, reject });
      this.pump(key, lane, id, partitionKey, shared);
    });
  }

  /** Sends what waits while fewer than `inFlight` patches are on their way; the lane closes when all is done. */
  private pump(key: string, lane: Lane<D>, id: string, partitionKey: string, shared: string): void {
    while (lane.flying < this.inFlight && lane.waiting.length > 0) {
      const changes = nextPatch(lane.waiting);
      lane.flying++;
      void this.send(id, partitionKey, shared, changes).finally(() => {
        lane.flying--;
        this.pump(key, lane, id, partitionKey, shared);
      });
    }
    if (lane.flying === 0 && lane.waiting.length === 0) this.lanes.delete(key);
  }

  private async send(id: string, partitionKey: string, shared: string, changes: Waiting<D>[]): Promise<void> {
    try {
      const resource = await this.patch(id, partitionKey, shared, changes);
      const together: WrittenTogether = { changes: changes.map((c) => c.change) };
      for (const c of changes) c.resolve(resource === false ? { written: false } : { written: true, resource, together });
    } catch (err) {
      if (changes.length === 1) return changes[0]!.reject(err);
      // A joined patch failed: each change alone, so each gets the outcome of its own condition.
      await Promise.all(changes.map((c) => this.send(id, partitionKey, shared, [c])));
    }
  }

  /** The document as sent back (undefined with return=minimal), or false when missing or refused alone. */
  private async patch(id: string, partitionKey: string, shared: string, changes: Waiting<D>[]): Promise<D | undefined | false> {
    const operations = changes.flatMap((c) => c.change.operations);
    try {
      const { resource } = await this.container.item(id, partitionKey).patch<D>({ operations, condition: shared + changes.map((c) => c.change.when).join('') }, this.options);
      return resource ?? undefined;
    } catch (err) {
      const status = cosmosStatus(err);
      // Missing is missing for every change; a failed condition is only final for a change sent alone.
      if (status === 404 || (status === 412 && changes.length === 1)) return false;
      throw err;
    }
  }
}

/** Takes the next patch from what waits: at most 10 operations, no key twice, in the order they came. */
function nextPatch<D>(waiting: Waiting<D>[]): Waiting<D>[] {
  const changes: Waiting<D>[] = [];
  const keys = new Set<string>();
  let operations = 0;
  for (let i = 0; i < waiting.length; ) {
    const w = waiting[i]!;
    const size = w.change.operations.length;
    // The first always goes (alone it is as the caller sent it); the rest only where they fit.
    if (changes.length > 0 && (keys.has(w.change.key) || operations + size > MAX_OPERATIONS)) {
      if (operations >= MAX_OPERATIONS) break;
      i++;
      continue;
    }
    keys.add(w.change.key);
    operations += size;
    changes.push(w);
    waiting.splice(i, 1);
  }
  return changes;
}
