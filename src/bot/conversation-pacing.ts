import { setTimeout as sleep } from 'node:timers/promises';

/** At most `count` messages in any `ms` milliseconds, to one conversation. */
export interface PaceLimit {
  ms: number;
  count: number;
}

/**
 * Teams' published limits for one bot in one conversation (a channel, group chat or personal chat):
 * 7 messages a second, 8 in two seconds, 60 in 30 seconds, 1800 an hour. Posts, replies and card
 * updates all count. Each window is kept 100 ms longer than Teams' own, since a message's arrival at
 * Teams can be a little later or earlier than its start here.
 */
export const TEAMS_LIMITS: readonly PaceLimit[] = [
  { ms: 1_100, count: 7 },
  { ms: 2_100, count: 8 },
  { ms: 30_100, count: 60 },
  { ms: 3_600_100, count: 1_800 },
];

/**
 * Waits for another start in the conversation's turn (a retry), not sooner than `notBefore` ms from now.
 * The turn is kept meanwhile: what is queued behind it waits.
 */
export type Again = (notBefore?: number) => Promise<void>;

/**
 * Paces what the bot sends to each conversation within the limits, in the order it was asked, one at
 * a time: a send starts once the one before it in the conversation has its answer, at the earliest
 * moment that keeps every window within its count. Sends that follow each other so arrive at Teams
 * in order and spaced as they left, even when this machine is slow to start one. Nothing is dropped;
 * a burst is spread out. A send retries within its own turn (`again`), so a retried message keeps its
 * place. Starts are remembered for the longest window only. A reply in a channel thread
 * ("…;messageid=…") counts against the channel.
 */
export class ConversationPacing {
  private readonly starts = new Map<string, number[]>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly heldUntil = new Map<string, number>();
  private readonly longest: number;
  private sweptAt = 0;

  constructor(
    private readonly limits: readonly PaceLimit[] = TEAMS_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.longest = Math.max(0, ...limits.map((l) => l.ms));
  }

  /** Runs `send` in its conversation's turn and answers what it answered; it may retry in the turn with `again`. */
  send<T>(conversationId: string, send: (again: Again) => Promise<T>): Promise<T> {
    const key = conversationKey(conversationId);
    const wait = async (notBefore = 0) => {
      const ms = this.reserve(key, notBefore);
      if (ms > 0) await sleep(ms);
    };
    const mine = (this.queues.get(key) ?? Promise.resolve()).then(async () => {
      await wait();
      return send(wait);
    });
    const done = mine.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, done);
    void done.then(() => {
      if (this.queues.get(key) === done) this.queues.delete(key);
    });
    return mine;
  }

  /** Nothing starts in the conversation sooner than `ms` from now (Teams answered 429 with Retry-After). */
  hold(conversationId: string, ms: number): void {
    const key = conversationKey(conversationId);
    this.heldUntil.set(key, Math.max(this.heldUntil.get(key) ?? 0, this.now() + ms));
  }

  /** Books the next start for the conversation; answers how long to wait for it (ms). */
  reserve(conversationId: string, notBefore = 0): number {
    const now = this.now();
    const key = conversationKey(conversationId);
    const kept = (this.starts.get(key) ?? []).filter((t) => t > now - this.longest);
    let at = Math.max(now + notBefore, kept.at(-1) ?? now, this.heldUntil.get(key) ?? now);
    for (let moved = true; moved; ) {
      moved = false;
      for (const { ms, count } of this.limits) {
        // The count-th start back from here must lie a whole window before `at`.
        const bound = kept.length >= count ? kept[kept.length - count]! + ms : -Infinity;
        if (bound > at) {
          at = bound;
          moved = true;
        }
      }
    }
    kept.push(at);
    this.starts.set(key, kept);
    this.forgetQuiet(now);
    return at - now;
  }

  /** Conversations with no start in the longest window need no memory. */
  private forgetQuiet(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [id, kept] of this.starts) if ((kept.at(-1) ?? 0) <= now - this.longest) this.starts.delete(id);
    for (const [id, until] of this.heldUntil) if (until <= now) this.heldUntil.delete(id);
  }
}

/** A reply in a channel thread counts against the channel. */
const conversationKey = (conversationId: string) => conversationId.split(';messageid=')[0]!;

/** What Lokus sends through a connector client: these three calls are paced per conversation. */
interface SendingCalls {
  conversations: {
    replyToActivity(conversationId: string, activityId: string, activity: object): Promise<unknown>;
    sendToConversation(conversationId: string, activity: object): Promise<unknown>;
    updateActivity(conversationId: string, activityId: string, activity: object): Promise<unknown>;
  };
}

/** Makes the client's posts, replies and card updates wait for their conversation's turn. */
export function pacedActivityCalls<C>(client: C, pacing: ConversationPacing): C {
  const c = (client as unknown as SendingCalls).conversations;
  if (!c) return client;
  const reply = c.replyToActivity.bind(c);
  const send = c.sendToConversation.bind(c);
  const update = c.updateActivity.bind(c);
  c.replyToActivity = (id, activityId, activity) => pacing.send(id, () => reply(id, activityId, activity));
  c.sendToConversation = (id, activity) => pacing.send(id, () => send(id, activity));
  c.updateActivity = (id, activityId, activity) => pacing.send(id, () => update(id, activityId, activity));
  return client;
}
