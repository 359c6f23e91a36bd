import type { Logger } from '../log.js';

/**
 * Work done after the reply (STYLE habit 3): updating a shared card with PUT, proactive messages.
 * Failures are logged, never lost silently; `idle()` waits for everything started so far (graceful
 * shutdown, and tests that check what the bot did after answering).
 */
export class Background {
  private readonly running = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();

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

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
