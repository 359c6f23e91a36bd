import { createHash, randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { z, type ZodError, type ZodType, type ZodTypeDef } from 'zod';
import { findMember, groupLanguage, type Group, type Member, type Role } from '../groups/domain/group.js';
import { may, whoMay, type Action } from '../groups/domain/permissions.js';
import type { DomainError } from '../shared/result.js';
import type { Language, Texts } from '../i18n/texts.js';
import type { Deps } from './deps.js';
import { actor, groupRef, languageOfTurn, speakGroupLanguage, t, type Actor, type GroupRef } from './context.js';

/** What every group-aware handler starts from: where, who, the group and the clock, read once. */
export interface GroupTurn {
  ref: GroupRef;
  actor: Actor;
  group: Group;
  /** The acting person as a member of the group (undefined: not in the roster). */
  member?: Member;
  now: Date;
  at: string;
  texts: Texts;
  language: Language;
  /** The activity's id (a card press's own id: redeliveries carry the same one). */
  activityId?: string;
}

/**
 * The turn's group, who acts and the clock. `recent`: the group as confirmed within the last second
 * (`GroupRepo.recent`), for card presses a whole group makes at once; a refusal based on it must be
 * decided again on the group as stored.
 */
export async function loadGroupTurn(ctx: TurnContext, deps: Deps, read: 'stored' | 'recent' = 'stored'): Promise<GroupTurn | undefined> {
  const ref = groupRef(ctx);
  const group = read === 'recent' ? await deps.groups.recent(ref.groupId) : await deps.groups.get(ref.groupId);
  if (!group) return undefined;
  speakGroupLanguage(ctx, ref, groupLanguage(group));
  const who = actor(ctx);
  const now = deps.now();
  return { ref, actor: who, group, member: findMember(group, who), now, at: now.toISOString(), texts: t(ctx), language: languageOfTurn(ctx), ...(ctx.activity.id ? { activityId: ctx.activity.id } : {}) };
}

/** Roles in words: "ordförande och sekreterare". */
export function roleWords(texts: Texts, roles: readonly Role[]): string {
  return joinAnd(texts, roles.map((r) => texts.group.roles[r]));
}

export function joinAnd(texts: Texts, words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${texts.group.and} ${words.at(-1)}`;
}

/** A polite refusal that names who can: "Du kan inte planera … Det kan Birgitta Olsson (ordförande) göra." */
export function refusal(turn: Pick<GroupTurn, 'group' | 'member' | 'texts' | 'at'>, action: Action): string {
  const g = turn.texts.group;
  const who = joinAnd(turn.texts, whoMay(turn.group, action, turn.at).map((w) => g.whoRole(w.member.name, roleWords(turn.texts, w.roles))));
  const what = g.actions[action] ?? g.actionFallback;
  return turn.member ? g.refusal(what, who) : g.refusalNotMember(what, who);
}

/** May the acting person do `action` now? */
export function allowed(turn: Pick<GroupTurn, 'group' | 'member' | 'at'>, action: Action): boolean {
  return may(turn.group, turn.member, action, turn.at);
}

/** A domain refusal in the user's language. */
export function domainErrorText(texts: Texts, error: DomainError): string {
  const d = error.details ?? {};
  const byCode = { ...texts.meeting.errors, ...texts.group.errors, ...texts.formal.errors } as Record<string, ((d: Record<string, string | number>) => string) | undefined>;
  const f = byCode[error.code];
  if (error.code === 'MEETING.ILLEGAL_TRANSITION' && typeof d.status === 'string') {
    const status = texts.meeting.statuses[d.status as keyof Texts['meeting']['statuses']] ?? d.status;
    return texts.meeting.errors['MEETING.ILLEGAL_TRANSITION']({ ...d, status: status.toLowerCase() });
  }
  return f ? f(d) : texts.common.internalError;
}

/** Card data that failed validation: name the first bad field in words (`fields`: the slice's names for its fields). */
export function invalidCardText(texts: Texts, error: ZodError, fields: Record<string, string> = texts.meeting.fields): string {
  const name = fields[String(error.issues[0]?.path[0] ?? '')];
  return name ? texts.meeting.invalidField(name) : texts.common.invalidCardData;
}

/** A document or record id as the bot writes them (`meeting-…`, `item-3f2a…`): nothing else is looked up. */
export const cardId = z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/);

/**
 * A number from a card: a JSON number, or the digits Teams sends from an input (a decimal point
 * allowed). Unlike `z.coerce.number()`, an empty string, null, false or [] is not taken as 0.
 */
export const cardNumber = z.union([z.number(), z.string().trim().regex(/^\d{1,9}(\.\d+)?$/).transform(Number)]);

/** Validates card data at the edge: the typed data, or the Swedish/English message naming the bad field. */
export function parseCard<T>(texts: Texts, schema: ZodType<T, ZodTypeDef, unknown>, data: unknown, fields?: Record<string, string>): { ok: true; data: T } | { ok: false; message: string } {
  const r = schema.safeParse(data);
  return r.success ? { ok: true, data: r.data } : { ok: false, message: invalidCardText(texts, r.error, fields) };
}

/**
 * A stable id for what an activity records (`note-3f2a…`): the same activity delivered twice (a Teams
 * retry) gets the same id, so it is recorded once.
 */
export function activityKey(ctx: TurnContext, kind: string): string {
  const id = ctx.activity.id;
  if (!id) return `${kind}-${randomUUID()}`;
  return `${kind}-${createHash('sha256').update(`${ctx.activity.conversation?.id ?? ''}\n${id}`).digest('hex').slice(0, 20)}`;
}

export function newId(kind: string): string {
  return `${kind}-${randomUUID()}`;
}
