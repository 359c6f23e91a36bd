/** Reading cards the bot sent, the way a person reads them: texts, inputs and buttons. */
import { teamsPress } from './teams-press.js';

type Json = Record<string, any>;

export function cardsOf(activity: Json | undefined): Json[] {
  return (activity?.attachments ?? [])
    .filter((a: Json) => a?.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a: Json) => a.content);
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== 'object') return;
  visit(node as Json);
  for (const v of Object.values(node as Json)) if (v && typeof v === 'object') walk(v, visit);
}

/** Every visible text on a card (TextBlock, RichTextBlock runs, FactSet, button titles), in order. */
export function cardTexts(card: Json): string[] {
  const out: string[] = [];
  walk(card, (n) => {
    if (n.type === 'TextBlock' || n.type === 'TextRun') out.push(String(n.text));
    if (n.title !== undefined && n.value !== undefined && !n.type) out.push(`${n.title} ${n.value}`);
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && n.title) out.push(String(n.title));
  });
  return out;
}

export function cardText(card: Json): string {
  return cardTexts(card).join('\n');
}

/** Every node of a card (elements, inputs, actions, nested cards) for which `pred` holds, in document order. */
export function findNodes(card: Json, pred: (n: Json) => boolean): Json[] {
  const out: Json[] = [];
  walk(card, (n) => {
    if (pred(n)) out.push(n);
  });
  return out;
}

/** The card's input of this id, as the bot sent it (its value, maxLength …). */
export function findInput(card: Json, id: string): Json {
  const found = findNodes(card, (n) => typeof n.type === 'string' && n.type.startsWith('Input.') && n.id === id)[0];
  if (!found) throw new Error(`no input ${id}`);
  return found;
}

export interface FoundAction {
  action: Json;
  /** Every input on the card and on any show-card the button sits in (what a forger could send). */
  inputs: Json[];
  /** The card the button is on, for pressing it as Teams does. */
  card: Json;
}

/** Finds a button by its visible title; throws (listing the titles there are) when absent. */
export function findAction(card: Json, title: string | RegExp): FoundAction {
  const matches = (t: unknown) => (typeof title === 'string' ? t === title : title.test(String(t)));
  const all: FoundAction[] = [];
  const search = (node: unknown, inputs: Json[]) => {
    const localInputs = [...inputs];
    walk(node, (n) => {
      if (typeof n.type === 'string' && n.type.startsWith('Input.')) localInputs.push(n);
    });
    walk(node, (n) => {
      if (typeof n.type === 'string' && n.type.startsWith('Action.')) all.push({ action: n, inputs: localInputs, card });
    });
  };
  search(card, []);
  const found = all.find((f) => matches(f.action.title));
  if (!found) {
    throw new Error(`no button "${String(title)}" on the card; buttons: ${all.map((f) => f.action.title).join(', ')}`);
  }
  return found;
}

/**
 * The data Teams sends for a press of the found button with `typed` typed into its inputs, decided
 * by the official renderer (teams-press.ts): only the inputs in the button's scope, and a press
 * Teams would refuse (an empty required input, a hidden button, a choice that is not there) throws.
 */
export function pressData(found: FoundAction, typed: Record<string, unknown> = {}): Record<string, unknown> {
  return teamsPress(found.card, String(found.action.title), typed).data;
}

/**
 * Data no Teams client would send: the action's data plus every input on the card at its current
 * value, scope and required fields ignored. Only for forgery tests.
 */
export function rawPressData(found: FoundAction, typed: Record<string, unknown> = {}): Record<string, unknown> {
  const ids = new Set(found.inputs.map((i) => i.id));
  for (const key of Object.keys(typed)) {
    if (!ids.has(key)) throw new Error(`no input "${key}" on the card; inputs: ${[...ids].join(', ')}`);
  }
  const values: Record<string, unknown> = {};
  for (const i of found.inputs) {
    const v = Object.prototype.hasOwnProperty.call(typed, i.id) ? typed[i.id] : i.value;
    if (v !== undefined) values[i.id] = v;
  }
  return { ...values, ...(found.action.data ?? {}) };
}
