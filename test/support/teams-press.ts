/**
 * Pressing a card button the way the Teams client does, decided by the official Adaptive Cards
 * renderer (`adaptivecards`, the package the card gallery renders with) on the card as sent:
 *
 * - the inputs a press sends are those in the button's scope as the renderer computes it
 *   (`Action.Execute`/`Action.Submit` with `associatedInputs` "auto", the default: every input of the
 *   card, or show-card, the button sits in and of the cards around it; "none": no input);
 * - a required input in that scope that is empty (or a value the input refuses: regex, min/max)
 *   stops the press: Teams marks the field and sends nothing, so the test fails with the field named;
 * - a button inside an element with `isVisible: false` can be pressed only when some reachable
 *   `Action.ToggleVisibility` on the card shows that element; a button in an `Action.ShowCard`'s card
 *   only when that show-card is itself reachable; a disabled button (`isEnabled: false`) never;
 * - a person picks choices, not free text: a value typed into a static `Input.ChoiceSet` must be one
 *   of its choices (with Teams' typeahead, `choices.data`, what the bot's search offers: see
 *   `TestBot.search`);
 * - what is sent is the action's `data` with each set input's value, as a string, on top (Teams
 *   sends every input value as a string; an unset input is left out).
 *
 * Forged or impossible presses (data Teams would never send) are for `TestBot.execute()`, not this.
 */
import { createRequire } from 'node:module';

type Json = Record<string, any>;

// The package's ESM build imports its modules without file extensions, which Node does not resolve;
// its UMD bundle is the same code in one file.
const AC: any = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');

/** A parsed card: the renderer's object model next to the JSON it came from. */
export interface ParsedCard {
  json: Json;
  card: any;
  /** Every action on the card, show-cards' cards included, in document order. */
  actions: any[];
}

/** Ids of choice lists with Teams' dynamic typeahead (`choices.data`, which the renderer reads only from 1.6 on). */
function typeaheadIds(json: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(json)) json.forEach((j) => typeaheadIds(j, out));
  else if (json && typeof json === 'object') {
    const o = json as Json;
    if (o.type === 'Input.ChoiceSet' && o['choices.data']?.type === 'Data.Query' && typeof o.id === 'string') out.add(o.id);
    Object.values(o).forEach((v) => typeaheadIds(v, out));
  }
  return out;
}

export function parseCard(json: Json): ParsedCard {
  const card = new AC.AdaptiveCard();
  card.parse(JSON.parse(JSON.stringify(json)));
  const actions: any[] = [];
  const collect = (c: any) => {
    for (const a of c.getAllActions()) {
      actions.push(a);
      if (a instanceof AC.ShowCardAction && a.card) collect(a.card);
    }
  };
  collect(card);
  const typeahead = typeaheadIds(json);
  for (const input of card.getAllInputs(true)) if (typeahead.has(input.id)) input.lokusTypeahead = true;
  return { json, card, actions };
}

const describe = (a: any) => `${a.getJsonTypeName()} "${a.title ?? ''}"`;

/** Why a person cannot reach this action on the card (hidden, disabled, in a hidden show-card), if so. */
export function unreachable(parsed: ParsedCard, action: any, seen = new Set<any>()): string | undefined {
  if (seen.has(action)) return `${describe(action)} is only reachable through itself`;
  seen.add(action);
  if (action.isEnabled === false) return `${describe(action)} is disabled (isEnabled: false)`;
  // The show-card whose card holds this action must itself be reachable.
  const showCard = parsed.actions.find((a) => a instanceof AC.ShowCardAction && a.card && contains(a.card, action));
  if (showCard) {
    const why = unreachable(parsed, showCard, seen);
    if (why) return `it sits in the card of ${describe(showCard)}, and ${why}`;
  }
  for (let p = action.parent; p; p = p.parent) {
    if (p.isVisible === false) {
      const id = p.id as string | undefined;
      const toggles = parsed.actions.filter((a) => a instanceof AC.ToggleVisibilityAction && id && Object.prototype.hasOwnProperty.call(a.targetElements ?? {}, id) && a.targetElements[id] !== false);
      const reachableToggle = toggles.find((t) => !unreachable(parsed, t, new Set(seen)));
      if (!reachableToggle) return `it sits in ${p.getJsonTypeName()}${id ? ` "${id}"` : ''} with isVisible: false, and no button on the card shows it`;
    }
  }
  return undefined;
}

