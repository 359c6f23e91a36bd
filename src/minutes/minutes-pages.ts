import { renderCard, type CardJson } from '../bot/render-card.js';

/**
 * Teams refuses a bot message much over 28 KB. A minutes card of a long meeting (40 items, 60
 * decisions) shows its items a page at a time, with "Visa fler punkter" / "Visa föregående punkter";
 * the whole text is always in the export links. The card itself, as sent, stays under this.
 */
export const MINUTES_CARD_BYTES = 24_000;

const bytes = (card: CardJson) => Buffer.byteLength(JSON.stringify(card));

/** Whether a card, as rendered, is within the budget (a card showing one long item may not be). */
export const withinBudget = (card: CardJson) => bytes(card) <= MINUTES_CARD_BYTES;

/** The items shown: `from` up to (not including) `to`, and where the pages beside it start. */
export interface Page {
  from: number;
  to: number;
  total: number;
  /** Where "Visa föregående punkter" starts (undefined on the first page). */
  previousFrom?: number;
}

/**
 * Renders the card with as many items from `wanted.from` (or the page holding item `wanted.near`) as
 * keep it under the budget, at least one (so the caller checks `withinBudget` where the card's own
 * parts can be long). A page is named by its first item, so "Visa fler punkter" goes on right after
 * the last item shown whatever else the card says meanwhile. What the card costs without items is
 * measured by rendering it so, with every pager button (a first page has no "previous", but what the
 * buttons carry counts on every other page); what one item costs, on the first item, and the others
 * are reckoned from their own length. A page reckoned too full is rendered again with fewer items.
 */
export function pagedCard<I>(template: string, items: I[], wanted: { from?: number; near?: number }, data: (shown: I[], page: Page) => object): CardJson {
  const total = items.length;
  const none: Page = { from: 0, to: 0, total, previousFrom: 0 };
  const fixed = bytes(renderCard(template, data([], none)));
  const own = (item: I) => Buffer.byteLength(JSON.stringify(item));
  const overhead = total > 0 ? Math.max(0, bytes(renderCard(template, data(items.slice(0, 1), none))) - fixed - own(items[0]!)) : 0;
  const room = MINUTES_CARD_BYTES - fixed;
  const cost = (i: number) => own(items[i]!) + overhead;
  /** The first item after a page that starts at `from`. */
  const endOf = (from: number) => {
    let to = from;
    for (let used = 0; to < total && (to === from || used + cost(to) <= room); to++) used += cost(to);
    return to;
  };
  /** Where a page that ends just before `to` starts. */
  const startOf = (to: number) => {
    let from = to;
    for (let used = 0; from > 0 && (from === to || used + cost(from - 1) <= room); from--) used += cost(from - 1);
    return from;
  };
  let from = Math.min(Math.max(0, Math.trunc(wanted.from ?? 0)), Math.max(0, total - 1));
  if (wanted.near !== undefined) {
    from = 0;
    while (endOf(from) <= wanted.near && endOf(from) < total) from = endOf(from);
  }
  // The costs above are reckoned; the card as rendered decides (what a page's buttons carry depends
  // on which items it shows).
  const render = (to: number) => renderCard(template, data(items.slice(from, to), { from, to, total, ...(from > 0 ? { previousFrom: startOf(from) } : {}) }));
  let to = endOf(from);
  let card = render(to);
  while (!withinBudget(card) && to > from + 1) card = render(--to);
  return card;
}
