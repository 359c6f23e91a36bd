import restify, { type Request, type Response } from 'restify';

/** Teams' invoke answer with a card (teams-ai's shape: `{ statusCode, type, value }`). */
const CARD_ANSWER_TYPE = 'application/vnd.microsoft.card.adaptive';

/** restify's own: anything it cannot serialise becomes its 500 answer, not an uncaught error. */
const restifyJson = Object.entries(restify.formatters).find(([type]) => type.startsWith('application/json'))![1];

/** Cards drawn once for many people (deep-frozen, so what they serialise to never changes). */
const shared = new WeakSet<object>();
/** The whole HTTP body of a 200 invoke answer with such a card, made once. */
const answerBodies = new WeakMap<object, Buffer>();

/** Marks a deep-frozen card as sent to many: its invoke answer is serialised once, not per press. */
export function shareCard<C extends object>(card: C): C {
  shared.add(card);
  return card;
}

/**
 * restify's JSON formatter, except for the invoke answer that carries a shared card: a hundred
 * people pressing into one version of a request get the one card, and its body (about 9 KB of JSON
 * for 100 voters) is serialised and encoded once instead of a hundred times.
 */
export function formatJson(req: Request, res: Response, body: unknown): string | Buffer | null {
  const bytes = sharedCardAnswer(body);
  if (!bytes) return restifyJson(req, res, body);
  res.setHeader('Content-Length', bytes.length);
  return bytes;
}

function sharedCardAnswer(body: unknown): Buffer | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { statusCode, type, value } = body as Record<string, unknown>;
  if (statusCode !== 200 || type !== CARD_ANSWER_TYPE || !value || typeof value !== 'object' || !shared.has(value)) return undefined;
  let keys = 0;
  for (const _ in body) keys++;
  if (keys !== 3) return undefined;
  let bytes = answerBodies.get(value);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify({ statusCode, type, value }));
    answerBodies.set(value, bytes);
  }
  return bytes;
}
