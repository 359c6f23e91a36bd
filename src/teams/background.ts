import type { Logger } from '../log.js';

/**
 * Work done after the reply (STYLE habit 3): updating a shared card with PUT, proactive messages.
 * Failures are logged, never lost silently; `idle()` waits for everything started so far (graceful
 * shutdown, and tests that check what the bot did after answering).
 */
export class Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(name: string, work: () => Promise<void>): void {
    const p: Promise<void> = Promise.resolve()
      .then(work)
      .catch((err) => this.log.error({ err, work: name }, 'background work failed'))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
