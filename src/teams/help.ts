import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import type { Deps } from './deps.js';
import { cmd } from './command.js';
import { t } from './context.js';
import { cardAttachment, renderCard } from './render-card.js';

export const HELP = cmd(['hjälp', 'help', '?']);

export async function sendHelp(ctx: TurnContext): Promise<void> {
  const texts = t(ctx).help;
  const card = renderCard('help', { t: texts, commands: texts.commands });
  await ctx.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

export function register(app: Application<TurnState>, _deps: Deps): void {
  app.message(HELP, async (ctx) => sendHelp(ctx));
}
