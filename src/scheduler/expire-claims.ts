import { ActivityClaims, CLAIM_TTL_SECONDS } from '../store/activity-claims.js';
import type { DueWorkKind } from './scheduler.js';

const HOUR = 3_600_000;
const BATCH = 500;

/**
 * Embedded mode only: deletes activity claims older than their TTL (a week), as Cosmos DB does by
 * itself. Without it every message would stay in the data file for ever. Looks once an hour.
 */
export function expireActivityClaims(claims: ActivityClaims): DueWorkKind<string> {
  let nextLook = 0;
  return {
    kind: 'activityClaim.expire',
    async findDue(now) {
      if (now.getTime() < nextLook) return [];
      const due = await claims.expired(new Date(now.getTime() - CLAIM_TTL_SECONDS * 1000), BATCH);
      // A full batch: more may be waiting, look again at the next tick.
      if (due.length < BATCH) nextLook = now.getTime() + HOUR;
      return due;
    },
    run: (id) => claims.release(id),
  };
}
