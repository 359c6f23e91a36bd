import type { Group } from '../groups/domain/group.js';
import type { Meeting } from './domain/meeting.js';
import type { Language } from '../i18n/texts.js';
import type { GroupRef } from '../bot/context.js';

/** What a handler gets when a meeting has ended (state `ended`, everything recorded is stored). */
export interface MeetingEnded {
  meeting: Meeting;
  group: Group;
  ref: GroupRef;
  /** Where the meeting ran (the live card's conversation), for posting back to the group. */
  reference: Record<string, unknown>;
  /** Teams user id of who ended it (absent when the Teams meeting's end event ended it). */
  endedBy?: string;
  language: Language;
}

/** Minutes drafting (issue 8) registers one of these in `deps.meetingEnded`; each runs after the reply. */
export type MeetingEndedHandler = (event: MeetingEnded) => Promise<void>;
