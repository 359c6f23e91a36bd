import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { languageOf, texts, type Language, type Texts } from '../i18n/texts.js';

/** Where an activity belongs: one Lokus group per team channel, group chat or personal chat. */
export interface GroupRef {
  groupId: string;
  tenantId: string;
  conversationId: string;
  conversationType: 'channel' | 'groupChat' | 'personal';
}

/** Who acts: always taken from the activity, never from card data. */
export interface Actor {
  /** Teams user id (29:…), used for per-user card refresh and proactive messages. */
  teamsId: string;
  aadObjectId?: string;
  name: string;
}

/** A channel thread's conversation id carries ";messageid=…"; the group is the channel itself. */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0]!;
}

/** Stable, opaque partition key for a (tenant, conversation) pair. */
export function groupIdOf(tenantId: string, conversationId: string): string {
  const hash = createHash('sha256').update(`${tenantId}\n${baseConversationId(conversationId)}`).digest('hex');
  return `g_${hash.slice(0, 32)}`;
}

export function tenantIdOf(ctx: TurnContext): string {
  const a = ctx.activity;
  return a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? 'no-tenant';
}

export function groupRef(ctx: TurnContext): GroupRef {
  const a = ctx.activity;
  const tenantId = tenantIdOf(ctx);
  const conversationId = baseConversationId(a.conversation.id);
  const type = a.conversation.conversationType;
  const conversationType = type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  return { groupId: groupIdOf(tenantId, conversationId), tenantId, conversationId, conversationType };
}

export function actor(ctx: TurnContext): Actor {
  const from = ctx.activity.from;
  return { teamsId: from.id, aadObjectId: from.aadObjectId, name: from.name ?? '' };
}

const SPOKEN = Symbol('lokus.language');

/**
 * In a group's channel or chat the turn speaks the group's language (set once the group is read):
 * what is posted there is shared. In a personal chat it speaks the language of the person's client.
 */
export function speakGroupLanguage(ctx: TurnContext, where: Pick<GroupRef, 'conversationType'>, language: Language): void {
  if (where.conversationType !== 'personal') ctx.turnState.set(SPOKEN, language);
}

export function languageOfTurn(ctx: TurnContext): Language {
  return (ctx.turnState.get(SPOKEN) as Language | undefined) ?? languageOf(ctx.activity.locale);
}

/** The texts of this turn: the group's language in its conversation, the person's own in a personal chat. */
export function t(ctx: TurnContext): Texts {
  return texts(languageOfTurn(ctx));
}
