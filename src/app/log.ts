import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Errors are logged by name, message, code, status and stack only: SDK errors carry the whole HTTP
 * request (a reply's text, the bearer token) and response as properties.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; statusCode?: unknown; substatus?: unknown };
  return {
    type: e.name,
    message: e.message,
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.statusCode !== undefined ? { statusCode: e.statusCode } : {}),
    ...(e.substatus !== undefined ? { substatus: e.substatus } : {}),
    stack: e.stack,
  };
}

/** Structured JSON logs. Never log message text or card input at info level (personal data). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'lokus' },
    redact: { paths: ['*.key', '*.password', '*.appPassword', '*.secret', 'req.headers.authorization'], censor: '[redacted]' },
    serializers: { err: safeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
