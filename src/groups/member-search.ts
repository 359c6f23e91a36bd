import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AdaptiveCardSearchResult } from '@microsoft/teams-ai';
import type { Deps } from '../bot/deps.js';
import { allowed, loadGroupTurn } from '../bot/group-turn.js';
import { activeMembers } from './domain/group.js';
import { MEMBERS_DATASET, ROSTER_DATASET, memberTitle, searchChoices } from './member-picker.js';
import { rosterOf } from './roster.js';

/**
 * Answers Teams' typeahead searches of member pickers (`application/search` invokes, see
 * member-picker.ts): the members of this conversation's group, or for those who may edit the group,
 * the people in the conversation who are not members yet. Identity and group come from the activity.
 */
export function register(app: Application<TurnState>, deps: Deps): void {
  app.adaptiveCards.search(MEMBERS_DATASET, async (ctx, _state, query): Promise<AdaptiveCardSearchResult[]> => {
    const turn = await loadGroupTurn(ctx, deps, 'recent');
    if (!turn) return [];
    const all = activeMembers(turn.group).map((m) => ({ title: memberTitle(m), value: m.id }));
    return searchChoices(all, String(query.parameters.queryText ?? ''), query.count, query.skip);
  });
  app.adaptiveCards.search(ROSTER_DATASET, async (ctx, _state, query): Promise<AdaptiveCardSearchResult[]> => {
    const turn = await loadGroupTurn(ctx, deps);
    if (!turn || !allowed(turn, 'group.edit')) return [];
    const members = activeMembers(turn.group);
    const roster = (await rosterOf(ctx)).filter((p) => !members.some((m) => (p.aadObjectId && m.aadObjectId === p.aadObjectId) || m.teamsId === p.teamsId));
    return searchChoices(roster.map((p) => ({ title: p.name, value: p.teamsId })), String(query.parameters.queryText ?? ''), query.count, query.skip);
  });
}
