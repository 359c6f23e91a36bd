import type { TeamsAdapter } from '@microsoft/teams-ai';
import { MessageFactory, TurnContext, type ConversationParameters, type ConversationReference } from 'botbuilder';
import { cardAttachment, type CardJson } from './render-card.js';

export interface PersonalMessage {
  /** The personal chat's conversation id (for the chat's own partition). */
  conversationId: string;
  activityId?: string;
  reference: Partial<ConversationReference>;
}

/** Sends a card or text to one person in their personal chat with the bot (`POST /v3/conversations`). */
export interface PersonalChat {
  send(from: Record<string, unknown>, user: { teamsId: string }, tenantId: string, content: CardJson | string): Promise<PersonalMessage>;
}

export function createPersonalChat(adapter: TeamsAdapter, appId: string | undefined): PersonalChat {
  return {
    async send(from, user, tenantId, content) {
      const groupRef = from as Partial<ConversationReference>;
      const params = {
        isGroup: false,
        bot: groupRef.bot,
        members: [{ id: user.teamsId }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      } as ConversationParameters;
      let out: PersonalMessage | undefined;
      // No audience: the connector factory then uses the configured Bot Framework OAuth scope.
      const audience = undefined as unknown as string;
      await adapter.createConversationAsync(appId ?? '', groupRef.channelId ?? 'msteams', groupRef.serviceUrl ?? '', audience, params, async (ctx) => {
        const activity = typeof content === 'string' ? MessageFactory.text(content) : MessageFactory.attachment(cardAttachment(content));
        const sent = await ctx.sendActivity(activity);
        const reference = TurnContext.getConversationReference(ctx.activity);
        out = { conversationId: ctx.activity.conversation.id, activityId: sent?.id, reference };
      });
      if (!out) throw new Error('creating the personal chat gave no conversation');
      return out;
    },
  };
}
