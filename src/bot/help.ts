import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import type { Deps } from './deps.js';
import { cmd } from './command.js';
import type { Language } from '../i18n/texts.js';
import { languageOfTurn, t } from './context.js';
import { cardAttachment, renderCard, type CardJson } from './render-card.js';

export const HELP = cmd(['hjälp', 'help', '?']);

/** The help card only depends on the language: render it once per language. */
const rendered = new Map<Language, CardJson>();

export async function sendHelp(ctx: TurnContext): Promise<void> {
  const language = languageOfTurn(ctx);
  let card = rendered.get(language);
  if (!card) {
    const texts = t(ctx).help;
    card = renderCard('help', { t: texts, commands: texts.commands });
    rendered.set(language, card);
  }
  await ctx.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

export function register(app: Application<TurnState>, _deps: Deps): void {
  app.message(HELP, async (ctx) => sendHelp(ctx));
}
