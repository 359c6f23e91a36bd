import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, INVOKE_RESPONSE_KEY, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Deps } from './deps.js';
import { normalizeText } from './command.js';
import { matchCommand } from './command-match.js';
import { confirmCard } from './confirm-card.js';
import { t } from './context.js';
import { answerWithAssistant } from '../assistant/assistant-listeners.js';
import { noFieldNames, reply, validated, type Answer } from './listen.js';

const MAX_ECHO = 60;
const SHOWN_TEXT = 300;
export const RUN_COMMAND_VERB = 'command.run';
const RunData = z.object({ value: z.string().trim().min(1).max(4100) });

const shortened = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Runs `text` as if the person who pressed had typed it, in the same conversation: a message turn of
 * its own through every listener. It carries the id of the message the card sits on, so what it
 * records gets the same id however often the card is pressed: it is recorded once.
 */
async function runAsTyped(app: Application<TurnState>, ctx: TurnContext, text: string): Promise<void> {
  const { value: _v, name: _n, ...rest } = ctx.activity;
  const typed = new TurnContext(ctx.adapter, { ...rest, id: ctx.activity.replyToId ?? ctx.activity.id, type: ActivityTypes.Message, text });
  // The connector client and credentials of this turn (where replies go), not its invoke answer.
  for (const [key, value] of ctx.turnState) if (key !== INVOKE_RESPONSE_KEY) typed.turnState.set(key, value);
  await app.run(typed);
}

/**
 * Registered last: any message no command matched gets "Menade du …?" when it is near a command, else
 * the optional assistant's answer, else a short pointer to `hjälp`.
 */
export function register(app: Application<TurnState>, deps: Deps): void {
  // "Kör …" on a "Menade du …?" card: the command with the text the person typed.
  // No group step: the command run decides what it needs (`grupp` in a new channel, `mina uppdrag` in a personal chat).
  app.adaptiveCards.actionExecute(RUN_COMMAND_VERB, async (ctx, _state, raw): Promise<Answer> => {
    const data = validated(ctx, RunData, raw, noFieldNames);
    if (!data.ok) return data.answer;
    await runAsTyped(app, ctx, data.value.value);
    return confirmCard({ heading: t(ctx).common.ranCommand(shortened(data.value.value, SHOWN_TEXT)), text: '' });
  });

  // A card button whose verb no listener knows (an old card, a forged press): say so on the card.
  app.adaptiveCards.actionExecute(/^/, async (ctx) => t(ctx).common.unknownCardAction);

  app.activity(ActivityTypes.Message, async (ctx) => {
    const text = normalizeText(ctx.activity.text);
    const texts = t(ctx).common;
    if (!text) {
      // A card Submit or an empty mention: nothing to answer with but the pointer.
      await ctx.sendActivity(texts.emptyMessage);
      return;
    }
    // A near miss ("anteckningar …", "nästa pukt"): ask, with a button that runs it as typed (issue 25).
    const near = matchCommand(text);
    if (near) {
      const card = confirmCard({
        heading: texts.didYouMean(near.command),
        text: texts.didYouMeanText(shortened(near.text, SHOWN_TEXT)),
        buttons: [{ title: texts.runButton(near.command), verb: RUN_COMMAND_VERB, value: near.text, positive: true }],
      });
      await reply(ctx, card);
      return;
    }
    // The optional assistant (issue 29) answers what it can; otherwise, and whenever it fails, the pointer.
    if (await answerWithAssistant(ctx, deps, text)) return;
    await ctx.sendActivity(texts.unknownCommand(shortened(text, MAX_ECHO).replace(/[*_`[\]<>]/g, '')));
  });
}
