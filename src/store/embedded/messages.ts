/** What the bot's thread and the embedded server's thread say to each other. */
export interface WorkerInput {
  /** Where the data lives; none: in memory only (store tests). */
  dataDir?: string;
  /** The database a legacy data file is imported into. */
  database: string;
  port?: number;
  /** How often expired documents (time to live) are deleted; 60 s by default. */
  ttlSweepMs?: number;
}

export type Command =
  | { cmd: 'throttle'; count: number; retryAfterMs: number }
  | { cmd: 'stop' }
  | { cmd: 'restart'; port: number }
  | { cmd: 'compact' }
  | { cmd: 'close' };

export type ToWorker = Command & { id: number };

export type FromWorker =
  | { ready: { port: number; documents: number } }
  | { failed: { message: string; dataFile?: { file: string; reason: string } } }
  | { log: { level: 'warn' | 'error'; msg: string; fields: Record<string, unknown> } }
  | { id: number; ok: boolean; error?: string };
