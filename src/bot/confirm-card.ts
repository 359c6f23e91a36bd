import { renderCard, type CardJson } from './render-card.js';

/** A button on a confirmation card: pressing it sends `verb` with `{ value }`. */
export interface ConfirmButton {
  title: string;
  verb: string;
  value: string;
  positive?: boolean;
}

export interface ConfirmView {
  heading: string;
  text: string;
  lines?: string[];
  /** None: the question has been answered and the card only says what happened. */
  buttons?: ConfirmButton[];
}

/** A question before something that is costly to get wrong (`cards/confirm.json`). */
export function confirmCard(view: ConfirmView): CardJson {
  return renderCard('confirm', confirmCardData(view));
}

export function confirmCardData(view: ConfirmView) {
  return {
    heading: view.heading,
    text: view.text,
    lines: (view.lines ?? []).map((line) => ({ line })),
    buttons: (view.buttons ?? []).map((b) => ({ ...b, positive: !!b.positive })),
  };
}
