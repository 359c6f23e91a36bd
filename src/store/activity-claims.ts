import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { cosmosStatus } from './cosmos-errors.js';
import { createOnce } from './update-with-retry.js';

/** What an invoke was answered with, kept so a redelivery gets the same answer. */
export interface StoredInvokeResponse {
  status: number;
  body?: unknown;
}

/**
 * One incoming activity (message or invoke) being or having been processed, in the `bot` container.
 * It holds no message text: only ids, state and (for invokes) the answer given.
 *
 * - `taken`: a message. Final from the start: the turn's effects are its own records, so no "done"
 *   mark is written (one Cosmos request per message). A failed turn releases it.
 * - `running` → `done`: an invoke, whose answer is kept for a redelivery once the turn is over. One
 *   left `running` by a crashed process is taken over after `staleAfterMs`.
 */
export interface ActivityClaimDoc {
  id: string;
  pk: string;
  type: 'activityClaim';
  activityType: string;
  state: 'taken' | 'running' | 'done';
  claimedAt: string;
  doneAt?: string;
  invokeResponse?: StoredInvokeResponse;
  /** Seconds until Cosmos deletes it (Teams redelivers within minutes; on the embedded server, which ignores TTL, the scheduler does: expire-claims.ts). */
  ttl: number;
}

export const CLAIM_TTL_SECONDS = 7 * 24 * 3600;

export interface ActivityRef {
  channelId: string;
  conversationId: string;
  activityId: string;
  activityType: string;
}

export type ClaimResult =
  | { claimed: true; id: string }
  | { claimed: false; id: string; existing: ActivityClaimDoc };

/** Cosmos ids may not contain / \ ? #; a hash of the full activity address has none and a fixed length. */
export function claimIdOf(ref: ActivityRef): string {
  return `act_${createHash('sha256').update(`${ref.channelId}\n${ref.conversationId}\n${ref.activityId}`).digest('hex').slice(0, 40)}`;
}

/**
 * "Process this activity once": the first delivery creates the claim (createOnce), a redelivery finds
 * it. A turn that fails releases its claim so Teams' retry can succeed; one left `running` by a crashed
 * process is taken over after `staleAfterMs`. Each claim is its own partition (`pk` = id).
 */
export class ActivityClaims {
  constructor(private readonly container: Container, private readonly staleAfterMs = 120_000) {}

  async claim(ref: ActivityRef, now: Date): Promise<ClaimResult> {
    const id = claimIdOf(ref);
    const state = ref.activityType === 'message' ? 'taken' : 'running';
    const doc: ActivityClaimDoc = { id, pk: id, type: 'activityClaim', activityType: ref.activityType, state, claimedAt: now.toISOString(), ttl: CLAIM_TTL_SECONDS };
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await createOnce(this.container, doc)).created) return { claimed: true, id };
      const read = await this.container.item(id, id).read<ActivityClaimDoc>();
      const existing = read.resource;
      if (!existing) continue; // released in between: try to create it again
      const stale = existing.state === 'running' && now.getTime() - Date.parse(existing.claimedAt) > this.staleAfterMs;
      if (!stale) return { claimed: false, id, existing };
      try {
        await this.container.item(id, id).replace(doc, { accessCondition: { type: 'IfMatch', condition: read.etag! } });
        return { claimed: true, id };
      } catch (err) {
        if (cosmosStatus(err) !== 412) throw err;
      }
    }
    const { resource } = await this.container.item(id, id).read<ActivityClaimDoc>();
    return resource ? { claimed: false, id, existing: resource } : { claimed: true, id };
  }

  /** The invoke's turn finished: later deliveries are answered from here. */
  async complete(id: string, activityType: string, claimedAt: string, now: Date, invokeResponse?: StoredInvokeResponse): Promise<void> {
    const doc: ActivityClaimDoc = { id, pk: id, type: 'activityClaim', activityType, state: 'done', claimedAt, doneAt: now.toISOString(), ttl: CLAIM_TTL_SECONDS, ...(invokeResponse ? { invokeResponse } : {}) };
    await this.container.items.upsert(doc);
  }

  /** The turn failed: forget the claim so a redelivery is processed afresh. */
  async release(id: string): Promise<void> {
    try {
      await this.container.item(id, id).delete();
    } catch (err) {
      if (cosmosStatus(err) !== 404) throw err;
    }
  }

  async get(id: string): Promise<ActivityClaimDoc | undefined> {
    const { resource } = await this.container.item(id, id).read<ActivityClaimDoc>();
    return resource;
  }
}
