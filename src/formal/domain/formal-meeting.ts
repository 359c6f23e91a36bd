import type { CardRef } from '../../meetings/domain/meeting.js';
import type { LocalDate } from '../../shared/swedish-date.js';
import type { AnslagDates } from './anslag.js';

/**
 * What a formal meeting records beyond notes and decisions (issue 26), kept on the meeting document
 * under `formal`. Maps are keyed so that each person's press is one patch on its own path: jäv by
 * `<itemId>~<memberId>`, a vote's ballots by member id.
 */
export interface MeetingFormal {
  jav: Record<string, JavRecord>;
  motions: Motion[];
  /** The chair's proposition per item (itemId → outcome without a vote). */
  propositions: Record<string, Proposition>;
  votes: Record<string, Vote>;
  reservations: Reservation[];
  annotations: Annotation[];
  /** Items justerade omedelbart (itemId → the locked text). */
  immediate: Record<string, ImmediateAdjustment>;
  /** The justering date set at the meeting (at most 14 days after it). */
  adjustBy?: LocalDate;
  /** When the reminder before, and the warning after, the justering date went out. */
  adjustReminded?: { before?: string; passed?: string };
  /** The anslag posted in the channel once the protokoll is justerat. */
  anslag?: AnslagDates;
}

export interface JavRecord {
  itemId: string;
  memberId: string;
  name: string;
  at: string;
  by?: string;
}

/** A yrkande: who moves what. `number` runs per item (yrkande 1, 2, …). */
export interface Motion {
  id: string;
  itemId: string;
  number: number;
  moverId?: string;
  moverName: string;
  /** As moved: "bifall till arbetsutskottets förslag". */
  text: string;
  at: string;
}

export interface Proposition {
  itemId: string;
  /** The motions in the order the chair put them. */
  order: string[];
  winnerId: string;
  at: string;
  by?: string;
}

export const BALLOTS = ['ja', 'nej', 'avstar'] as const;
export type BallotChoice = (typeof BALLOTS)[number];

export interface Ballot {
  choice: BallotChoice;
  name: string;
  at: string;
  /** `self`: pressed on the vote card; `secretary`: entered by the chair or secretary. */
  source: 'self' | 'secretary';
  by?: string;
}

/** An open vote (omröstning): ja for one motion, nej for another; each ledamot's ballot under its own key. */
export interface Vote {
  id: string;
  itemId: string;
  jaMotionId: string;
  nejMotionId: string;
  /** The member ids who may vote (tjänstgörande, without jäv), fixed when the vote opens. */
  voters: string[];
  ballots: Record<string, Ballot>;
  openedAt: string;
  openedBy?: string;
  /** Set when the vote is closed, counted or withdrawn. */
  closedAt?: string;
  result?: VoteResult;
  /** Withdrawn by the chair or secretary (`återkalla omröstning`): closed without a result. */
  withdrawal?: VoteWithdrawal;
  card?: CardRef;
}

export interface VoteWithdrawal {
  /** The activity that withdrew it, so a Teams retry changes nothing. */
  id: string;
  at: string;
  by?: string;
}

export interface VoteResult {
  ja: number;
  nej: number;
  avstar: number;
  winnerId: string;
  /** The tie was decided by the casting vote of the one chairing the item. */
  casting: boolean;
}

export interface Reservation {
  id: string;
  itemId: string;
  memberId: string;
  name: string;
  at: string;
  /** The written motivation, until the justering date. */
  motivation?: string;
  motivationAt?: string;
}

export interface Annotation {
  id: string;
  itemId: string;
  memberId?: string;
  name: string;
  text: string;
  at: string;
}

export interface ImmediateAdjustment {
  itemId: string;
  at: string;
  by?: string;
  /** Who signed at once: the chair and the adjusters. */
  signedBy: string[];
  /** The § exactly as justerat, and its SHA-256. */
  text: string;
  sha256: string;
}

export function emptyFormal(): MeetingFormal {
  return { jav: {}, motions: [], propositions: {}, votes: {}, reservations: [], annotations: [], immediate: {} };
}

export function javKey(itemId: string, memberId: string): string {
  return `${itemId}~${memberId}`;
}

export function hasJav(f: MeetingFormal | undefined, itemId: string, memberId: string): boolean {
  return !!f?.jav[javKey(itemId, memberId)];
}

export function javOn(f: MeetingFormal | undefined, itemId: string): JavRecord[] {
  return Object.values(f?.jav ?? {}).filter((j) => j.itemId === itemId).sort((a, b) => a.at.localeCompare(b.at));
}
