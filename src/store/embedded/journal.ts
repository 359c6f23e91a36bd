import fs from 'node:fs';

/**
 * An append-only file of records, one JSON line each, fsynced before anything waiting on them is
 * answered. Group commit: records appended while one write-and-fsync runs go out together in the
 * next, so concurrent writes share one fsync. Writing is synchronous in the embedded server's own
 * thread (a write and an fdatasync take well under a millisecond on a local disk), which keeps the
 * order of the file the order of the changes without any locking.
 */
export class Journal {
  private pending: string[] = [];
  private appended = 0;
  private synced = 0;
  private scheduled = false;
  private waiters: Array<{ seq: number; resolve: () => void; reject: (err: Error) => void }> = [];
  private failure: Error | undefined;
  private bytes: number;

  private constructor(
    private fd: number,
    public file: string,
  ) {
    this.bytes = fs.fstatSync(fd).size;
  }

  static open(file: string): Journal {
    return new Journal(fs.openSync(file, 'a'), file);
  }

  /** Bytes in the current file, including what is not written yet. */
  get size(): number {
    return this.bytes;
  }

  append(record: unknown): void {
    const line = `${JSON.stringify(record)}\n`;
    this.pending.push(line);
    this.bytes += Buffer.byteLength(line);
    this.appended++;
    if (!this.scheduled) {
      this.scheduled = true;
      // Lets the requests that arrived together append before the one write and fsync.
      setImmediate(() => this.flush());
    }
  }

  /** Resolves when everything appended so far is on disk (at once when it already is). */
  durable(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.synced >= this.appended) return undefined;
    return new Promise((resolve, reject) => this.waiters.push({ seq: this.appended, resolve, reject }));
  }

  /** Writes and fsyncs what is pending now, synchronously. */
  flush(): void {
    this.scheduled = false;
    if (this.failure || this.pending.length === 0) return;
    const upTo = this.appended;
    const text = this.pending.join('');
    this.pending = [];
    try {
      fs.writeSync(this.fd, text);
      fs.fdatasyncSync(this.fd);
    } catch (err) {
      this.failure = err as Error;
      for (const w of this.waiters.splice(0)) w.reject(this.failure);
      return;
    }
    this.synced = upTo;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.seq <= upTo) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  /** Flushes what is pending into this file, then goes on in `file` (a new, empty one). */
  switchTo(file: string): void {
    this.flush();
    if (this.failure) throw this.failure;
    const fd = fs.openSync(file, 'a');
    fs.closeSync(this.fd);
    this.fd = fd;
    this.file = file;
    this.bytes = fs.fstatSync(fd).size;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}
