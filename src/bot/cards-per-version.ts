import { deepFreeze } from '../shared/deep-freeze.js';
import type { CardJson } from './render-card.js';

/** Cards kept per version; a card that differs per person (own line, message) is one key. */
const MAX_CARDS_PER_VERSION = 20;

/**
 * Personal cards drawn once per version of what they show (a stored meeting or request, frozen, so a
 * new version is a new object) and per what else they are drawn from (group, texts, language): people
 * alike who pressed into the same version get the one card. Cards are frozen, so no turn can change
 * what another sends.
 */
export class CardsPerVersion<S extends object> {
  private readonly kept = new WeakMap<S, { drawnFrom: readonly unknown[]; cards: Map<string, CardJson> }>();

  /** `key`: everything the card shows that differs between people alike. */
  card(version: S, drawnFrom: readonly unknown[], key: string, draw: () => CardJson): CardJson {
    let kept = this.kept.get(version);
    if (!kept || kept.drawnFrom.length !== drawnFrom.length || kept.drawnFrom.some((x, i) => x !== drawnFrom[i])) {
      this.kept.set(version, (kept = { drawnFrom, cards: new Map() }));
    }
    let card = kept.cards.get(key);
    if (!card) {
      card = deepFreeze(draw());
      if (kept.cards.size < MAX_CARDS_PER_VERSION) kept.cards.set(key, card);
    }
    return card;
  }
}
