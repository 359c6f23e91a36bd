import { ActivityTypes, type TurnContext } from 'botbuilder';
import { t } from './context.js';
import { invokeMessage } from './run-once.js';

/**
 * Gives a malformed activity a shape the framework can route, before teams-ai sees it: a message
 * whose `text` is missing or not a string (teams-ai strips mentions from it first and would throw) has none, and a
 * card action that is not an `Action.Execute` with a string verb is answered on the card as an unknown
 * action (teams-ai would answer 501). Returns false when it answered the activity itself.
 */
export async function shapeActivity(ctx: TurnContext): Promise<boolean> {
  const a = ctx.activity;
  if (a.type === ActivityTypes.Message && typeof a.text !== 'string') a.text = '';
  if (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action') {
    const action = (a.value as { action?: { type?: unknown; verb?: unknown } } | null | undefined)?.action;
    if (!action || typeof action !== 'object' || action.type !== 'Action.Execute' || typeof action.verb !== 'string') {
      await ctx.sendActivity({ type: 'invokeResponse', value: invokeMessage(t(ctx).common.unknownCardAction) });
      return false;
    }
  }
  return true;
}
