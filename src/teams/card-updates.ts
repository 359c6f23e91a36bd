import type { Background } from './background.js';

/**
 * Coalesces updates of one shared card: while an update of `key` runs, further requests only mark it
 * to run once more afterwards. Each run reads the latest state, so 100 answers in a burst end in a
 * card that shows all of them, and an older state never overwrites a newer one from this process.
 */
export class CardUpdates {
  private readonly pending = new Map<string, { again: boolean }>();

  constructor(private readonly background: Background) {}

  request(key: string, update: () => Promise<void>): void {
    const running = this.pending.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.pending.set(key, state);
    this.background.run(`card update ${key}`, async () => {
      try {
        do {
          state.again = false;
          await update();
        } while (state.again);
      } finally {
        this.pending.delete(key);
      }
    });
  }
}
