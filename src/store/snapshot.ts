import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Database } from '@azure/cosmos';
import type { Logger } from '../log.js';

/** The embedded Cosmos server keeps data in memory; this file is what survives a restart. */
const FORMAT = 'lokus-embedded-cosmos';
const VERSION = 1;

interface SnapshotFile {
  format: typeof FORMAT;
  version: number;
  savedAt: string;
  containers: Record<string, { partitionKey: string; items: Record<string, unknown>[] }>;
}

export class DataFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`The data file ${file} cannot be used: ${reason}. It has been left untouched; move it away or repair it, then start again.`);
    this.name = 'DataFileError';
  }
}

export function snapshotPath(dataDir: string): string {
  return path.resolve(dataDir, 'cosmos.json');
}

/** Reads and checks the data file; throws DataFileError for anything but a missing file. */
async function readSnapshot(file: string): Promise<SnapshotFile | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataFileError(file, `it could not be read (${(err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DataFileError(file, `it is not valid JSON (${(err as Error).message})`);
  }
  const s = data as Partial<SnapshotFile>;
  if (s?.format !== FORMAT || s.version !== VERSION || typeof s.containers !== 'object' || s.containers === null) {
    throw new DataFileError(file, `it is not a ${FORMAT} v${VERSION} file`);
  }
  for (const [name, c] of Object.entries(s.containers)) {
    if (typeof c?.partitionKey !== 'string' || !Array.isArray(c.items)) {
      throw new DataFileError(file, `container "${name}" is malformed`);
    }
  }
  return s as SnapshotFile;
}

/** Loads the data file (if any) into the database. Returns the number of documents loaded. */
export async function loadSnapshot(file: string, database: Database): Promise<number> {
  const snap = await readSnapshot(file);
  if (!snap) return 0;
  let count = 0;
  for (const [id, c] of Object.entries(snap.containers)) {
    const { container } = await database.containers.createIfNotExists({ id, partitionKey: { paths: [c.partitionKey] } });
    for (let i = 0; i < c.items.length; i += 50) {
      await Promise.all(c.items.slice(i, i + 50).map((item) => container.items.upsert(item)));
    }
    count += c.items.length;
  }
  return count;
}

function stripSystemProperties(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_')));
}

async function writeSnapshot(file: string, database: Database): Promise<void> {
  const { resources: defs } = await database.containers.readAll().fetchAll();
  const containers: SnapshotFile['containers'] = {};
  for (const def of defs) {
    const { resources } = await database.container(def.id).items.query('SELECT * FROM c').fetchAll();
    containers[def.id] = {
      partitionKey: def.partitionKey?.paths?.[0] ?? '/id',
      items: resources.map(stripSystemProperties),
    };
  }
  const snap: SnapshotFile = { format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), containers };
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(snap));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}

export interface Persistence {
  /** Something changed: save soon. */
  markDirty(): void;
  /** Save now if anything changed, and wait for it. */
  flush(): Promise<void>;
}

/** Saves the database to `file` shortly after changes (debounced), one save at a time. */
export function createPersistence(file: string, database: Database, log: Logger, delayMs = 200): Persistence {
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const save = (): Promise<void> => {
    running = running.then(async () => {
      if (!dirty) return;
      dirty = false;
      try {
        await writeSnapshot(file, database);
      } catch (err) {
        dirty = true;
        log.error({ err, file }, 'saving the embedded Cosmos data failed');
      }
    });
    return running;
  };

  return {
    markDirty() {
      dirty = true;
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void save();
      }, delayMs);
      timer.unref();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await save();
    },
  };
}
