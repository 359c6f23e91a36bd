import type { AddressInfo } from 'node:net';
import { fixPatches } from '../../src/store/embedded/cosmos-fidelity.js';
import { createCosmosServer } from '../../src/store/embedded/cosmos-server.js';
import { newAccount } from '../../src/store/embedded/records.js';

/**
 * The embedded server's code in the test's own thread (the bot runs it in a thread of its own), for
 * tests that watch what the server does inside, in memory only.
 */
export async function inThreadCosmos(): Promise<{ endpoint: string; key: string; close(): Promise<void> }> {
  fixPatches();
  const { server } = createCosmosServer(newAccount('127.0.0.1', 0));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    key: 'in-thread-cosmos-has-no-secret',
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
