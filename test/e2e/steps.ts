/**
 * The end-to-end scenario: what the chair, a member and the secretary do and see, in order. Each
 * step runs in the same Playground page after the one before; `npm run test:e2e` takes a screenshot
 * after every step (test/e2e/screenshots/NN-<name>.png), so a step ends showing what it checked.
 * Every step opens the conversation it acts in first. Append a step for each feature as it lands.
 */
import { sv } from '../../src/i18n/sv/index.js';
import { expectContains, textOf, type Teams } from './harness.js';

export interface Step {
  /** Short, file-name friendly: it names the screenshot. */
  name: string;
  run(teams: Teams): Promise<void>;
}

/** Markdown as a person reads it after rendering (no ** or _). */
const plain = (s: string) => s.replace(/\*\*|__/g, '');

export const steps: Step[] = [
  {
    name: 'kanalen-hjalp',
    async run(teams) {
      await teams.open('Lokus Tierp - General');
      const card = await teams.newCard(sv.help.title, () => teams.mention('hjälp'));
      const seen = await textOf(card);
      expectContains(seen, [sv.help.intro, ...sv.help.commands.flatMap((c) => [c.command, c.description]), sv.help.footer], 'help card');
    },
  },
  {
    name: 'okant-kommando',
    async run(teams) {
      await teams.open('Lokus Tierp - General');
      const reply = await teams.newText(plain(sv.common.unknownCommand('blåbär')), () => teams.mention('blåbär'));
      expectContains(await textOf(reply), ['hjälp'], 'pointer to hjälp');
    },
  },
  {
    name: 'personlig-chatt-hjalp',
    async run(teams) {
      await teams.open('Personal Chat');
      const card = await teams.newCard(sv.help.title, () => teams.say('Hjälp.'));
      expectContains(await textOf(card), [sv.help.intro], 'help card in the personal chat');
    },
  },
  // Next (as the features land): plan a meeting (nytt möte …), start it, check in, record a decision
  // and an action item, run an approval to the end, end the meeting, find the drafted minutes.
];
