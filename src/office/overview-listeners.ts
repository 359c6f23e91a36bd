import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { kansliGroups, loadOverview } from './overview-data.js';
import { overviewCard } from './overview-view.js';
import { stockholmDate } from '../shared/swedish-date.js';
import type { Deps } from '../bot/deps.js';
import { actor, groupRef, languageOfTurn, t } from '../bot/context.js';
import { cmd, commandArgs } from '../bot/command.js';
import { reply, type Answer } from '../bot/listen.js';

/** `översikt [år]` / `overview [year]`: the förbund office's overview, in a personal chat, for kansli only. */
export const OVERVIEW = cmd(['översikt', 'overview'], { args: 'optional' });

async function showOverview(deps: Deps, ctx: TurnContext): Promise<Answer> {
  const tx = t(ctx);
  const ref = groupRef(ctx);
  // Across groups only in a personal chat: a channel would show the förbund's figures to everyone in it.
  if (ref.conversationType !== 'personal') return tx.office.overviewInPersonal;
  const now = deps.now();
  const arg = commandArgs(ctx.activity.text, OVERVIEW);
  const year = /^\d{4}$/.test(arg) ? Number(arg) : Number(stockholmDate(now).slice(0, 4));
  const groups = await kansliGroups(deps, ref.tenantId, actor(ctx), now.toISOString());
  if (groups.length === 0) return tx.office.notKansliAnywhere;
  const overview = await loadOverview(deps, ref.tenantId, groups, year, now);
  const who = actor(ctx);
  const links = deps.officeLinks.urls({ tenantId: ref.tenantId, person: who.aadObjectId ?? who.teamsId, year, language: languageOfTurn(ctx) }, now);
  return overviewCard(tx, overview, links);
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(OVERVIEW, async (ctx) => reply(ctx, await showOverview(deps, ctx)));
}
