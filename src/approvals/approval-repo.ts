import type { Container, PatchOperation } from '@azure/cosmos';
import {
  answer, entryField, evaluate,
  type AnswerInput, type Approval, type ApprovalError, type ApprovalSummary, type ApprovalEvent, type ApprovalResult, type Changed,
} from './domain/approval.js';
import { nextDueAt } from './domain/approval-due.js';
import type { CardRef } from '../meetings/domain/meeting.js';
import { CoalescedPatches } from '../store/coalesced-patches.js';
import { cosmosStatus } from '../store/cosmos-errors.js';
import { withoutSystem } from '../store/doc.js';
import { RecentReads } from '../store/recent-reads.js';
import { createOnce, updateWithRetry } from '../store/update-with-retry.js';

/** One document per request in the group's partition. */
export interface ApprovalDoc extends Approval {
  type: 'approval';
  /** When the scheduler must next look at it (reminder or deadline); null when never again. */
  dueAt: string | null;
  /** Where the request's shared card sits in the channel, so it can be updated in place (PUT). */
  channelCard?: CardRef;
}

export interface StoredApproval {
  approval: Approval;
  channelCard?: CardRef;
}

export type AnswerResult =
  | { ok: true; approval: Approval; channelCard?: CardRef; changed: boolean; events: ApprovalEvent[]; redelivered?: boolean }
  | { ok: false; error: ApprovalError; approval: Approval; channelCard?: CardRef };

export function fromDoc(doc: ApprovalDoc): StoredApproval {
  const approval = withoutSystem<Approval>(doc as unknown as Record<string, unknown>, ['type', 'dueAt', 'channelCard']);
  return { approval, ...(doc.channelCard ? { channelCard: doc.channelCard } : {}) };
}

export function toDoc(approval: Approval, channelCard?: CardRef): ApprovalDoc {
  return { ...approval, type: 'approval', dueAt: nextDueAt(approval) ?? null, ...(channelCard ? { channelCard } : {}) };
}

const MAX_ANSWER_ATTEMPTS = 10;

/**
 * Approval requests in Cosmos. Answers are the hot path: each is one conditional patch on the
 * voter's own path (no read-modify-write race between members), and only a change of outcome is
 * written with If-Match. Answers that come at once share a patch, each with its own condition
 * (`CoalescedPatches`); each gets the request as that patch left it.
 */
export class ApprovalRepo {
  private readonly reads: RecentReads<ApprovalDoc, StoredApproval>;
  /** Answers that come while three patches of a request are on their way go together (ten voters' first answers to a patch). */
  private readonly answers: CoalescedPatches<ApprovalDoc>;

  constructor(private readonly container: Container) {
    this.reads = new RecentReads<ApprovalDoc, StoredApproval>(container, (doc, groupId) =>
      doc.type === 'approval' && doc.groupId === groupId ? fromDoc(doc) : undefined);
    this.answers = new CoalescedPatches<ApprovalDoc>(container);
  }

  /** Creates the request once; the same id again (a double click on the form, a retry) is a no-op. */
  async create(approval: Approval, channelCard?: CardRef): Promise<{ created: boolean }> {
    try {
      return await createOnce(this.container, toDoc(approval, channelCard));
    } finally {
      this.reads.forget(approval.id, approval.groupId);
    }
  }

  /** A point read in the group's own partition: an id from another group is simply not found. */
  async get(groupId: string, id: string): Promise<StoredApproval | undefined> {
    return this.reads.fresh(id, groupId);
  }

