import type { TeamsAdapter } from '@microsoft/teams-ai';
import { MessageFactory, TurnContext, type ConversationParameters, type ConversationReference } from 'botbuilder';
import { cardAttachment, type CardJson } from './render-card.js';

export interface PersonalMessage {
  /** The personal chat's conversation id (for the chat's own partition). */
  conversationId: string;
  activityId?: string;
  reference: Partial<ConversationReference>;
}

/**
 * One person's 1:1 chat with the bot, opened (or found) proactively with `POST /v3/conversations`,
 * starting from a reference to any conversation of the same tenant (the group's channel).
 */
export interface PersonalChat {
  /** Opens the chat and returns its conversation reference (for `proactive.post`). */
  open(from: Record<string, unknown>, user: { teamsId: string }, tenantId: string): Promise<Record<string, unknown>>;
  /** Opens the chat and sends a card or a text into it. */
  send(from: Record<string, unknown>, user: { teamsId: string }, tenantId: string, content: CardJson | string): Promise<PersonalMessage>;
}

export function createPersonalChat(adapter: TeamsAdapter, appId: string | undefined): PersonalChat {
  const inChat = async (from: Record<string, unknown>, teamsId: string, tenantId: string, logic: (ctx: TurnContext) => Promise<void>) => {
    const groupRef = from as Partial<ConversationReference>;
    const params = {
      isGroup: false,
      bot: groupRef.bot,
      members: [{ id: teamsId }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    // No audience: the connector factory then uses the configured Bot Framework OAuth scope.
    const audience = undefined as unknown as string;
    await adapter.createConversationAsync(appId ?? '', groupRef.channelId ?? 'msteams', groupRef.serviceUrl ?? '', audience, params, logic);
  };

  return {
    async open(from, user, tenantId) {
      let out: Record<string, unknown> | undefined;
      await inChat(from, user.teamsId, tenantId, async (ctx) => {
        out = JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity))) as Record<string, unknown>;
      });
      if (!out) throw new Error('creating the personal chat gave no conversation');
      return out;
    },
    async send(from, user, tenantId, content) {
      let out: PersonalMessage | undefined;
      await inChat(from, user.teamsId, tenantId, async (ctx) => {
        const activity = typeof content === 'string' ? MessageFactory.text(content) : MessageFactory.attachment(cardAttachment(content));
        const sent = await ctx.sendActivity(activity);
        out = { conversationId: ctx.activity.conversation.id, activityId: sent?.id, reference: TurnContext.getConversationReference(ctx.activity) };
      });
      if (!out) throw new Error('creating the personal chat gave no conversation');
      return out;
    },
  };
}
