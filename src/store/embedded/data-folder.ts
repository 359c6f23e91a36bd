import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Journal } from './journal.js';
import { applyRecord, captureState, type Account, type DataRecord } from './records.js';

const FORMAT = 'lokus-embedded-cosmos';
const VERSION = 2;
const SNAPSHOT = 'snapshot.jsonl';
/** The single-JSON data file of earlier versions: imported once, then kept as `cosmos.json.imported`. */
const LEGACY = 'cosmos.json';
const JOURNAL = /^journal-(\d{6,})\.jsonl$/;
/** A journal this large (or twice the snapshot, if larger) is compacted into a new snapshot. */
const COMPACT_AT_BYTES = 64 * 1024 * 1024;
const COMPACT_AT_FILES = 8;

export class DataFileError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`The data file ${file} cannot be used: ${reason}. It has been left untouched; move it away or repair it, then start again.`);
    this.name = 'DataFileError';
  }
}

interface Header {
  format: typeof FORMAT;
  version: number;
  savedAt: string;
  /** The first journal that holds changes made after this snapshot. */
  journalFrom: number;
}

const journalName = (gen: number) => `journal-${String(gen).padStart(6, '0')}.jsonl`;

export interface OpenOptions {
  /** The database that a legacy `cosmos.json` (which names none) is imported into. */
  legacyDatabase: string;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The embedded server's data folder: a snapshot and the journals written since. Every change is
 * appended to the current journal (and fsynced before the request is answered, see Journal);
 * compaction writes a new snapshot in the background and drops the journals it covers.
 */
export class DataFolder {
  private compacting: Promise<void> | undefined;

  private constructor(
    readonly dir: string,
    private readonly account: Account,
    readonly journal: Journal,
    private generation: number,
    private snapshotBytes: number,
    private readonly options: OpenOptions,
  ) {}

  /** Loads the snapshot and replays the journals into `account`, then opens a new journal. */
  static open(dir: string, account: Account, options: OpenOptions): DataFolder {
    fs.mkdirSync(dir, { recursive: true });
    const snapshotFile = path.join(dir, SNAPSHOT);
    const legacyFile = path.join(dir, LEGACY);
    let journalFrom = 1;
    let snapshotBytes = 0;
    let imported = false;
    if (fs.existsSync(snapshotFile)) {
      snapshotBytes = fs.statSync(snapshotFile).size;
      let header: Header | undefined;
      readLines(snapshotFile, false, options, (line) => {
        if (!header) {
          header = parseHeader(snapshotFile, line);
          journalFrom = header.journalFrom;
        } else apply(account, snapshotFile, line);
      });
      if (!header) throw new DataFileError(snapshotFile, 'it is empty');
    } else if (fs.existsSync(legacyFile)) {
      for (const r of readLegacy(legacyFile, options.legacyDatabase)) apply(account, legacyFile, r);
      imported = true;
    }
    const journals = fs.readdirSync(dir).flatMap((name) => {
      const m = JOURNAL.exec(name);
      return m ? [{ gen: Number(m[1]), file: path.join(dir, name) }] : [];
    }).sort((a, b) => a.gen - b.gen);
    let last = journalFrom - 1;
    for (const j of journals) {
      // Older ones are covered by the snapshot: a compaction stopped before it could remove them.
      if (j.gen < journalFrom) fs.rmSync(j.file, { force: true });
      else {
        readLines(j.file, true, options, (line) => apply(account, j.file, line));
        last = j.gen;
      }
    }
    const generation = last + 1;
    const folder = new DataFolder(dir, account, Journal.open(path.join(dir, journalName(generation))), generation, snapshotBytes, options);
    if (imported) {
      // The legacy file is renamed only once the snapshot holding its data is on disk.
      folder.compactSoon(() => fs.renameSync(legacyFile, `${legacyFile}.imported`)).catch(() => undefined);
    } else if (journals.filter((j) => j.gen >= journalFrom).length >= COMPACT_AT_FILES) {
      folder.compactSoon().catch(() => undefined);
    }
    return folder;
  }

  /** Compacts when the journal has grown past its bound; call after writes. */
  compactIfDue(): void {
    if (!this.compacting && this.journal.size > Math.max(COMPACT_AT_BYTES, 2 * this.snapshotBytes)) this.compactSoon().catch(() => undefined);
  }

  /** Writes a new snapshot (waiting for one under way) and removes the journals it covers. */
  compact(): Promise<void> {
    return this.compactSoon();
  }

