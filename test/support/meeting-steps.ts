import * as A from './activities.js';
import { cardsOf, cardText } from './cards.js';
import type { PostResult } from './test-bot.js';
import type { TestBot } from './test-bot.js';

/**
 * `avsluta möte` as a chair does it: when the bot asks first (items nobody took up, issue 25), she
 * presses "Avsluta mötet" on the question. Returns what ended it (the reply, or the press's answer
 * with its text as the reply).
 */
export async function endMeeting(bot: TestBot, conv: A.Conversation, chair: A.Person): Promise<PostResult> {
  const said = await bot.say(conv, chair, 'avsluta möte');
  const question = cardsOf(said.replies[0])[0];
  if (!question || !/^Avsluta .*\?/.test(cardText(question))) return said;
  const pressed = await bot.click(conv, chair, question, 'Avsluta mötet');
  const text = pressed.card ? cardText(pressed.card).split('\n')[1] : pressed.message;
  return { ...pressed, replies: [{ type: 'message', text }, ...pressed.replies] };
}

/**
 * `starta möte` as a chair does it: when the bot asks first (the next meeting is not today's,
 * issue 25), she presses "Starta det nu". Returns what started it, with what the bot posted.
 */
export async function startMeeting(bot: TestBot, conv: A.Conversation, chair: A.Person): Promise<PostResult> {
  const said = await bot.say(conv, chair, 'starta möte');
  const question = cardsOf(said.replies[0])[0];
  if (!question || !/^Starta .*\?/.test(cardText(question))) return said;
  return pressAndSettle(bot, conv, chair, question, 'Starta det nu');
}

/**
 * Presses a button whose work goes on after the press is answered (the start question's): waits for
 * it, and returns with `replies` all that the bot posted in the conversation meanwhile.
 */
export async function pressAndSettle(bot: TestBot, conv: A.Conversation, who: A.Person, card: Record<string, unknown>, title: string): Promise<PostResult & { card?: Record<string, any>; message?: string }> {
  const before = bot.connector.posted(conv.id).length;
  const pressed = await bot.click(conv, who, card, title);
  await bot.settle();
  return { ...pressed, replies: bot.connector.posted(conv.id).slice(before) };
}
