/**
 * The embedded Cosmos DB server's thread: @vercel/cosmosdb-server's account and handlers behind
 * our HTTP server, its data folder loaded at start and every change journaled before it is answered.
 * It runs beside the bot's thread so that serving Cosmos never holds up a turn. Messages: see start.ts.
 */
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { fixPatches } from './cosmos-fidelity.js';
import { createCosmosServer } from './cosmos-server.js';
import { scopeQueriesToPartitions } from './partition-scope.js';
import { DataFileError, DataFolder } from './data-folder.js';
import { countDocuments, newAccount, reportChanges } from './records.js';
import { deleteExpired } from './ttl-sweep.js';
import type { FromWorker, ToWorker, WorkerInput } from './messages.js';

const input = workerData as WorkerInput;
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);
const warn = (msg: string, fields: Record<string, unknown> = {}) => send({ log: { level: 'warn', msg, fields } });

try {
  fixPatches();
  scopeQueriesToPartitions();
  const account = newAccount('127.0.0.1', 0);
  const journaling: { folder?: DataFolder } = {};
  // Before anything is loaded: the hooks learn which database each container belongs to as it is made.
  reportChanges((record) => {
    journaling.folder?.journal.append(record);
    journaling.folder?.compactIfDue();
  });
  const folder = input.dataDir ? DataFolder.open(input.dataDir, account, { legacyDatabase: input.database, warn }) : undefined;
  journaling.folder = folder;
  const { server, faults } = createCosmosServer(account, {
    durable: () => folder?.journal.durable(),
    onError: (err) => send({ log: { level: 'error', msg: 'the embedded Cosmos DB failed a request', fields: { err: err.message } } }),
  });
  // Cosmos DB deletes documents whose time to live has passed by itself; so does this server.
  let sweeping = false;
  setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    deleteExpired(account, Math.floor(Date.now() / 1000))
      .catch((err: Error) => warn('deleting expired documents failed', { err: err.message }))
      .finally(() => (sweeping = false));
  }, input.ttlSweepMs ?? 60_000).unref();
  server.listen(input.port ?? 0, '127.0.0.1', () => {
    const { port: listening } = server.address() as AddressInfo;
    send({ ready: { port: listening, documents: countDocuments(account) } });
  });

  port.on('message', (m: ToWorker) => {
    const done = (p: Promise<unknown> | unknown) =>
      Promise.resolve(p).then(
        () => send({ id: m.id, ok: true }),
        (err: Error) => send({ id: m.id, ok: false, error: err.message }),
      );
    switch (m.cmd) {
      case 'throttle':
        return done(faults.throttleNext(m.count, m.retryAfterMs));
      case 'stop':
        return done(new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }));
      case 'restart':
        return done(new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(m.port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
          });
        }));
      case 'compact':
        return done(folder?.compact());
      case 'close':
        return done((async () => {
          await new Promise<void>((resolve) => {
            if (!server.listening) return resolve();
            server.close(() => resolve());
            server.closeAllConnections();
          });
          await folder?.close();
        })());
    }
  });
} catch (err) {
  const e = err as Error;
  send({ failed: e instanceof DataFileError ? { message: e.message, dataFile: { file: e.file, reason: e.reason } } : { message: e.message } });
}