  /** Starts a compaction unless one is under way; a failure is reported and also rejects the promise. */
  private compactSoon(then?: () => void): Promise<void> {
    this.compacting ??= this.writeSnapshot()
      .then(then)
      .catch((err: Error) => {
        this.options.warn('writing a new snapshot of the embedded Cosmos data failed; the journal keeps every change', { err: err.message });
        throw err;
      })
      .finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  private async writeSnapshot(): Promise<void> {
    const covered = this.generation;
    this.generation++;
    this.journal.switchTo(path.join(this.dir, journalName(this.generation)));
    // The state at the switch: every change before it is in the journals this snapshot replaces.
    const state = captureState(this.account);
    const file = path.join(this.dir, SNAPSHOT);
    const tmp = `${file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    let bytes = 0;
    try {
      const header: Header = { format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), journalFrom: this.generation };
      bytes += fs.writeSync(fd, `${JSON.stringify(header)}\n`);
      for (let i = 0; i < state.length; i += 500) {
        bytes += fs.writeSync(fd, state.slice(i, i + 500).map((r) => `${JSON.stringify(r)}\n`).join(''));
        // The server goes on answering between chunks.
        await new Promise((r) => setImmediate(r));
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    syncDirectory(this.dir);
    this.snapshotBytes = bytes;
    for (const name of fs.readdirSync(this.dir)) {
      const m = JOURNAL.exec(name);
      if (m && Number(m[1]) <= covered) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  /** Compacts (so the next start reads one file) and closes the journal. */
  async close(): Promise<void> {
    await this.compacting?.catch(() => undefined);
    await this.compactSoon();
    this.journal.close();
    // Nothing was written since the compaction: the next start needs no empty journal.
    if (fs.statSync(this.journal.file).size === 0) fs.rmSync(this.journal.file);
  }
}

function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function parseHeader(file: string, line: string): Header {
  let h: Partial<Header> | undefined;
  try {
    h = JSON.parse(line) as Partial<Header>;
  } catch {
    // answered below
  }
  if (h?.format !== FORMAT || h.version !== VERSION || !Number.isInteger(h.journalFrom)) throw new DataFileError(file, `it is not a ${FORMAT} v${VERSION} file`);
  return h as Header;
}

function apply(account: Account, file: string, line: string | DataRecord): void {
  let record: unknown = line;
  if (typeof line === 'string') {
    try {
      record = JSON.parse(line);
    } catch (err) {
      throw new DataFileError(file, `a line is not valid JSON (${(err as Error).message})`);
    }
  }
  const why = isRecord(record) ? applyRecord(account, record) : 'a line is not a data record';
  if (why) throw new DataFileError(file, why);
}

function isRecord(r: unknown): r is DataRecord {
  if (!r || typeof r !== 'object') return false;
  const x = r as Record<string, unknown>;
  if (typeof x.dropDb === 'string') return true;
  if (typeof x.db !== 'string') return false;
  if ('put' in x) return typeof x.c === 'string' && !!x.put && typeof (x.put as { id?: unknown }).id === 'string';
  if ('del' in x) return typeof x.c === 'string' && Array.isArray(x.del) && typeof x.del[0] === 'string';
  if ('coll' in x) return !!x.coll && typeof (x.coll as { id?: unknown }).id === 'string';
  return 'dropColl' in x ? typeof x.dropColl === 'string' : Object.keys(x).length === 1;
}

/**
 * Calls `onLine` for every line of `file`. A last line without its newline is a record torn by a
 * crash in the middle of an append: with `tornTailAllowed` it is dropped with a warning (it was never
 * acknowledged), otherwise the file is refused.
 */
function readLines(file: string, tornTailAllowed: boolean, options: OpenOptions, onLine: (line: string) => void): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new DataFileError(file, `it could not be read (${(err as Error).message})`);
  }
  try {
    const chunk = Buffer.alloc(4 * 1024 * 1024);
    let rest = Buffer.alloc(0);
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const data = rest.length ? Buffer.concat([rest, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        if (nl > start) onLine(data.toString('utf8', start, nl));
        start = nl + 1;
      }
      rest = Buffer.from(data.subarray(start));
    }
    if (rest.length > 0) {
      if (!tornTailAllowed) throw new DataFileError(file, 'its last line is cut off');
      options.warn('dropped a record cut off by a crash while it was being written (it was never acknowledged)', { file, bytes: rest.length });
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The records of a version 1 data file (one JSON document; see git history of src/store/snapshot.ts). */
function readLegacy(file: string, database: string): DataRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError(file, `it could not be read (${(err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DataFileError(file, `it is not valid JSON (${(err as Error).message})`);
  }
  const s = data as { format?: unknown; version?: unknown; containers?: Record<string, { partitionKey?: unknown; items?: unknown }> };
  if (s?.format !== FORMAT || s.version !== 1 || typeof s.containers !== 'object' || s.containers === null) {
    throw new DataFileError(file, `it is not a ${FORMAT} v1 file`);
  }
  const records: DataRecord[] = [{ db: database }];
  for (const [name, c] of Object.entries(s.containers)) {
    if (typeof c?.partitionKey !== 'string' || !Array.isArray(c.items)) throw new DataFileError(file, `container "${name}" is malformed`);
    records.push({ db: database, coll: { id: name, partitionKey: { paths: [c.partitionKey], kind: 'Hash' } } });
    // Version 1 kept no system properties: every document gets a new ETag and timestamp.
    const ts = Math.floor(Date.now() / 1000);
    for (const item of c.items as Array<{ id: string }>) records.push({ db: database, c: name, put: { ...item, _etag: randomUUID(), _ts: ts } });
  }
  return records;
}
