import type { Container } from '@azure/cosmos';
import type { CardRef, Meeting } from '../meetings/domain/meeting.js';
import { addDays, stockholmDate, type LocalDate } from '../shared/swedish-date.js';
import { reminderHorizon } from './domain/follow-up.js';
import { withoutSystem } from '../store/doc.js';
import { updateWithRetry } from '../store/update-with-retry.js';

/** An open action item whose reminder may be due (found across groups by the scheduler). */
export interface ReminderCandidate {
  groupId: string;
  meetingId: string;
  actionId: string;
  due: LocalDate;
  reminded?: { before?: string; due?: string };
}

/** Where someone is a member: the group and their member id there. */
export interface Membership {
  groupId: string;
  memberId: string;
}

/** The fields of a meeting the decision log and action lists need (no notes, moves or attendance). */
const LOG_FIELDS = ['id', 'groupId', 'title', 'kind', 'format', 'date', 'time', 'items', 'firstNumber', 'status', 'decisions', 'actionItems', 'createdAt', 'updatedAt', 'startedAt', 'endedAt', 'chairId', 'secretaryId', 'adjusterIds', 'overdueDigestSentAt'];

/** The action list cards posted in a group's conversation, updated in place when an item changes. */
interface ActionCardsDoc {
  id: 'action-cards';
  type: 'actionCards';
  groupId: string;
  cards: CardRef[];
}

/** Keep the latest few list cards up to date; older ones stay as they were posted. */
const MAX_CARDS = 3;

/**
 * Reads across meetings for issue 7 (decision log, action lists, reminders). Writes to a meeting go
 * through MeetingRepo.update; this repository only queries, plus the small list-card document.
 */
export class FollowUpRepo {
  constructor(private readonly container: Container) {}

  /** The group's meetings with what the log needs, in one single-partition query. */
  async meetings(groupId: string): Promise<Meeting[]> {
    const select = LOG_FIELDS.map((f) => `c.${f}`).join(', ');
    const { resources } = await this.container.items
      .query({ query: `SELECT ${select} FROM c WHERE c.groupId = @g AND c.type = 'meeting'`, parameters: [{ name: '@g', value: groupId }] }, { partitionKey: groupId })
      .fetchAll();
    return resources.map((d) => fill(withoutSystem<Partial<Meeting>>(d as Record<string, unknown>)));
  }

  /**
   * Open action items whose reminders may be due now, across all groups (the scheduler's one
   * cross-partition query; run by the lease holder only).
   */
  async reminderCandidates(now: Date): Promise<ReminderCandidate[]> {
    const { resources } = await this.container.items
      .query<ReminderCandidate>({
        query:
          "SELECT c.groupId, c.id AS meetingId, a.id AS actionId, a.due, a.reminded FROM c JOIN a IN c.actionItems WHERE c.type = 'meeting' AND a.status = 'open' AND IS_STRING(a.due) AND a.due <= @horizon",
        parameters: [{ name: '@horizon', value: reminderHorizon(now) }],
      })
      .fetchAll();
    return resources
      .filter((r) => !r.reminded?.due)
      .map((r) => ({ groupId: r.groupId, meetingId: r.meetingId, actionId: r.actionId, due: r.due, ...(r.reminded ? { reminded: r.reminded } : {}) }));
  }

  /** Planned meetings today or tomorrow whose chair has not yet had the overdue list (a missed morning is caught up until the day). */
  async digestCandidates(now: Date): Promise<Array<{ groupId: string; meetingId: string; date: LocalDate }>> {
    const { resources } = await this.container.items
      .query<{ groupId: string; meetingId: string; date: LocalDate; sent?: string }>({
        query: "SELECT c.groupId, c.id AS meetingId, c.date, c.overdueDigestSentAt AS sent FROM c WHERE c.type = 'meeting' AND (c.status = 'planned' OR c.status = 'noticed') AND IS_STRING(c.date) AND c.date >= @today AND c.date <= @tomorrow",
        parameters: [
          { name: '@today', value: stockholmDate(now) },
          { name: '@tomorrow', value: addDays(stockholmDate(now), 1) },
        ],
      })
      .fetchAll();
    return resources.filter((r) => !r.sent).map((r) => ({ groupId: r.groupId, meetingId: r.meetingId, date: r.date }));
  }

  /**
   * The groups someone belongs to in a tenant (for "mina uppdrag" and the kansli view): one
   * cross-partition query over the group documents, matched on the Teams identity in the roster.
   */
  async membershipsOf(tenantId: string, who: { aadObjectId?: string; teamsId: string }): Promise<Membership[]> {
    const { resources } = await this.container.items
      .query<{ groupId: string; memberId: string; removedAt?: string }>({
        query:
          "SELECT c.groupId, m.id AS memberId, m.removedAt FROM c JOIN m IN c.members WHERE c.type = 'group' AND c.tenantId = @t AND (m.aadObjectId = @aad OR m.teamsId = @tid)",
        parameters: [
          { name: '@t', value: tenantId },
          { name: '@aad', value: who.aadObjectId ?? '\u0000' },
          { name: '@tid', value: who.teamsId },
        ],
      })
      .fetchAll();
    const seen = new Set<string>();
    return resources.filter((r) => !r.removedAt && !seen.has(r.groupId) && seen.add(r.groupId)).map((r) => ({ groupId: r.groupId, memberId: r.memberId }));
  }

  async actionCards(groupId: string): Promise<CardRef[]> {
    const r = await this.container.item('action-cards', groupId).read<ActionCardsDoc>();
    return r.resource?.type === 'actionCards' ? r.resource.cards : [];
  }

  /** Remembers a posted list card (the latest few are kept). */
  async addActionCard(groupId: string, card: CardRef): Promise<void> {
    await updateWithRetry<ActionCardsDoc, void>(this.container, 'action-cards', groupId, (doc) => {
      const cards = [...(doc?.cards ?? []).filter((c) => c.activityId !== card.activityId), card].slice(-MAX_CARDS);
      return { next: { id: 'action-cards', type: 'actionCards', groupId, cards }, result: undefined };
    });
  }
}

/** A projected meeting has every list the domain expects. */
function fill(m: Partial<Meeting>): Meeting {
  const empty: Pick<Meeting, 'notes' | 'moves' | 'participantEvents' | 'attendance' | 'history' | 'adjusterIds' | 'decisions' | 'actionItems' | 'items'> = {
    notes: [], moves: [], participantEvents: [], attendance: {}, history: [], adjusterIds: [], decisions: [], actionItems: [], items: [],
  };
  return { ...empty, ...m } as Meeting;
}
