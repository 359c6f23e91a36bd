import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a bench child reports to the parent over IPC. */
export interface ChildStats {
  requests: number;
  /** New TCP connections accepted: keep-alive keeps this near the number of client connections. */
  connections: number;
  /** Sum of x-ms-request-charge (Cosmos only). */
  requestCharge?: number;
  /** Requests by "METHOD resource" (Cosmos only). */
  byKind?: Record<string, number>;
  slowest?: Record<string, number>;
}

/**
 * Runs a bench child: listens on a random loopback port, tells the parent the port, answers
 * `stats`/`reset` messages (and the child's own commands, answered with `result`), and exits when the parent goes away.
 */
export async function serveChild(server: http.Server, stats: () => ChildStats, reset: () => void, other?: (cmd: string, args: unknown) => unknown): Promise<void> {
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  process.on('message', (msg: { id: number; cmd: string; args?: unknown }) => {
    if (msg.cmd === 'reset') reset();
    if (msg.cmd !== 'stats' && msg.cmd !== 'reset') return void process.send?.({ id: msg.id, result: other?.(msg.cmd, msg.args) });
    process.send?.({ id: msg.id, stats: stats() });
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true, port });
}
