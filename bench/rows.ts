/**
 * The benchmark rows that need features still being built. Each is one small function: when the
 * feature lands, fill in `prepare` (or `draft`) and the runner measures it like the others, against
 * the baseline's burst of the same size. Until then the table says "not built yet".
 */
import type { Conversation, Person } from '../test/support/activities.js';

export interface BenchContext {
  /** The loopback connector's URL: put it in every activity's serviceUrl. */
  serviceUrl: string;
  /** The team channel of the benchmark group. */
  channel: Conversation;
  /** The chair, and `n` distinct members of the group. */
  chair: Person;
  members(n: number): Person[];
  /** Posts one activity to Lokus and returns the HTTP status and JSON body (for setup steps). */
  postToLokus(activity: object): Promise<{ status: number; body: unknown }>;
}

export interface CardActionRow {
  id: string;
  label: string;
  /** Members who press the card at once in the burst. */
  members: number;
  /**
   * Sets the scene in Lokus (a group, a meeting, the card on screen) and returns one
   * `adaptiveCard/action` invoke per member, as Teams would send them. Undefined = not built yet.
   */
  prepare?: (ctx: BenchContext) => Promise<object[]>;
}

export const cardActionRows: CardActionRow[] = [
  { id: 'checkIn', label: 'check-in "Närvarande"', members: 200 },
  { id: 'approvalAnswer', label: 'approval answer', members: 100 },
];

export interface MinutesDraftRow {
  label: string;
  items: number;
  /** Drafts the minutes of one `items`-item meeting, in process; undefined = not built yet. */
  draft?: () => unknown;
}

export const minutesDraftRow: MinutesDraftRow = { label: 'minutes draft', items: 30 };
