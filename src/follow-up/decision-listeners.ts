import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { checkFilter, decisionLog, pageOf, setFollowUp, type DecisionLogEntry, type FollowUpError } from './domain/follow-up.js';
import { memberById, type Group } from '../groups/domain/group.js';
import { FOLLOW_UP_STATUSES, type Meeting } from '../meetings/domain/meeting.js';
import { may } from '../groups/domain/permissions.js';
import type { Result } from '../shared/result.js';
import type { Texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { afterActionChange } from './action-listeners.js';
import { cmd, commandArgs } from '../bot/command.js';
import { actor, t, tenantIdOf } from '../bot/context.js';
import { actingIn, isPersonal, parseRecordRef } from './follow-up-turn.js';
import { decisionLogCard, type LogQuery } from './follow-up-view.js';
import { allowed, loadGroupTurn, refusal } from '../bot/group-turn.js';
import { noFieldNames, reply, validated } from '../bot/listen.js';
import type { CardJson } from '../bot/render-card.js';

export const DECISIONS = cmd(['beslutslogg', 'decisions'], { args: 'optional' });

const dateOrEmpty = z.string().trim().max(20).default('');
const text = (max: number) => z.string().trim().max(max).default('');
/** Paging and "Visa mötets beslut" carry the filter in their data; the search form sends its inputs. */
const SearchData = z.object({
  form: z.boolean().optional(),
  searchQuery: text(200),
  searchFrom: dateOrEmpty,
  searchTo: dateOrEmpty,
  searchMeetingId: text(200),
  query: text(200),
  from: dateOrEmpty,
  to: dateOrEmpty,
  meetingId: text(200),
  page: z.coerce.number().int().min(0).max(10_000).default(0),
});
const FollowUpData = SearchData.extend({
  decisionId: z.string().min(5).max(620),
  responsibleId: text(100),
  followUpDate: dateOrEmpty,
  status: z.enum(FOLLOW_UP_STATUSES),
});

function errorText(texts: Texts, e: FollowUpError): string {
  return texts.followUp.errors[e.code](e.details ?? {});
}

function queryOf(d: z.infer<typeof SearchData>): LogQuery {
  const q = d.form
    ? { query: d.searchQuery, from: d.searchFrom, to: d.searchTo, meetingId: d.searchMeetingId }
    : { query: d.query, from: d.from, to: d.to, meetingId: d.meetingId };
  return {
    page: d.form ? 0 : d.page,
    ...(q.query ? { query: q.query } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.meetingId ? { meetingId: q.meetingId } : {}),
  };
}

/** The group's decision log card for a query (a bad period is said on the card, with the whole log). */
async function groupLogCard(deps: Deps, group: Group, texts: Texts, memberId: string | undefined, now: Date, query: LogQuery, message = ''): Promise<CardJson> {
  const tx = texts.followUp;
  const meetings = await deps.followUps.meetings(group.groupId);
  const checked = checkFilter(query);
  const q: LogQuery = checked.ok ? query : { page: 0 };
  const entries = decisionLog(meetings, q);
  const member = memberById(group, memberId);
  const manage = may(group, member, 'decision.followUp', now);
  return decisionLogCard(tx, {
    heading: tx.logTitle(group.name),
    page: pageOf(entries, q.page),
    query: q,
    meetings,
    group,
    mayFollowUp: (e) => manage || (!!memberId && responsibleIdOf(meetings, e) === memberId),
    message: checked.ok ? message : errorText(texts, checked.error),
  });
}

function responsibleIdOf(meetings: Meeting[], e: DecisionLogEntry): string | undefined {
  return meetings.find((m) => m.id === e.meetingId)?.decisions.find((d) => d.id === e.decisionId)?.followUp?.responsibleId;
}

/**
 * The kansli's view in a personal chat: the decisions of every group where they hold the kansli role
 * (found by one cross-partition query over the group documents), newest first.
 */
async function crossGroupLogCard(deps: Deps, ctx: TurnContext, query: LogQuery): Promise<CardJson | string> {
  const texts = t(ctx);
  const tx = texts.followUp;
  const now = deps.now();
  const checked = checkFilter(query);
  // The meeting filter belongs to one group's log; across groups only words and period apply.
  const { meetingId: _meeting, ...across } = query;
  const q: LogQuery = checked.ok ? across : { page: 0 };
  const groupNames: Record<string, string> = {};
  const entries: DecisionLogEntry[] = [];
  for (const ms of await deps.followUps.membershipsOf(tenantIdOf(ctx), actor(ctx))) {
    const group = await deps.groups.get(ms.groupId);
    if (!group || !may(group, memberById(group, ms.memberId), 'crossGroup.view', now)) continue;
    groupNames[group.groupId] = group.name;
    entries.push(...decisionLog(await deps.followUps.meetings(group.groupId), q));
  }
  if (Object.keys(groupNames).length === 0) return tx.crossGroupOnlyKansli;
  entries.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.at.localeCompare(a.at));
  return decisionLogCard(tx, {
    heading: tx.logTitleAll,
    page: pageOf(entries, q.page),
    query: q,
    meetings: [],
    groupNames,
    mayFollowUp: () => false,
    message: checked.ok ? '' : errorText(texts, checked.error),
  });
}

