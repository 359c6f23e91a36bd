import type { TeamsAdapter } from '@microsoft/teams-ai';
import { MessageFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { CardRef } from '../meetings/domain/meeting.js';
import { cardAttachment, type CardJson } from './render-card.js';

/** Posting and updating outside the turn that asked for it (after the reply, or on an event). */
export interface Proactive {
  /** Replaces a posted card in place (PUT to its activity id). */
  updateCard(ref: Pick<CardRef, 'activityId' | 'reference'>, card: CardJson): Promise<void>;
  /** Posts a card or text into a conversation; returns the new activity's id. */
  post(reference: Record<string, unknown>, content: CardJson | string): Promise<string | undefined>;
}

export function createProactive(adapter: TeamsAdapter, appId: string | undefined): Proactive {
  const run = (reference: Record<string, unknown>, logic: (ctx: TurnContext) => Promise<void>) =>
    adapter.continueConversationAsync(appId ?? '', reference as Partial<ConversationReference>, logic);
  return {
    async updateCard(ref, card) {
      await run(ref.reference, async (ctx) => {
        await ctx.updateActivity({ ...MessageFactory.attachment(cardAttachment(card)), id: ref.activityId });
      });
    },
    async post(reference, content) {
      let id: string | undefined;
      await run(reference, async (ctx) => {
        const activity = typeof content === 'string' ? MessageFactory.text(content) : MessageFactory.attachment(cardAttachment(content));
        id = (await ctx.sendActivity(activity))?.id;
      });
      return id;
    },
  };
}
