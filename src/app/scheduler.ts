import type { Logger } from './log.js';
import type { LeaseRepo } from '../store/lease-repo.js';

/**
 * A kind of timed work (approval reminders and deadlines, action item reminders, …). `findDue`
 * finds what is due in Cosmos; `run` does one item and must be idempotent: it claims the item with
 * an ETag-guarded write first and acts only when that write wins, so a retry or a second instance
 * never does it twice.
 */
export interface DueWorkKind<T = unknown> {
  kind: string;
  findDue(now: Date): Promise<T[]>;
  run(item: T, now: Date): Promise<void>;
}

export interface TickReport {
  /** False when another instance holds the lease (nothing was done here). */
  leader: boolean;
  /** Items run, per kind. */
  ran: Record<string, number>;
  failed: number;
}

export interface SchedulerOptions {
  leases: LeaseRepo;
  /** This instance's name in the lease (unique per process). */
  holder: string;
  now: () => Date;
  log: Logger;
  /** How long a tick's lease lasts; another instance takes over only after it ran out. */
  leaseMs?: number;
}

const LEASE = 'scheduler';

/**
 * Runs due work in the bot process. Every tick, the instance that holds the lease in the `bot`
 * container asks each registered kind for due items and runs them one by one. Driven by an injected
 * clock; tests call `tick()` themselves.
 */
export class Scheduler {
  private readonly kinds: DueWorkKind<any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  private timer?: NodeJS.Timeout;
  private running?: Promise<TickReport>;

  constructor(private readonly opts: SchedulerOptions) {}

  /** Adds a kind of due work (call once, at start, from a listener's `register`). */
  register<T>(kind: DueWorkKind<T>): void {
    if (this.kinds.some((k) => k.kind === kind.kind)) throw new Error(`due work kind ${kind.kind} registered twice`);
    this.kinds.push(kind);
  }

  /** One round: take (or renew) the lease, then run everything due. Overlapping calls share one round. */
  tick(): Promise<TickReport> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<TickReport> {
    const now = this.opts.now();
    const report: TickReport = { leader: false, ran: {}, failed: 0 };
    if (!(await this.opts.leases.tryAcquire(LEASE, this.opts.holder, now, this.opts.leaseMs ?? 60_000))) return report;
    report.leader = true;
    for (const kind of this.kinds) {
      let items: unknown[];
      try {
        items = await kind.findDue(now);
      } catch (err) {
        this.opts.log.error({ err, kind: kind.kind }, 'scheduler: finding due work failed');
        report.failed++;
        continue;
      }
      for (const item of items) {
        try {
          await kind.run(item, now);
          report.ran[kind.kind] = (report.ran[kind.kind] ?? 0) + 1;
        } catch (err) {
          // Left as it was: the next tick finds it again.
          this.opts.log.error({ err, kind: kind.kind }, 'scheduler: due work failed');
          report.failed++;
        }
      }
    }
    return report;
  }

  /** Ticks every `intervalMs` (0 = never: tests tick by hand). */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((err) => this.opts.log.error({ err }, 'scheduler tick failed'));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops ticking, waits for a round in flight and gives the lease up. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    await this.opts.leases.release(LEASE, this.opts.holder).catch(() => undefined);
  }
}
