import type { TurnContext } from 'botbuilder';
import { findMember, groupLanguage, type Group, type Member } from '../groups/domain/group.js';
import type { Meeting } from '../meetings/domain/meeting.js';
import { texts, type Language, type Texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { actor, groupRef, languageOfTurn, speakGroupLanguage, t, tenantIdOf, type Actor } from '../bot/context.js';

/**
 * Who acts on which group's decisions and action items. In the group's own conversation the group is
 * the activity's; in a personal chat ("mina uppdrag", a reminder) a card names the group, and the
 * press counts only when the person is a member of it in the same tenant (identity from the activity).
 */
export interface Acting {
  group: Group;
  member?: Member;
  actor: Actor;
  now: Date;
  at: string;
  texts: Texts;
  language: Language;
  personal: boolean;
}

export function isPersonal(ctx: TurnContext): boolean {
  return groupRef(ctx).conversationType === 'personal';
}

/** "groupId|meetingId|recordId" as a card's choice values carry it. */
export function parseRecordRef(s: string): { groupId: string; meetingId: string; id: string } | undefined {
  const parts = s.split('|');
  if (parts.length !== 3 || parts.some((p) => !p || p.length > 200)) return undefined;
  return { groupId: parts[0]!, meetingId: parts[1]!, id: parts[2]! };
}

/** The acting person in `groupId`, or a message saying why they cannot act there. */
export async function actingIn(ctx: TurnContext, deps: Deps, groupId: string): Promise<{ ok: true; acting: Acting } | { ok: false; message: string }> {
  let tx = t(ctx);
  const personal = isPersonal(ctx);
  // Outside a personal chat only the conversation's own group can be acted on (a forged id finds nothing).
  if (!personal && groupRef(ctx).groupId !== groupId) return { ok: false, message: tx.followUp.errors['ACTION.NOT_FOUND']() };
  const group = await deps.groups.get(groupId);
  if (!group || group.tenantId !== tenantIdOf(ctx)) return { ok: false, message: personal ? tx.followUp.errors['ACTION.NOT_FOUND']() : tx.group.notSetUp };
  speakGroupLanguage(ctx, { conversationType: personal ? 'personal' : 'channel' }, groupLanguage(group));
  tx = t(ctx);
  const who = actor(ctx);
  const member = findMember(group, who);
  if (personal && !member) return { ok: false, message: tx.followUp.errors['ACTION.NOT_FOUND']() };
  const now = deps.now();
  return { ok: true, acting: { group, ...(member ? { member } : {}), actor: who, now, at: now.toISOString(), texts: tx, language: languageOfTurn(ctx), personal } };
}

/** Where the bot can reach a group from outside a turn: its installation, else a card it posted there. */
export async function groupReference(deps: Deps, groupId: string, meeting?: Meeting): Promise<Record<string, unknown> | undefined> {
  const saved = await deps.conversations.get(groupId);
  return (saved?.reference as Record<string, unknown> | undefined) ?? meeting?.liveCard?.reference ?? meeting?.notice?.reference;
}

/** The texts of what the bot sends for a group outside a turn: the group's language. */
export function textsOfGroup(group: Group): Texts {
  return texts(groupLanguage(group));
}
