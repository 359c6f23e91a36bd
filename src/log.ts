import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Never log message text or card input at info level (personal data). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'lokus' },
    redact: { paths: ['*.key', '*.password', '*.appPassword', 'req.headers.authorization'], censor: '[redacted]' },
  });
}
