import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import type { Deps } from './deps.js';
import { normalizeText } from './command.js';
import { t } from './context.js';
import { answerWithAssistant } from '../assistant/assistant-listeners.js';

const MAX_ECHO = 60;

/** Registered last: any message no command matched gets a short pointer to `hjälp`. */
export function register(app: Application<TurnState>, deps: Deps): void {
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
    // The optional assistant (issue 29) answers what it can; otherwise, and whenever it fails, the pointer.
    if (await answerWithAssistant(ctx, deps, text)) return;
    const shown = text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
    await ctx.sendActivity(texts.unknownCommand(shown.replace(/[*_`[\]<>]/g, '')));
  });
}
