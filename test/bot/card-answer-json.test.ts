import type { Request, Response } from 'restify';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/shared/deep-freeze.js';
import { formatJson, shareCard } from '../../src/bot/card-answer-json.js';
import { renderCard } from '../../src/bot/render-card.js';

const TYPE = 'application/vnd.microsoft.card.adaptive';

function format(body: unknown): { data: string | Buffer; length: unknown } {
  const headers: Record<string, unknown> = {};
  const res = { setHeader: (k: string, v: unknown) => void (headers[k] = v) } as unknown as Response;
  const data = formatJson({} as Request, res, body);
  if (data === null) throw new Error('the formatter gave no body');
  return { data, length: headers['Content-Length'] };
}

const card = () => renderCard('help', { t: { title: 'Hjälp – Lokus', intro: 'Så här gör du: "närvaro", "protokoll" och åäö ÅÄÖ' }, commands: [{ command: 'närvaro', description: 'Visar närvaron' }] });

describe('the JSON of HTTP answers', () => {
  it('an invoke answer with a shared card is the JSON of the answer, with its length in bytes, made once for every press', () => {
    const shared = shareCard(deepFreeze(card()));
    const first = format({ statusCode: 200, type: TYPE, value: shared });
    expect(JSON.parse(first.data.toString('utf8'))).toEqual({ statusCode: 200, type: TYPE, value: JSON.parse(JSON.stringify(shared)) });
    expect(first.length).toBe(Buffer.byteLength(first.data.toString('utf8')));
    expect(first.length).toBeGreaterThan(first.data.toString('utf8').length); // å, ä, ö are two bytes each
    // Another press answered with the same card (a new answer object around it): the same bytes, not made again.
    expect(format({ statusCode: 200, type: TYPE, value: shared }).data).toBe(first.data);
  });

  it('anything else is serialised as it is, each time', () => {
    const own = card();
    const shared = shareCard(deepFreeze(card()));
    const bodies = [
      { statusCode: 200, type: TYPE, value: own },
      { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Sparat.' },
      { statusCode: 400, type: TYPE, value: shared },
      { statusCode: 200, type: TYPE, value: shared, extra: 'ja' },
      { status: 'ok' },
      ['a', 'å'],
    ];
    for (const body of bodies) {
      const { data, length } = format(body);
      expect(data).toBe(JSON.stringify(body));
      expect(length).toBe(Buffer.byteLength(JSON.stringify(body)));
    }
    expect(format(undefined).data).toBe('null');
  });

  it('a body that cannot be serialised gets the error of restify’s own formatter (restify answers it 500), not an uncaught TypeError', () => {
    expect(() => format({ statusCode: 200, type: TYPE, value: { count: 1n } })).toThrow(/could not format response body/);
  });
});
