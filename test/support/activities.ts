import { randomUUID } from 'node:crypto';

/** Builders for the activities Teams sends (STYLE habit 15): one per kind, change one field per test. */

export const BOT = { id: '28:lokus-bot', name: 'Lokus' };
export const TENANT = 'tenant-00000000-0000-0000-0000-000000000001';

export interface Person {
  id: string;
  aadObjectId: string;
  name: string;
  locale?: string;
}

export interface Conversation {
  kind: 'channel' | 'groupChat' | 'personal';
  id: string;
  tenantId: string;
  teamId?: string;
}

let seq = 0;
const slug = (name: string) => name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-');

export function person(name: string, locale?: string): Person {
  const s = slug(name);
  return { id: `29:${s}`, aadObjectId: `aad-${s}`, name, locale };
}

export function channel(name = 'lokus-tierp', tenantId = TENANT): Conversation {
  return { kind: 'channel', id: `19:${name}@thread.tacv2`, tenantId, teamId: `19:team-${name}@thread.tacv2` };
}

export function groupChat(name = 'group', tenantId = TENANT): Conversation {
  return { kind: 'groupChat', id: `19:${name}@thread.v2`, tenantId };
}

export function personalChat(who: Person, tenantId = TENANT): Conversation {
  return { kind: 'personal', id: `a:personal-${who.id}`, tenantId };
}

export function nextActivityId(): string {
  return `act-${++seq}-${randomUUID().slice(0, 8)}`;
}

function base(conv: Conversation, from: Person, serviceUrl: string, locale?: string) {
  return {
    id: nextActivityId(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: locale ?? from.locale ?? 'sv-SE',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: BOT.id, name: BOT.name },
    conversation: {
      id: conv.id,
      conversationType: conv.kind,
      tenantId: conv.tenantId,
      isGroup: conv.kind !== 'personal',
    },
    channelData: {
      tenant: { id: conv.tenantId },
      ...(conv.kind === 'channel' ? { team: { id: conv.teamId }, channel: { id: conv.id } } : {}),
    },
  };
}

export interface MessageOptions {
  locale?: string;
  /** In a channel the bot is @mentioned (default); false sends the text without a mention. */
  mention?: boolean;
  /** Extra people @mentioned after the bot: the text refers to them as <at>Name</at>. */
  mentions?: Person[];
  id?: string;
}

export function message(conv: Conversation, from: Person, serviceUrl: string, text: string, opts: MessageOptions = {}) {
  const mentionBot = opts.mention ?? conv.kind === 'channel';
  const entities: object[] = [];
  let full = text;
  if (mentionBot) {
    full = `<at>${BOT.name}</at> ${text}`;
    entities.push({ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } });
  }
  for (const p of opts.mentions ?? []) {
    entities.push({ type: 'mention', text: `<at>${p.name}</at>`, mentioned: { id: p.id, name: p.name, aadObjectId: p.aadObjectId } });
  }
  const a = base(conv, from, serviceUrl, opts.locale);
  return { ...a, id: opts.id ?? a.id, type: 'message', text: full, textFormat: 'plain', entities };
}

/** An Action.Execute press: `adaptiveCard/action` invoke, exactly as Teams sends it. */
export function cardAction(conv: Conversation, from: Person, serviceUrl: string, verb: string, data: Record<string, unknown>, opts: { locale?: string; replyToId?: string; trigger?: 'manual' | 'automatic' } = {}) {
  return {
    ...base(conv, from, serviceUrl, opts.locale),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(opts.replyToId ? { replyToId: opts.replyToId } : {}),
    // 'automatic': Teams refreshing a card (Universal Actions `refresh`) when someone looks at it.
    value: { action: { type: 'Action.Execute', verb, data }, trigger: opts.trigger ?? 'manual' },
  };
}

/** Teams' typeahead asking the bot as someone types in a choice list with `choices.data` (Data.Query). */
export function search(conv: Conversation, from: Person, serviceUrl: string, dataset: string, queryText: string, opts: { top?: number; skip?: number } = {}) {
  return {
    ...base(conv, from, serviceUrl),
    type: 'invoke',
    name: 'application/search',
    value: { queryText, dataset, queryOptions: { skip: opts.skip ?? 0, top: opts.top ?? 15 } },
  };
}

/** An Action.Submit press: a message activity with `value` and no text. */
export function cardSubmit(conv: Conversation, from: Person, serviceUrl: string, data: Record<string, unknown>, opts: { locale?: string; replyToId?: string } = {}) {
  return { ...base(conv, from, serviceUrl, opts.locale), type: 'message', value: data, ...(opts.replyToId ? { replyToId: opts.replyToId } : {}) };
}

export function botAdded(conv: Conversation, by: Person, serviceUrl: string) {
  return { ...base(conv, by, serviceUrl), type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }] };
}

export function installationAdded(conv: Conversation, by: Person, serviceUrl: string) {
  return { ...base(conv, by, serviceUrl), type: 'installationUpdate', action: 'add' };
}

/** A Teams meeting event (meetingStart, meetingEnd, meetingParticipantJoin, …). */
export function meetingEvent(conv: Conversation, from: Person, serviceUrl: string, name: string, value: Record<string, unknown>) {
  return { ...base(conv, from, serviceUrl), type: 'event', name: `application/vnd.microsoft.${name}`, value };
}
