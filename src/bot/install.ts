import type { Application, TurnState } from '@microsoft/teams-ai';
import { TurnContext, type TurnContext as Ctx } from 'botbuilder';
import type { Deps } from './deps.js';
import { groupRef, t } from './context.js';

/** Saves where the bot lives and says hello once, on conversationUpdate or installationUpdate. */
async function installed(ctx: Ctx, deps: Deps): Promise<void> {
  const ref = groupRef(ctx);
  await deps.conversations.save({
    groupId: ref.groupId,
    tenantId: ref.tenantId,
    conversationType: ref.conversationType,
    reference: TurnContext.getConversationReference(ctx.activity),
    updatedAt: deps.now().toISOString(),
  });
  if (await deps.conversations.claimWelcome(ref.groupId, deps.now().toISOString())) {
    // In a channel the bot hears only what mentions it (issue 25): the welcome says so.
    await ctx.sendActivity(ref.conversationType === 'channel' ? t(ctx).common.welcomeChannel : t(ctx).common.welcome);
    deps.log.info({ groupId: ref.groupId, conversationType: ref.conversationType }, 'bot installed');
  }
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.conversationUpdate('membersAdded', async (ctx) => {
    const botId = ctx.activity.recipient.id;
    if (ctx.activity.membersAdded?.some((m) => m.id === botId)) await installed(ctx, deps);
  });
  app.activity('installationUpdate', async (ctx) => {
    if (ctx.activity.action === 'add' || ctx.activity.action === undefined) await installed(ctx, deps);
  });
}
