import type { Logger } from '../app/log.js';
import type { Store } from '../store/open-store.js';
import type { ActivityClaims } from '../store/activity-claims.js';
import type { ConversationRepo } from '../store/conversation-repo.js';
import type { GroupRepo } from '../groups/group-repo.js';
import type { MeetingRepo } from '../meetings/meeting-repo.js';
import type { Scheduler } from '../app/scheduler.js';
import type { ApprovalRepo } from '../approvals/approval-repo.js';
import type { PersonalLinkRepo } from '../store/personal-link-repo.js';
import type { MinutesRepo } from '../minutes/minutes-repo.js';
import type { LinkSigner } from '../app/signed-link.js';
import type { FollowUpRepo } from '../follow-up/follow-up-repo.js';
import type { AttendanceLinks } from '../attendance/attendance-links.js';
import type { Background } from './background.js';
import type { PersonalChat } from './personal-chat.js';
import type { MeetingEndedHandler } from '../meetings/meeting-ended.js';
import type { Proactive } from './proactive.js';
import type { Assistant } from '../assistant/assistant.js';
import type { OfficeRepo } from '../office/office-repo.js';
import type { OfficeLinks } from '../office/office-links.js';

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
  approvals: ApprovalRepo;
  /** Links from a personal chat's partition to a group's data (Signera; issue 7's "mina uppdrag"). */
  personalLinks: PersonalLinkRepo;
  /** One-to-one messages (`POST /v3/conversations`). */
  personalChat: PersonalChat;
  /** Timed work (reminders, deadlines); kinds register in their listener's `register`. */
  scheduler: Scheduler;
  /** Queries across meetings and groups for the decision log, action lists and reminders (issue 7). */
  followUps: FollowUpRepo;
  /** Called (after the reply) when a meeting ends; minutes drafting (issue 8) adds its handler here. */
  meetingEnded: MeetingEndedHandler[];
  /** Signs and checks the attendance CSV links (/attendance.csv). */
  attendanceLinks: AttendanceLinks;
  /** Redelivered activities are processed once (see teams/run-once.ts). */
  activityClaims: ActivityClaims;
  minutes: MinutesRepo;
  /** Signs and checks the export links (/minutes/…). */
  links: LinkSigner;
  /** The optional assistant (issue 29); undefined without its configuration: nothing is sent to a model. */
  assistant?: Assistant;
  /** The förbund office's ärenden and insatser (issue 27). */
  office: OfficeRepo;
  /** Signs and checks the office's report, Excel and chart links (/office/…). */
  officeLinks: OfficeLinks;
}
