import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/bot/render-card.js';
import { cardProblems } from '../support/card-schema.js';
import { cardText } from '../support/cards.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../card-samples');

describe('card samples of the decision log and action item cards', () => {
  it.each(['decision-log', 'action-list', 'action-reminder'])('%s renders to a valid Adaptive Card 1.5', async (name) => {
    const { sample } = (await import(path.join(dir, `${name}.ts`))) as { sample: object };
    const card = renderCard(name, sample);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('the decision log shows meeting, date, item number, responsible and status', async () => {
    const { sample } = (await import(path.join(dir, 'decision-log.ts'))) as { sample: object };
    const text = cardText(renderCard('decision-log', sample));
    expect(text).toContain('2018-03-16 · Lokusmöte Tierp · punkt 2 Projektansökan, språkstödjare');
    expect(text).toContain('Ansvarig Nima Najafi');
    expect(text).toContain('Status Pågår');
  });
});