  /**
   * Records an answer idempotently: the domain's `answer` decides on the request as read at most a
   * second ago, and its write goes as one patch conditioned on the request being open, on the version
   * the member saw, and on the voter's answers being the ones it was decided on. Anything but a new
   * answer, or a condition that failed (they changed meanwhile), is decided again on a fresh read.
   * The outcome is then settled on the request as the patch left it (others' answers included).
   * `who` is the member id, or finds it on the request itself (by the voter's Teams identity).
   */
  async answer(groupId: string, id: string, who: string | ((a: Approval) => string | undefined), input: Omit<AnswerInput, 'memberId'>, now: Date): Promise<AnswerResult | undefined> {
    for (let attempt = 0; attempt < MAX_ANSWER_ATTEMPTS; attempt++) {
      const onRecent = attempt === 0;
      const stored = onRecent ? await this.reads.recent(id, groupId) : await this.get(groupId, id);
      if (!stored) return undefined;
      const { approval, channelCard } = stored;
      const r = answer(approval, { ...input, memberId: (typeof who === 'string' ? who : who(approval)) ?? '' }, now);
      if (onRecent && !(r.ok && r.value.write)) continue;
      if (!r.ok) return { ok: false, error: r.error, approval, channelCard };
      const write = r.value.write;
      if (!write) return { ok: true, approval, channelCard, changed: false, events: [], ...(r.value.redelivered ? { redelivered: true } : {}) };
      // Only if the voter's answers are still the ones this was decided on (as many entries), and the
      // request still open on this version.
      const voterPath = `c.answers["${write.voterKey}"]`;
      const sameSlot = write.before === undefined ? `not is_defined(${voterPath})` : `array_length(${voterPath}["log"]) = ${write.before}`;
      const path = `/answers/${write.voterKey}`;
      const operations: PatchOperation[] = !write.before
        // A first answer (the common press): the whole slot in one operation, all of it new; ten voters to a coalesced patch, not three.
        ? [{ op: 'set', path, value: write.slot }]
        // Later answers only append: the entries before it may have been rewritten since in place (erasure keeps their number), and must not come back from this copy.
        : [
            { op: 'set', path: `${path}/key`, value: write.key },
            { op: 'add', path: `${path}/log/-`, value: write.entry },
            { op: 'set', path: `${path}/${entryField(write.entry)}`, value: write.entry },
          ];
      const written = await this.answers.apply(id, groupId, `from c where c.status = 'open' and c.version = ${approval.version}`, { key: path, operations, when: ` and ${sameSlot}` });
      if (!written.written) continue;
      const patched = written.resource;
      const events: ApprovalEvent[] = [{ type: 'answered', voterKey: write.voterKey, choice: write.entry.choice }];
      // A server that answers a patch without the document: the request as stored now.
      let after = patched ? fromDoc(patched).approval : ((await this.get(groupId, id))?.approval ?? approval);
      const settled = evaluate(after, now);
      if (patched && settled.events.length > 0) {
        // Whoever writes the outcome first gets its events; everyone else just sees the closed request.
        const decided = (await this.decideOnWritten(groupId, id, patched, settled)) ?? (await this.change(groupId, id, (a) => ({ ok: true, value: evaluate(a, now) })));
        if (decided?.ok) {
          events.push(...decided.value.events);
          after = decided.value.approval;
        }
      }
      return { ok: true, approval: after, channelCard, changed: true, events };
    }
    const latest = await this.get(groupId, id);
    if (!latest) return undefined;
    const again = answer(latest.approval, { ...input, memberId: (typeof who === 'string' ? who : who(latest.approval)) ?? '' }, now);
    return again.ok
      ? { ok: true, approval: latest.approval, channelCard: latest.channelCard, changed: false, events: [] }
      : { ok: false, error: again.error, approval: latest.approval, channelCard: latest.channelCard };
  }

