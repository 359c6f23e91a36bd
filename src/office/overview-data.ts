import { groupOverview, type Overview } from './domain/overview.js';
import { insatsProgress } from './domain/insats.js';
import { findMember, hasRole, type Group } from '../groups/domain/group.js';
import { stockholmDate } from '../shared/swedish-date.js';
import type { Deps } from '../bot/deps.js';

const day = (iso: string) => stockholmDate(new Date(iso));

/** The groups of this förbund (tenant) where the person holds the kansli role now; none for anyone else. */
export async function kansliGroups(deps: Deps, tenantId: string, who: { aadObjectId?: string; teamsId: string }, at: string): Promise<Group[]> {
  const theirs = await deps.groups.withPerson(tenantId, who);
  return theirs
    .filter((g) => g.tenantId === tenantId)
    .filter((g) => {
      const m = findMember(g, who);
      return !!m && hasRole(g, m.id, 'kansli', at);
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** Everything the overview card, the report page and the Excel file show, read from Cosmos. */
export async function loadOverview(deps: Deps, tenantId: string, groups: Group[], year: number, now: Date): Promise<Overview> {
  const today = stockholmDate(now);
  const meetingsOf = new Map<string, Awaited<ReturnType<Deps['meetings']['list']>>>();
  const rows = [];
  for (const group of groups) {
    const meetings = await deps.meetings.list(group.groupId);
    meetingsOf.set(group.groupId, meetings);
    const approvalsWaiting = (await deps.approvals.openSummaries(group.groupId)).length;
    const minutesAwaitingJustering = (await deps.minutes.list(group.groupId)).filter((m) => m.status !== 'adjusted').length;
    rows.push(groupOverview({ group, meetings, approvalsWaiting, minutesAwaitingJustering }, year, today, day));
  }
  const seen = new Set(groups.map((g) => g.groupId));
  const insatser = (await deps.office.insatser(tenantId))
    .filter((i) => i.groupIds.some((id) => seen.has(id)))
    .map((insats) => {
      const data = groups.filter((g) => insats.groupIds.includes(g.groupId)).map((group) => ({ group, meetings: meetingsOf.get(group.groupId) ?? [] }));
      return { insats, progress: insatsProgress(insats, data, today, day) };
    });
  return { year, groups: rows, insatser };
}
