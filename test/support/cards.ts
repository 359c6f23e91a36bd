/** Reading cards the bot sent, the way a person reads them: texts, inputs and buttons. */

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

export interface FoundAction {
  action: Json;
  /** Inputs a press of this action sends: those of the card and of any show-card it sits in. */
  inputs: Json[];
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
      if (typeof n.type === 'string' && n.type.startsWith('Action.')) all.push({ action: n, inputs: localInputs });
    });
  };
  search(card, []);
  const found = all.find((f) => matches(f.action.title));
  if (!found) {
    throw new Error(`no button "${String(title)}" on the card; buttons: ${all.map((f) => f.action.title).join(', ')}`);
  }
  return found;
}

/** Builds the data Teams sends for a press: the action's data plus every input's current value. */
export function pressData(found: FoundAction, typed: Record<string, unknown> = {}): Record<string, unknown> {
  const ids = new Set(found.inputs.map((i) => i.id));
  for (const k of Object.keys(typed)) {
    if (!ids.has(k)) throw new Error(`no input "${k}" on the card; inputs: ${[...ids].join(', ')}`);
  }
  const values: Record<string, unknown> = {};
  for (const i of found.inputs) {
    const v = k(typed, i.id) ? typed[i.id] : i.value;
    if (v !== undefined) values[i.id] = v;
  }
  return { ...values, ...(found.action.data ?? {}) };
}

function k(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
