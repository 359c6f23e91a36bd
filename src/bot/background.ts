import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../app/log.js';

/** The least time between two updates of one shared card in a row (Teams throttles message edits). */
export const SHARED_CARD_INTERVAL_MS = 1_000;

/**
 * Work done after the reply (STYLE habit 3): updating a shared card with PUT, proactive messages.
 * Failures are logged, never lost silently; `idle()` waits for everything started so far (graceful
 * shutdown, and tests that check what the bot did after answering).
 */
export class Background {
  private readonly running = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly waiting = new Set<string>();
  /** When the last `runLatest` of a key started (entries older than the interval are dropped now and then). */
  private readonly lastStart = new Map<string, number>();

  constructor(private readonly log: Logger) {}

  /** Starts `work` now; work with the same `key` (e.g. one card) runs one after the other, in order. */
  run(name: string, work: () => Promise<void>, key?: string): void {
    const before = key ? this.chains.get(key) : undefined;
    const p: Promise<void> = (before ?? Promise.resolve())
      .then(work)
      .catch((err) => this.log.error({ err, work: name }, 'background work failed'))
      .finally(() => {
        this.running.delete(p);
        if (key && this.chains.get(key) === p) this.chains.delete(key);
      });
    this.running.add(p);
    if (key) this.chains.set(key, p);
  }

  /**
   * Like `run` with a key, but when a run for `key` is already waiting to start, this one is dropped:
   * the waiting one will see the latest state (for "render what is stored now" card updates, so 200
   * presses in a burst cost a few PUTs, not 200). Runs of one key start at least
   * `SHARED_CARD_INTERVAL_MS` apart: Teams limits how often a bot may change messages in a
   * conversation, and whatever comes in during the pause is folded into the next run.
   */
  runLatest(name: string, key: string, work: () => Promise<void>): void {
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    this.run(
      name,
      async () => {
        const pause = (this.lastStart.get(key) ?? -Infinity) + SHARED_CARD_INTERVAL_MS - Date.now();
        if (pause > 0) await sleep(pause);
        this.waiting.delete(key);
        this.remember(key, Date.now());
        await work();
      },
      key,
    );
  }

  private remember(key: string, at: number): void {
    if (this.lastStart.size >= 1_000) for (const [k, t] of this.lastStart) if (at - t >= SHARED_CARD_INTERVAL_MS) this.lastStart.delete(k);
    this.lastStart.set(key, at);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
