import type { Logger } from '../log.js';
import type { Store } from '../store/open-store.js';
import type { ActivityClaims } from '../store/activity-claims.js';
import type { ConversationRepo } from '../store/conversation-repo.js';

/** What listeners get: repositories, a logger and the clock (injected so tests control time). */
export interface Deps {
  store: Store;
  log: Logger;
  now: () => Date;
  conversations: ConversationRepo;
  /** Redelivered activities are processed once (see teams/run-once.ts). */
  activityClaims: ActivityClaims;
}
