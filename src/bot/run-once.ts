import { setTimeout as sleep } from 'node:timers/promises';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { ActivityRef, ClaimResult, StoredInvokeResponse } from '../store/activity-claims.js';
import type { Deps } from './deps.js';
import { t } from './context.js';

/**
 * Messages and invokes with an id are processed once; other activities have their own guards. A
 * card's automatic refresh (per-user view) only reads, so it is not claimed: that would cost two
 * writes for every card anyone looks at. Nor are the card actions in `selfDeduplicating`: they keep
 * the press's activity id on the record they write, conditionally, so a redelivery changes nothing
 * there and a claim would only add two Cosmos requests to the press a whole group makes at once.
 */
export function activityRefOf(ctx: TurnContext, selfDeduplicating: ReadonlySet<string>): ActivityRef | undefined {
  const a = ctx.activity;
  if ((a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Invoke) || !a.id) return undefined;
  if (a.type === ActivityTypes.Invoke) {
    const value = a.value as { trigger?: unknown; action?: { verb?: unknown } } | undefined;
    if (value?.trigger === 'automatic') return undefined;
    // Teams' typeahead asks as someone types (member-search.ts): a read, not claimed either.
    if (a.name === 'application/search') return undefined;
    if (a.name === 'adaptiveCard/action' && selfDeduplicating.has(String(value?.action?.verb))) return undefined;
  }
  return {
    channelId: a.channelId ?? '',
    conversationId: a.conversation?.id ?? '',
    activityId: a.id,
    activityType: a.type === ActivityTypes.Invoke ? `invoke:${a.name ?? ''}` : a.type,
  };
}

/** An invoke answer with a message Teams shows on the card. */
export function invokeMessage(text: string): StoredInvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}

/** A redelivered invoke gets the answer the first delivery got, waiting briefly if it is still running. */
async function answerRedelivery(ctx: TurnContext, deps: Deps, claim: Extract<ClaimResult, { claimed: false }>): Promise<void> {
  let doc: typeof claim.existing | undefined = claim.existing;
  for (let waited = 0; doc?.state === 'running' && waited < 3_000; waited += 100) {
    await sleep(100);
    doc = await deps.activityClaims.get(claim.id);
  }
  const answer = doc?.state === 'done' ? (doc.invokeResponse ?? { status: 200 }) : invokeMessage(t(ctx).common.busy);
  await ctx.sendActivity({ type: 'invokeResponse', value: answer });
}

/**
 * Runs `turn` once per activity id, however often Teams delivers it: one claim (a create) before the
 * turn and, for an invoke, the "done" mark with its answer after it, off the answer path. A failed
 * turn releases its claim (so a retry can succeed) and rethrows to the error handler.
 */
export async function runOnce(ctx: TurnContext, deps: Deps, selfDeduplicating: ReadonlySet<string>, turn: () => Promise<void>): Promise<void> {
  const ref = activityRefOf(ctx, selfDeduplicating);
  if (!ref) return turn();
  const claimedAt = deps.now();
  const claim = await deps.activityClaims.claim(ref, claimedAt);
  if (!claim.claimed) {
    deps.log.info({ activityId: ref.activityId, activityType: ref.activityType, state: claim.existing.state }, 'redelivered activity not processed again');
    if (ctx.activity.type === ActivityTypes.Invoke) await answerRedelivery(ctx, deps, claim);
    return;
  }
  try {
    await turn();
  } catch (err) {
    await deps.activityClaims.release(claim.id).catch((e: unknown) => deps.log.warn({ err: e, activityId: ref.activityId }, 'releasing the activity claim failed'));
    throw err;
  }
  // A message's claim is final as created; an invoke's answer is kept for a redelivery.
  if (ctx.activity.type !== ActivityTypes.Invoke) return;
  const answer = (ctx.turnState.get(INVOKE_RESPONSE_KEY) as { value?: InvokeResponse } | undefined)?.value;
  const stored = answer ? { status: answer.status, ...(answer.body !== undefined ? { body: answer.body } : {}) } : undefined;
  // The turn's work is done; the "done" mark goes out while the answer is written (one Cosmos round
  // trip on the answer path, not two). It is background work, so shutdown waits for it. A redelivery
  // that comes before it lands finds the claim running and waits for the mark (answerRedelivery).
  // Failing to mark it done only risks a stale takeover later.
  const doneAt = deps.now();
  deps.background.run('mark the activity done', () =>
    deps.activityClaims
      .complete(claim.id, ref.activityType, claimedAt.toISOString(), doneAt, stored)
      .catch((e: unknown) => deps.log.warn({ err: e, activityId: ref.activityId }, 'marking the activity done failed')),
  );
}