  /**
   * The outcome an answer settled (`decided`, evaluated on the document as the answer's own patch
   * returned it), written in one round trip: a patch of the fields it changes, with If-Match on that
   * document, so it is decided on exactly what is stored. Undefined when something was written in
   * between (then `change` reads and decides).
   */
  private async decideOnWritten(groupId: string, id: string, written: ApprovalDoc & { _etag?: string }, decided: Changed): Promise<(ApprovalResult<Changed> & { channelCard?: CardRef }) | undefined> {
    const channelCard = written.channelCard;
    const next = toDoc(decided.approval, channelCard) as unknown as Record<string, unknown>;
    const before = written as unknown as Record<string, unknown>;
    const operations: PatchOperation[] = [
      ...Object.keys(next).filter((k) => next[k] !== before[k] && JSON.stringify(next[k]) !== JSON.stringify(before[k])).map((k): PatchOperation => ({ op: 'set', path: `/${k}`, value: next[k] })),
      ...Object.keys(before).filter((k) => !k.startsWith('_') && !(k in next)).map((k): PatchOperation => ({ op: 'remove', path: `/${k}` })),
    ];
    // Cosmos DB takes at most 10 operations in one patch.
    if (!written._etag || operations.length === 0 || operations.length > 10) return undefined;
    try {
      await this.container.item(id, groupId).patch<ApprovalDoc>({ operations }, { accessCondition: { type: 'IfMatch', condition: written._etag } });
      this.reads.forget(id, groupId);
      return { ok: true, value: decided, ...(channelCard ? { channelCard } : {}) };
    } catch (err) {
      if (cosmosStatus(err) === 412) return undefined;
      throw err;
    }
  }

  /**
   * Read → domain change → replace with If-Match, retried on 412. Nothing is written when the
   * change is refused or produces no events. Undefined when the request does not exist in the group.
   */
  async change(groupId: string, id: string, change: (a: Approval) => ApprovalResult<Changed>): Promise<(ApprovalResult<Changed> & { channelCard?: CardRef }) | undefined> {
    try {
      return await updateWithRetry<ApprovalDoc, (ApprovalResult<Changed> & { channelCard?: CardRef }) | undefined>(this.container, id, groupId, (doc) => {
        if (!doc || doc.type !== 'approval' || doc.groupId !== groupId) return { result: undefined };
        const { approval, channelCard } = fromDoc(doc);
        const r = change(approval);
        if (!r.ok || r.value.events.length === 0) return { result: { ...r, channelCard } };
        return { next: toDoc(r.value.approval, channelCard), result: { ...r, channelCard } };
      });
    } finally {
      this.reads.forget(id, groupId);
    }
  }

  /** Remembers the channel card (activity id + conversation reference) for later updates. */
  async setChannelCard(groupId: string, id: string, card: CardRef): Promise<void> {
    await this.container.item(id, groupId).patch({ operations: [{ op: 'set', path: '/channelCard', value: card }] });
    this.reads.forget(id, groupId);
  }

  /** The group's open requests, only their id, title and deadline (one query in its partition). */
  async openSummaries(groupId: string): Promise<ApprovalSummary[]> {
    const { resources } = await this.container.items
      .query<ApprovalSummary>(
        { query: "SELECT c.id, c.title, c.deadline FROM c WHERE c.groupId = @g AND c.type = 'approval' AND c.status = 'open'", parameters: [{ name: '@g', value: groupId }] },
        { partitionKey: groupId },
      )
      .fetchAll();
    return resources;
  }

  /** The group's approved requests, the latest decided first. */
  async approved(groupId: string): Promise<Approval[]> {
    const { resources } = await this.container.items
      .query<ApprovalDoc>({ query: "SELECT * FROM c WHERE c.groupId = @g AND c.type = 'approval' AND c.status = 'approved'", parameters: [{ name: '@g', value: groupId }] }, { partitionKey: groupId })
      .fetchAll();
    return resources.map((d) => fromDoc(d).approval).sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt));
  }

  /** Requests (in every group) that need the scheduler at `now`. */
  async findDue(now: Date): Promise<Array<{ groupId: string; id: string }>> {
    const { resources } = await this.container.items
      .query<{ groupId: string; id: string }>({
        query: "SELECT c.groupId, c.id FROM c WHERE c.type = 'approval' AND IS_STRING(c.dueAt) AND c.dueAt <= @now",
        parameters: [{ name: '@now', value: now.toISOString() }],
      })
      .fetchAll();
    return resources;
  }
}
