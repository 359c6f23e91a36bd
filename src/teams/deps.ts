import type { Logger } from '../log.js';
import type { Store } from '../store/open-store.js';
import type { ConversationRepo } from '../store/conversation-repo.js';
import type { GroupRepo } from '../store/group-repo.js';
import type { MeetingRepo } from '../store/meeting-repo.js';

/** What listeners get: repositories, a logger and the clock (injected so tests control time). */
export interface Deps {
  store: Store;
  log: Logger;
  now: () => Date;
  conversations: ConversationRepo;
  groups: GroupRepo;
  meetings: MeetingRepo;
}
