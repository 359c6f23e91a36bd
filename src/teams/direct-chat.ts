import type { TeamsAdapter } from '@microsoft/teams-ai';
import { TurnContext, type ConversationParameters, type ConversationReference } from 'botbuilder';

/**
 * Opens (or finds) the 1:1 chat between the bot and one person, proactively (`POST /v3/conversations`),
 * starting from a reference to any conversation of the same tenant (the group's channel). Returns a
 * reference for `proactive.post`.
 */
export type DirectChat = (from: Record<string, unknown>, teamsId: string, tenantId: string) => Promise<Record<string, unknown>>;

export function createDirectChat(adapter: TeamsAdapter, appId: string | undefined): DirectChat {
  return async (from, teamsId, tenantId) => {
    const ref = from as Partial<ConversationReference>;
    const params = { isGroup: false, bot: ref.bot, members: [{ id: teamsId }], tenantId, channelData: { tenant: { id: tenantId } } } as ConversationParameters;
    let out: Record<string, unknown> | undefined;
    // No audience: the connector factory uses the configured Bot Framework OAuth scope.
    await adapter.createConversationAsync(appId ?? '', ref.channelId ?? 'msteams', ref.serviceUrl ?? '', undefined as unknown as string, params, async (ctx) => {
      out = JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity))) as Record<string, unknown>;
    });
    if (!out) throw new Error('creating the personal chat gave no conversation');
    return out;
  };
}
