import type { Member } from './domain/group.js';

/**
 * Member pickers on cards (Input.ChoiceSet of a group's members). Teams refuses a bot message over
 * about 28 KB, and 200 members as choices cost 17–21 KB per picker, so a large group's pickers list
 * only what is picked and let Teams ask the bot as the person types (dynamic typeahead: the card's
 * `"choices.data": { "type": "Data.Query", "dataset": … }`, answered by member-search.ts).
 */

/** The dataset of a member picker's typeahead: the group's active members. */
export const MEMBERS_DATASET = 'lokus.members';
/** The dataset of the Teams roster picker's typeahead: people in the conversation not yet members. */
export const ROSTER_DATASET = 'lokus.roster';
/** Up to this many choices, a picker lists them all on the card (Teams shows at most 15 search results). */
export const LISTED_CHOICES = 15;

export interface Choice {
  title: string;
  value: string;
}

export interface Picker {
  choices: Choice[];
  /** True when the card lists only the picked choices and Teams searches the rest. */
  search: boolean;
}

/** A member's title in a picker: "Nima Najafi (Tierps kommun)". */
export function memberTitle(m: Pick<Member, 'name' | 'organisation'>): string {
  return m.organisation ? `${m.name} (${m.organisation})` : m.name;
}

/**
 * Choices for a picker of `all`: every one when they are few, else only those whose value is in
 * `picked` (so the card can show what is selected) and a typeahead for the rest.
 */
export function picker(all: readonly Choice[], picked: readonly string[] = []): Picker {
  if (all.length <= LISTED_CHOICES) return { choices: [...all], search: false };
  const keep = new Set(picked);
  return { choices: all.filter((c) => keep.has(c.value)), search: true };
}

/** A picker of members, titled with their organisation unless `title` says otherwise. */
export function memberPicker(members: readonly Member[], picked: readonly string[] = [], title: (m: Member) => string = memberTitle): Picker {
  return picker(members.map((m) => ({ title: title(m), value: m.id })), picked);
}

/** The search Teams asks for as someone types: choices whose title has every typed word's start, at most `count`. */
export function searchChoices(all: readonly Choice[], queryText: string, count = LISTED_CHOICES, skip = 0): Choice[] {
  const words = (s: string) => s.toLocaleLowerCase('sv-SE').split(/[\s()\-–,.]+/).filter(Boolean);
  const typed = words(queryText);
  const hits = all.filter((c) => {
    const w = words(c.title);
    return typed.every((q) => w.some((x) => x.startsWith(q)));
  });
  const from = Number.isInteger(skip) && skip > 0 ? skip : 0;
  const take = Number.isInteger(count) && count > 0 ? Math.min(count, 50) : LISTED_CHOICES;
  return hits.slice(from, from + take);
}

/** A member picker's template data: `memberChoices` and `memberSearch`. */
export function pickerData(p: Picker): { memberChoices: Choice[]; memberSearch: boolean } {
  return { memberChoices: p.choices, memberSearch: p.search };
}

/** The Teams roster picker's template data: `rosterChoices` and `rosterSearch`. */
export function rosterData(p: Picker): { rosterChoices: Choice[]; rosterSearch: boolean } {
  return { rosterChoices: p.choices, rosterSearch: p.search };
}
