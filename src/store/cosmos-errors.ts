/** Status code of an @azure/cosmos ErrorResponse (or undefined for other errors). */
export function cosmosStatus(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The store could not finish a write after its bounded retries; nothing was written. */
export class ConcurrencyError extends Error {
  constructor(readonly id: string, readonly attempts: number) {
    super(`gave up writing ${id} after ${attempts} conflicting attempts`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * Cosmos could not be reached, did not answer in time or is throttling; the user is asked to try
 * again shortly. 'TimeoutError' is the code of the SDK's own TimeoutError (not exported by
 * @azure/cosmos), thrown when a request outlasts `connectionPolicy.requestTimeout`.
 */
export function isCosmosUnavailable(err: unknown): boolean {
  const status = cosmosStatus(err);
  if (status === 429 || status === 503 || status === 408) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'TimeoutError'].includes(code);
}
