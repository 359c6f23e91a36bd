import type { TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { stripBidi } from '../bot/activity-edge.js';
import { baseConversationId } from '../bot/context.js';

export interface RosterPerson {
  teamsId: string;
  aadObjectId?: string;
  name: string;
  /** E-mail, else the user principal name (what a member added by name may be matched on). */
  email?: string;
}

/**
 * The people in this conversation according to Teams (GET /v3/conversations/{id}/members). Used to
 * pick members, and read again when the pick is saved: who someone is never comes from card data.
 */
export async function rosterOf(ctx: TurnContext): Promise<RosterPerson[]> {
  const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
  const members = await client.conversations.getConversationMembers(baseConversationId(ctx.activity.conversation.id));
  return members
    .filter((m) => m.id && m.id !== ctx.activity.recipient?.id && (m as { role?: string }).role !== 'bot')
    .map((m) => {
      const aad = m.aadObjectId ?? (m as { objectId?: string }).objectId;
      const email = (m as { email?: string }).email ?? (m as { userPrincipalName?: string }).userPrincipalName;
      return { teamsId: m.id, name: stripBidi(m.name ?? m.id), ...(aad ? { aadObjectId: aad } : {}), ...(email ? { email } : {}) };
    });
}
