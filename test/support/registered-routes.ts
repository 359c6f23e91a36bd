import { AdaptiveCards, Application } from '@microsoft/teams-ai';
import { vi } from 'vitest';

/** The Action.Execute verbs and message patterns the bot registers (recorded as `createBotApp` runs). */
export interface RegisteredRoutes {
  verbs: string[];
  commands: RegExp[];
}

/**
 * Starts recording what listeners register with teams-ai (a spy on the library, not on our modules).
 * Call before `TestBot.start()`; the fallback catch-all (a RegExp verb) is left out of `verbs`.
 */
export function recordRoutes(): RegisteredRoutes {
  const routes: RegisteredRoutes = { verbs: [], commands: [] };
  const execute = AdaptiveCards.prototype.actionExecute;
  vi.spyOn(AdaptiveCards.prototype, 'actionExecute').mockImplementation(function (this: AdaptiveCards<any>, verb, handler) {
    for (const v of [verb].flat()) if (typeof v === 'string' && !routes.verbs.includes(v)) routes.verbs.push(v);
    return execute.call(this, verb, handler);
  });
  const message = Application.prototype.message;
  vi.spyOn(Application.prototype, 'message').mockImplementation(function (this: Application<any>, keyword, handler) {
    for (const k of [keyword].flat()) if (k instanceof RegExp && !routes.commands.some((c) => c.source === k.source)) routes.commands.push(k);
    return message.call(this, keyword, handler);
  });
  return routes;
}

/**
 * One sample text per chat command of DESIGN.md, with arguments. A command registered with no sample
 * here fails the tests that walk the commands, so a new command gets checked too.
 */
export const COMMAND_SAMPLES = [
  'hjälp',
  'grupp',
  'nytt möte 2026-12-01 13-15 Kommunhuset',
  'punkt Förfalskad punkt',
  'dagordning',
  'starta möte',
  'nästa punkt',
  'föregående punkt',
  'gå till punkt 2',
  'anteckning Förfalskad anteckning',
  'beslut Förfalskat beslut',
  'uppdrag Nima Najafi: förfalskat uppdrag senast 2026-12-20',
  'avsluta möte',
  'närvaro 2026-01-01 2026-12-31',
  'närvarokort',
  'godkännande Förfalskad avvikelserapport',
  'beslutslogg budget',
  'uppdragslista',
  'mina uppdrag',
  'protokoll 2026-11-22',
  'assistent av',
  'ärende Förfalskat ärende',
  'ny insats Förfalskad insats',
  'översikt',
  // issue 26: the formal protokoll
  'ledamöter Nima Najafi',
  'ersättare Wictoria Palmetorp',
  'formellt protokoll på',
  'formellt protokoll av',
  'protokollet förvaras Kansliet',
  'anslagstavla https://example.org/anslag',
  'beslutsförhet',
  'jäv',
  'yrkande bifall till förslaget',
  'proposition 1',
  'omröstning 1 mot 2',
  'röst Nima Najafi: ja',
  'avsluta omröstning',
  'återkalla omröstning',
  'bordlägg',
  'reservation Förfalskad motivering',
  'motivering §1: Förfalskad motivering',
  'protokollsanteckning Förfalskad anteckning',
  'justera omedelbart',
  'justeringsdag 2026-12-10',
];

/** Registered commands no sample exercises (should be empty). */
export function commandsWithoutSample(routes: RegisteredRoutes): string[] {
  return routes.commands.filter((re) => !COMMAND_SAMPLES.some((s) => re.test(s))).map((re) => re.source);
}