function contains(card: any, action: any): boolean {
  for (let p = action.parent; p; p = p.parent) if (p === card) return true;
  return false;
}

/** The inputs a press of this action sends (and validates), by id: the renderer's own scope. */
export function scopeOf(action: any): Map<string, any> {
  const refs = typeof action.getReferencedInputs === 'function' ? action.getReferencedInputs() ?? {} : {};
  return new Map(Object.entries(refs));
}

/** What the renderer would read from the input as shown with `raw` in it (undefined = left as sent). */
function showValue(input: any, raw: unknown): void {
  let value: unknown;
  if (input instanceof AC.ToggleInput) {
    const on = input.valueOn ?? 'true';
    const off = input.valueOff ?? 'false';
    const v = raw === undefined ? input.defaultValue : raw;
    value = v === true || String(v) === on ? on : off;
  } else if (input instanceof AC.NumberInput) {
    const v = raw === undefined ? input.defaultValue : raw;
    value = v === undefined || v === '' ? undefined : Number(v);
  } else {
    const v = raw === undefined ? input.defaultValue : raw;
    value = v === undefined || v === null ? undefined : String(v);
  }
  Object.defineProperty(input, 'value', { configurable: true, get: () => value });
}

function choiceProblem(input: any, raw: unknown): string | undefined {
  if (!(input instanceof AC.ChoiceSetInput) || raw === undefined || raw === '') return undefined;
  if (input.lokusTypeahead || input.isDynamicTypeahead()) return undefined; // a Data.Query typeahead: the bot's search decides
  const values = input.isMultiSelect ? String(raw).split(',') : [String(raw)];
  const allowed = new Set((input.choices ?? []).map((c: any) => String(c.value)));
  const bad = values.filter((v) => !allowed.has(v));
  return bad.length > 0 ? `"${label(input)}" (${input.id}) has no choice ${bad.map((b) => `"${b}"`).join(', ')}; choices: ${[...allowed].join(', ')}` : undefined;
}

const label = (input: any) => String(input.label ?? input.id).replace(/\s+/g, ' ');

export interface TeamsPress {
  /** The pressed action as JSON (type, verb, title, data). */
  action: Json;
  /** What Teams sends: the action's data with the set inputs in scope on top. */
  data: Record<string, unknown>;
}

/** Finds the actions titled `title` (exact string or pattern). */
export function actionsTitled(parsed: ParsedCard, title: string | RegExp): any[] {
  const matches = (t: unknown) => (typeof title === 'string' ? t === title : title.test(String(t ?? '')));
  return parsed.actions.filter((a) => matches(a.title));
}

/**
 * Presses the button titled `title` on `cardJson` with `typed` typed into its inputs, as Teams would;
 * throws, naming the reason, when Teams would not let the press through.
 */
export function teamsPress(cardJson: Json, title: string | RegExp, typed: Record<string, unknown> = {}): TeamsPress {
  const parsed = parseCard(cardJson);
  const found = actionsTitled(parsed, title);
  if (found.length === 0) {
    throw new Error(`no button "${String(title)}" on the card; buttons: ${parsed.actions.map((a) => a.title).join(', ')}`);
  }
  const reachable = found.filter((a) => !unreachable(parsed, a));
  const action = reachable[0];
  if (!action) throw new Error(`Teams shows no pressable button "${String(title)}": ${unreachable(parsed, found[0])}`);
  return pressAction(action, String(title), typed);
}

/** Presses one parsed action (see teamsPress). */
export function pressAction(action: any, title: string, typed: Record<string, unknown> = {}): TeamsPress {
  const type = action.getJsonTypeName();
  if (!(action instanceof AC.SubmitActionBase)) {
    throw new Error(`button "${title}" is ${type}; it cannot be pressed as a request`);
  }
  const scope = scopeOf(action);
  for (const key of Object.keys(typed)) {
    if (!scope.has(key)) {
      throw new Error(`Teams does not send input "${key}" with "${title}" (associatedInputs ${action.associatedInputs ?? 'auto'}); inputs in its scope: ${[...scope.keys()].join(', ') || 'none'}`);
    }
  }
  const problems: string[] = [];
  for (const [id, input] of scope) {
    const raw = Object.prototype.hasOwnProperty.call(typed, id) ? typed[id] : undefined;
    const bad = choiceProblem(input, raw);
    if (bad) problems.push(bad);
    showValue(input, raw);
  }
  for (const input of action.validateInputs() as any[]) {
    problems.push(input.isRequired && !input.isSet() ? `"${label(input)}" (${input.id}) is required and empty` : `"${label(input)}" (${input.id}) holds a value it refuses: ${JSON.stringify(input.value)}`);
  }
  if (problems.length > 0) throw new Error(`Teams refuses the press of "${title}": ${problems.join('; ')}`);
  const json: Json = { type, title: action.title, ...(action.verb !== undefined ? { verb: action.verb } : {}), data: action.data };
  const data: Record<string, unknown> = json.data && typeof json.data === 'object' ? JSON.parse(JSON.stringify(json.data)) : {};
  for (const [id, input] of scope) {
    if (input.isSet()) data[id] = typeof input.value === 'string' ? input.value : String(input.value);
  }
  return { action: json, data };
}

