import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/teams/render-card.js';
import { cardProblems } from '../support/card-schema.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../card-samples');
const names = ['group-setup', 'group-settings', 'meeting-plan', 'meeting-notice', 'meeting-live', 'minutes-draft', 'minutes-edit', 'minutes-sign', 'minutes-status', 'attendance', 'attendance-stats'];

describe('card samples of the meeting cards', () => {
  it('has a sample for each meeting card template', () => {
    const files = readdirSync(dir).map((f) => f.replace(/\.ts$/, ''));
    for (const n of names) expect(files).toContain(n);
  });

  it.each(names)('%s renders to a valid Adaptive Card 1.5', async (name) => {
    const { sample } = (await import(path.join(dir, `${name}.ts`))) as { sample: object };
    expect(cardProblems(renderCard(name, sample))).toEqual([]);
  });
});
