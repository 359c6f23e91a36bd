import { Worker } from 'node:worker_threads';
import { DataFileError } from './data-folder.js';
import type { Command, FromWorker, WorkerInput } from './messages.js';

/** TEST HOOKS ONLY (fault tests): make the embedded server unreachable or throttling, keeping its data. */
export interface EmbeddedCosmosFaults {
  /** Stops listening and drops every connection: clients get ECONNREFUSED. */
  stopServer(): Promise<void>;
  /** Listens again on the same port with the same data. */
  restartServer(): Promise<void>;
  /** Answers the next `count` requests with 429 (retry after `retryAfterMs`). */
  throttleNext(count: number, retryAfterMs?: number): Promise<void>;
}

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  /** Documents loaded from the data folder at start. */
  documents: number;
  faultsForTests: EmbeddedCosmosFaults;
  /** Writes a new snapshot and drops the journals it covers. */
  compact(): Promise<void>;
  /** Stops serving and, with a data folder, compacts it. */
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** With a folder, every acknowledged write is on disk there; without, data lives in memory only. */
  dataDir?: string;
  /** The database a data file of an earlier version is imported into. */
  database?: string;
  log?: (level: 'warn' | 'error', fields: Record<string, unknown>, msg: string) => void;
  /** How often documents past their time to live are deleted (60 s). */
  ttlSweepMs?: number;
}

/** The server's thread: the built `worker.js`, or from source (tests, `npm run dev`) `worker.ts` through tsx. */
function startWorker(input: WorkerInput): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  if (url.pathname.endsWith('.js')) return new Worker(url, { workerData: input });
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(code, { eval: true, workerData: input });
}

/**
 * Starts the embedded Cosmos DB server (@vercel/cosmosdb-server) in a thread of its own, on
 * loopback over plain HTTP with keep-alive, its data in `dataDir`. The bot talks to it through the
 * real @azure/cosmos SDK, as to Azure Cosmos DB.
 */
export async function startEmbeddedCosmos(options: EmbeddedOptions = {}): Promise<EmbeddedCosmos> {
  const worker = startWorker({ dataDir: options.dataDir, database: options.database ?? 'lokus', ttlSweepMs: options.ttlSweepMs });
  let seq = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  const ready = new Promise<{ port: number; documents: number }>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if ('ready' in m) resolve(m.ready);
      else if ('failed' in m) {
        const d = m.failed.dataFile;
        reject(d ? new DataFileError(d.file, d.reason) : new Error(`the embedded Cosmos DB could not start: ${m.failed.message}`));
        void worker.terminate();
      } else if ('log' in m) options.log?.(m.log.level, m.log.fields, m.log.msg);
      else {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.ok) w?.resolve();
        else w?.reject(new Error(m.error));
      }
    });
    worker.on('error', (err) => {
      reject(err);
      options.log?.('error', { err: err.message }, 'the embedded Cosmos DB thread failed');
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
    });
  });
  const { port, documents } = await ready;
  // The thread does not keep the process alive by itself: the bot's server does, and close() ends it.
  worker.unref();
  // While the bot waits for an answer, the thread keeps the process alive.
  const ask = (m: Command) =>
    new Promise<void>((resolve, reject) => {
      const id = ++seq;
      waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...m, id });
    }).finally(() => {
      if (waiting.size === 0) worker.unref();
    });
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: 'embedded-cosmos-has-no-secret',
    documents,
    faultsForTests: {
      stopServer: () => ask({ cmd: 'stop' }),
      restartServer: () => ask({ cmd: 'restart', port }),
      throttleNext: (count, retryAfterMs = 1) => ask({ cmd: 'throttle', count, retryAfterMs }),
    },
    compact: () => ask({ cmd: 'compact' }),
    close() {
      closing ??= ask({ cmd: 'close' }).finally(() => worker.terminate());
      return closing;
    },
  };
}
