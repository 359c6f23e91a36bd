import { expect } from 'vitest';
import type * as A from '../support/activities.js';
import type { TestBot } from '../support/test-bot.js';
import { endMeeting } from '../support/meeting-steps.js';

/** One meeting held through the chat commands of issue 4: planned, started, items recorded, ended. */
export interface HeldMeeting {
  date: string;
  /** Agenda items after "Föregående minnesanteckningar"; each with the commands the secretary types on it. */
  items: Array<{ title: string; commands: string[] }>;
}

/**
 * Holds a meeting the way the group does: the secretary plans it (`nytt möte`, `punkt`), the chair
 * starts it, the secretary records decisions and action items item by item, the chair ends it. The
 * clock is set to the meeting's day for the start.
 */
export async function holdMeeting(bot: TestBot, conv: A.Conversation, secretary: A.Person, chair: A.Person, setClock: (iso: string) => void, m: HeldMeeting): Promise<void> {
  setClock(`${m.date}T11:00:00.000Z`);
  await bot.say(conv, secretary, `nytt möte ${m.date} kl 13-15 Regionens hus`);
  for (const item of m.items) await bot.say(conv, secretary, `punkt ${item.title}`);
  setClock(`${m.date}T12:00:00.000Z`);
  expect((await bot.say(conv, chair, 'starta möte')).replies[0]!.text).toContain('har startat');
  for (const item of m.items) {
    expect((await bot.say(conv, chair, 'nästa punkt')).replies[0]!.text).toContain(item.title);
    for (const c of item.commands) {
      const r = await bot.say(conv, secretary, c);
      expect(r.replies[0]!.text).toMatch(/protokollfört|är sparat/);
    }
  }
  setClock(`${m.date}T14:00:00.000Z`);
  expect((await endMeeting(bot, conv, chair)).replies[0]!.text).toContain('är avslutat');
  await bot.settle();
}

/** A test clock that moves a second on each reading (records get distinct, ordered times), set by `set`. */
export function steppingClock(startIso: string): { now: () => Date; set: (iso: string) => void } {
  let clock = Date.parse(startIso);
  return { now: () => new Date((clock += 1000)), set: (iso: string) => void (clock = Date.parse(iso)) };
}
