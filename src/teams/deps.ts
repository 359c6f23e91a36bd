import type { Logger } from '../log.js';
import type { Store } from '../store/open-store.js';
import type { ActivityClaims } from '../store/activity-claims.js';
import type { ConversationRepo } from '../store/conversation-repo.js';
import type { GroupRepo } from '../store/group-repo.js';
import type { MeetingRepo } from '../store/meeting-repo.js';
import type { Background } from './background.js';
import type { Proactive } from './proactive.js';

/** What listeners get: repositories, a logger and the clock (injected so tests control time). */
export interface Deps {
  store: Store;
  log: Logger;
  now: () => Date;
  conversations: ConversationRepo;
  groups: GroupRepo;
  meetings: MeetingRepo;
  /** Posting and PUT-updating cards outside the current turn. */
  proactive: Proactive;
  /** Work started after the reply (tracked so shutdown and tests can wait for it). */
  background: Background;
  /** Redelivered activities are processed once (see teams/run-once.ts). */
  activityClaims: ActivityClaims;
}