const FORM_CONTAINERS = new Set(['Container', 'Column', 'ColumnSet', 'TableCell', 'AdaptiveCard']);

/** The element holding a button's own form: the container around its ActionSet, or its card. */
function regionOf(action: any): any {
  let p = action.parent;
  if (p && p.getJsonTypeName() === 'ActionSet') p = p.parent;
  while (p && !FORM_CONTAINERS.has(p.getJsonTypeName())) p = p.parent;
  return p;
}

function isInside(element: any, ancestor: any): boolean {
  for (let p = element; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** A value a person could put in the input (to press a form's button with its required fields filled). */
function sampleValue(input: any): string | undefined {
  if (input instanceof AC.ChoiceSetInput) return input.lokusTypeahead || input.isDynamicTypeahead() ? 'x' : input.choices?.[0]?.value;
  if (input instanceof AC.ToggleInput) return input.valueOn ?? 'true';
  if (input instanceof AC.NumberInput) return String(input.min ?? 1);
  if (input instanceof AC.DateInput) return input.min ?? '2018-03-16';
  if (input instanceof AC.TimeInput) return input.min ?? '13:00';
  return input.regex ? undefined : 'x';
}

/**
 * The card rule "every button's press is valid on the card as its viewer sees it", for every
 * Action.Execute/Submit a person can reach on the card:
 * - a required input in its scope must belong to the button's own form (the container, column or
 *   card its buttons sit in, not a nested part with buttons of its own): otherwise a button that has
 *   nothing to do with that field is blocked until it is filled (Närvarande under the marking form);
 * - a required input in its scope must be one the person can see (not in a hidden element no button
 *   shows), or the press can never go through;
 * - with the required inputs of its own form filled in, and everything else as the card shows it,
 *   Teams lets the press through (defaults are valid values).
 */
export function pressProblems(cardJson: Json): string[] {
  const parsed = parseCard(cardJson);
  const problems: string[] = [];
  const allActions = parsed.actions;
  for (const action of allActions) {
    if (!(action instanceof AC.SubmitActionBase) || unreachable(parsed, action)) continue;
    const title = String(action.title ?? action.verb ?? '');
    const region = regionOf(action);
    const typed: Record<string, unknown> = {};
    let fillable = true;
    for (const [id, input] of scopeOf(action)) {
      if (!input.isRequired) continue;
      const otherForm = (() => {
        if (!isInside(input, region)) return true;
        for (let p = input.parent; p && p !== region; p = p.parent) {
          if (FORM_CONTAINERS.has(p.getJsonTypeName()) && allActions.some((a) => a !== action && a instanceof AC.SubmitActionBase && isInside(a, p))) return true;
        }
        return false;
      })();
      if (otherForm) problems.push(`"${title}" is blocked by the required input "${label(input)}" (${id}) of another part of the card (set "associatedInputs": "none" or move it)`);
      const hidden = (() => {
        for (let p = input.parent; p; p = p.parent) {
          if (p.isVisible === false && !allActions.some((a) => a instanceof AC.ToggleVisibilityAction && p.id && p.id in (a.targetElements ?? {}) && !unreachable(parsed, a))) return true;
        }
        return false;
      })();
      if (hidden) problems.push(`"${title}" needs the required input "${label(input)}" (${id}), which sits where no one can see it`);
      const v = sampleValue(input);
      if (v === undefined) fillable = false;
      else typed[id] = v;
    }
    if (!fillable) continue;
    try {
      pressAction(action, title, typed);
    } catch (err) {
      problems.push(`"${title}" with its form filled in: ${(err as Error).message}`);
    }
  }
  return [...new Set(problems)];
}
