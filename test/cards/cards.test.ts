import { describe, expect, it } from 'vitest';
import { accessibilityProblems, allCardProblems, englishProblems, renderSample, sampleNames, templateNames } from '../support/card-checks.js';
import { cardText } from '../support/cards.js';
import { en } from '../../src/i18n/en/index.js';
import { sv } from '../../src/i18n/sv/index.js';

describe('every card template, rendered with its Swedish sample', () => {
  it('has a sample for every template and a template for every sample', () => {
    expect(templateNames().length).toBeGreaterThan(0);
    expect(templateNames().filter((n) => !sampleNames().includes(n)), 'templates without test/card-samples/<name>.ts').toEqual([]);
    expect(sampleNames().filter((n) => !templateNames().includes(n)), 'samples without cards/<name>.json').toEqual([]);
  });

  it.each(templateNames())('%s: valid 1.5, expanded, accessible, all Swedish', async (name) => {
    const card = await renderSample(name);
    expect(allCardProblems(card)).toEqual([]);
  });
});

describe('the card checks catch what they promise to', () => {
  const ok = { type: 'TextBlock', text: 'Möte 2018-03-16', style: 'heading', wrap: true };
  const card = (...body: object[]) => ({ type: 'AdaptiveCard', version: '1.5', body: [ok, ...body] });

  it('accepts a small correct card', () => {
    expect(allCardProblems(card({ type: 'TextBlock', text: '● Frånvarande', color: 'attention', wrap: true }))).toEqual([]);
  });

  it('wants a heading first, wrapping texts, labels and alt texts', () => {
    expect(accessibilityProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ ...ok, style: undefined }] }).join()).toMatch(/not style: "heading"/);
    expect(accessibilityProblems(card({ type: 'TextBlock', text: 'Lång text' })).join()).toMatch(/no wrap/);
    expect(accessibilityProblems(card({ type: 'Input.Text', id: 'titel' })).join()).toMatch(/Input.Text "titel" has no label/);
    expect(accessibilityProblems(card({ type: 'Image', url: 'https://example.org/a.png' })).join()).toMatch(/no altText/);
    const showCard = { type: 'ActionSet', actions: [{ type: 'Action.ShowCard', title: 'Svara', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'svar' }] } }] };
    expect(accessibilityProblems(card(showCard)).join()).toMatch(/"svar" has no label/);
  });

  it('refuses colour as the only carrier of meaning', () => {
    expect(accessibilityProblems(card({ type: 'TextBlock', text: '●', color: 'Attention', wrap: true })).join()).toMatch(/colour "Attention" alone/);
    expect(accessibilityProblems(card({ type: 'Container', style: 'good', items: [] })).join()).toMatch(/style "good" alone/);
    expect(accessibilityProblems(card({ type: 'Container', style: 'good', items: [{ type: 'TextBlock', text: 'Godkänd', wrap: true }] }))).toEqual([]);
  });

  it('finds English on a Swedish card, and knows the Swedish help text is not English', () => {
    expect(englishProblems(card({ type: 'TextBlock', text: en.help.intro, wrap: true })).join()).toMatch(/English text/);
    expect(englishProblems(card({ type: 'TextBlock', text: `**${en.help.commands[0]!.command}**`, wrap: true })).join()).toMatch(/"help"/);
    expect(englishProblems(card({ type: 'TextBlock', text: sv.help.intro, wrap: true }))).toEqual([]);
  });

  it('finds text Teams would swallow as an HTML tag', () => {
    expect(allCardProblems(card({ type: 'TextBlock', text: '**punkt <rubrik>**', wrap: true })).join()).toMatch(/"<rubrik>" looks like an HTML tag/);
    expect(allCardProblems(card({ type: 'TextBlock', text: '**punkt ‹rubrik›** och 3 < 5', wrap: true }))).toEqual([]);
  });

  it('finds unexpanded template text', () => {
    expect(allCardProblems(card({ type: 'TextBlock', text: '${t.title}', wrap: true })).join()).toMatch(/unexpanded/);
  });

  it('renders the help sample with the Swedish texts a user reads', async () => {
    const text = cardText(await renderSample('help'));
    expect(text).toContain(sv.help.title);
    expect(text).toContain('**nytt möte [datum] [tid] [plats]**');
    expect(text).toContain('**punkt ‹rubrik›**');
  });
});