async function logFor(ctx: TurnContext, deps: Deps, query: LogQuery): Promise<CardJson | string> {
  if (isPersonal(ctx)) return crossGroupLogCard(deps, ctx, query);
  const turn = await loadGroupTurn(ctx, deps);
  if (!turn) return t(ctx).group.notSetUp;
  if (!allowed(turn, 'stats.view')) return refusal(turn, 'stats.view');
  return groupLogCard(deps, turn.group, turn.texts, turn.member?.id, turn.now, query);
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(DECISIONS, async (ctx) => {
    const words = commandArgs(ctx.activity.text, DECISIONS).slice(0, 200);
    await reply(ctx, await logFor(ctx, deps, { page: 0, ...(words ? { query: words } : {}) }));
  });

  app.adaptiveCards.actionExecute('decisions.search', async (ctx, _s, data) => {
    const parsed = validated(ctx, SearchData, data, noFieldNames);
    return parsed.ok ? logFor(ctx, deps, queryOf(parsed.value)) : parsed.answer;
  });

  app.adaptiveCards.actionExecute('decisions.followUp', async (ctx, _s, data) => {
    const texts = t(ctx);
    const parsed = validated(ctx, FollowUpData, data, noFieldNames);
    if (!parsed.ok) return parsed.answer;
    const d = parsed.value;
    const ref = parseRecordRef(d.decisionId);
    if (!ref || isPersonal(ctx)) return texts.common.invalidCardData;
    if (d.followUpDate && !checkFilter({ from: d.followUpDate }).ok) return errorText(texts, { code: 'DATE.INVALID', details: { text: d.followUpDate } });
    const found = await actingIn(ctx, deps, ref.groupId);
    if (!found.ok) return found.message;
    const { group, member, at, now } = found.acting;
    const responsible = d.responsibleId ? memberById(group, d.responsibleId) : undefined;
    if (d.responsibleId && (!responsible || responsible.removedAt)) return texts.meeting.invalidField(texts.followUp.responsibleLabel);
    const mayManage = may(group, member, 'decision.followUp', at);
    const r = await deps.meetings.update<Result<Meeting, FollowUpError>>(ref.groupId, ref.meetingId, (m) => {
      if (!m) return { result: { ok: false, error: { code: 'DECISION.NOT_FOUND' } } };
      const res = setFollowUp(
        m,
        {
          decisionId: ref.id,
          ...(responsible ? { responsibleId: responsible.id, responsibleName: responsible.name } : {}),
          ...(d.followUpDate ? { date: d.followUpDate } : {}),
          status: d.status,
          ...(member ? { by: member.id } : {}),
          mayManage,
        },
        at,
      );
      return res.ok ? { next: res.value.meeting, result: { ok: true, value: res.value.meeting } } : { result: res };
    });
    if (!r.ok && r.error.code === 'ACTION.NOT_OWNER') {
      const turn = await loadGroupTurn(ctx, deps);
      return turn ? refusal(turn, 'decision.followUp') : errorText(texts, r.error);
    }
    const query = queryOf(d);
    if (!r.ok) return groupLogCard(deps, group, texts, member?.id, now, query, errorText(texts, r.error));
    // The follow-up shows on the next agenda (carried under "Föregående minnesanteckningar").
    afterActionChange(deps, group);
    return groupLogCard(deps, group, texts, member?.id, now, query, texts.followUp.followUpSaved);
  });
}
