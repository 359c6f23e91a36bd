import type { TurnState } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { ZodType, ZodTypeDef } from 'zod';
import type { Action } from '../groups/domain/permissions.js';
import type { Texts } from '../i18n/texts.js';
import type { Deps } from './deps.js';
import { t } from './context.js';
import { allowed, loadGroupTurn, parseCard, refusal, type GroupTurn } from './group-turn.js';
import { cardAttachment, type CardJson } from './render-card.js';

/** What a person gets back: a card, or a line of text. */
export type Answer = CardJson | string;

/** A step either passes its value on or refuses with the answer the person gets (nothing is written). */
export type Passed<V> = { ok: true; value: V } | { ok: false; answer: string };

/** What a listener gets once its steps have run. */
export interface Heard<D> {
  ctx: TurnContext;
  turn: GroupTurn;
  data: D;
  /** The card data as sent, for a listener that validates it itself (a form that keeps what was typed). */
  raw: unknown;
}

export interface Steps<D> {
  /** Card data, validated at the edge; ids in it are only looked up in the activity's own group. */
  data?: ZodType<D, ZodTypeDef, unknown>;
  /** The slice's names for its card fields, for the message that names a bad one. */
  fields?: (texts: Texts) => Record<string, string>;
  /** `recent` for the presses a whole group makes at once (see `loadGroupTurn`); else the group as stored. */
  group?: 'stored' | 'recent';
  /** What the acting person must be allowed to do (roles in force now). */
  may?: Action;
}

// ---- the steps ----

/** For card data whose fields a person never sees by name: any bad one gets the general message. */
export const noFieldNames = (): Record<string, string> => ({});

export function validated<D>(ctx: TurnContext, schema: ZodType<D, ZodTypeDef, unknown>, raw: unknown, fields?: (texts: Texts) => Record<string, string>): Passed<D> {
  const texts = t(ctx);
  const p = parseCard(texts, schema, raw ?? {}, fields?.(texts));
  return p.ok ? { ok: true, value: p.data } : { ok: false, answer: p.message };
}

export async function groupTurn(ctx: TurnContext, deps: Deps, read: 'stored' | 'recent' = 'stored'): Promise<Passed<GroupTurn>> {
  const turn = await loadGroupTurn(ctx, deps, read);
  return turn ? { ok: true, value: turn } : { ok: false, answer: t(ctx).group.notSetUp };
}

export function permitted(turn: GroupTurn, action: Action | undefined): Passed<GroupTurn> {
  return !action || allowed(turn, action) ? { ok: true, value: turn } : { ok: false, answer: refusal(turn, action) };
}

/** The steps in order: data, group turn, permission. The first refusal ends it. */
export async function hear<D>(deps: Deps, ctx: TurnContext, raw: unknown, steps: Steps<D>): Promise<Passed<Heard<D>>> {
  const data = steps.data ? validated(ctx, steps.data, raw, steps.fields) : { ok: true as const, value: undefined as D };
  if (!data.ok) return data;
  const turn = await groupTurn(ctx, deps, steps.group);
  if (!turn.ok) return turn;
  const may = permitted(turn.value, steps.may);
  if (!may.ok) return may;
  return { ok: true, value: { ctx, turn: turn.value, data: data.value, raw } };
}

// ---- listeners ----

/** A card button (Action.Execute): the steps, then `handle`; the answer replaces the card or shows as its message. */
export function onCard<D = undefined>(deps: Deps, steps: Steps<D>, handle: (heard: Heard<D>) => Promise<Answer>) {
  return async (ctx: TurnContext, _state: TurnState, raw: unknown): Promise<Answer> => {
    const heard = await hear(deps, ctx, raw, steps);
    return heard.ok ? handle(heard.value) : heard.answer;
  };
}

/** A chat command: the steps, then `handle`; its answer (if any) is sent as the reply. */
export function onCommand(deps: Deps, steps: Omit<Steps<never>, 'data'>, handle: (heard: Heard<undefined>) => Promise<Answer | void>) {
  return async (ctx: TurnContext): Promise<void> => {
    const heard = await hear<undefined>(deps, ctx, undefined, steps);
    const answer = heard.ok ? await handle(heard.value) : heard.answer;
    if (answer !== undefined) await reply(ctx, answer);
  };
}

export async function reply(ctx: TurnContext, answer: Answer): Promise<void> {
  await ctx.sendActivity(typeof answer === 'string' ? answer : MessageFactory.attachment(cardAttachment(answer)));
}
