import type { Activity } from 'botbuilder';

/**
 * Bidirectional formatting characters: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). A right-to-left override in a name or a
 * note turns the rest of the line around on a card and in the exported minutes ("protokoll" shows
 * as "llokotorp"), so they are taken out of everything people send, at the edge.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** `text` without bidirectional formatting characters. */
export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Every string in `value` without bidirectional formatting characters (a new value; depth-limited). */
function stripDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return stripBidi(value);
  if (depth > 32 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => stripDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, stripDeep(v, depth + 1)]));
}

/** A BCP 47 language tag as Teams sends it (sv-SE, en-US, sv); at most 35 characters. */
const LOCALE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/**
 * Why an activity cannot be taken, or undefined when it can. Checked after authentication and before
 * anything is written or sent: a `locale` that is not a language tag, and a `serviceUrl` that is
 * missing or not an http(s) URL (it is the only host the bot ever answers to; without one there is
 * nowhere to answer, and the Bot Framework's public default must not be tried).
 */
export function activityProblem(activity: Activity): string | undefined {
  const a = activity as Activity & Record<string, unknown>;
  if (a.locale !== undefined && a.locale !== null && (typeof a.locale !== 'string' || a.locale.length > 35 || (a.locale !== '' && !LOCALE.test(a.locale)))) {
    return 'locale must be a language tag such as sv-SE';
  }
  if (typeof a.serviceUrl !== 'string' || a.serviceUrl.length > 2048) return 'serviceUrl must be the http(s) URL of the channel';
  let url: URL;
  try {
    url = new URL(a.serviceUrl);
  } catch {
    return 'serviceUrl must be the http(s) URL of the channel';
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return 'serviceUrl must be the http(s) URL of the channel';
  return undefined;
}

/**
 * Takes bidirectional formatting characters out of what people send: the text, the card data, the
 * names of the sender, the recipient, the conversation and mentioned people, and the channel data
 * (team and channel names). In place, before the turn runs.
 */
export function stripBidiFromActivity(activity: Activity): void {
  const a = activity as Activity & Record<string, unknown>;
  if (typeof a.text === 'string') a.text = stripBidi(a.text);
  if (a.value !== undefined) a.value = stripDeep(a.value);
  for (const key of ['from', 'recipient', 'conversation'] as const) {
    const party = a[key] as { name?: unknown } | undefined;
    if (party && typeof party === 'object' && typeof party.name === 'string') party.name = stripBidi(party.name);
  }
  if (Array.isArray(a.entities)) a.entities = stripDeep(a.entities) as Activity['entities'];
  if (a.channelData !== undefined) a.channelData = stripDeep(a.channelData);
  if (Array.isArray(a.membersAdded)) a.membersAdded = stripDeep(a.membersAdded) as Activity['membersAdded'];
}
