import type { Container } from '@azure/cosmos';
import type { WritePlan } from './domain/assistant-plan.js';
import { createOnce, updateWithRetry } from '../store/update-with-retry.js';

/** How long a confirmation card can be pressed: a day; Cosmos DB then deletes the proposal. */
export const PROPOSAL_TTL_SECONDS = 24 * 3600;

/**
 * A change the assistant proposed and the asker has not yet confirmed. It lives in the `bot`
 * container, in the group's own partition (a press from another conversation cannot find it), and
 * names who asked: only that person's press runs it. It holds the plan, never the message text.
 */
export interface Proposal {
  id: string;
  groupId: string;
  plan: WritePlan;
  asker: { teamsId: string; aadObjectId?: string };
  state: 'proposed' | 'done' | 'cancelled';
  createdAt: string;
}

interface ProposalDoc extends Proposal {
  pk: string;
  type: 'assistantProposal';
  ttl: number;
}

export class ProposalRepo {
  constructor(private readonly container: Container) {}

  /** Once per id: the same message delivered twice proposes once. */
  async create(p: Proposal): Promise<void> {
    await createOnce(this.container, { ...p, pk: p.groupId, type: 'assistantProposal', ttl: PROPOSAL_TTL_SECONDS } satisfies ProposalDoc);
  }

  async get(groupId: string, id: string): Promise<Proposal | undefined> {
    const { resource, statusCode } = await this.container.item(id, groupId).read<ProposalDoc>();
    if (statusCode === 404 || !resource || resource.type !== 'assistantProposal' || resource.groupId !== groupId) return undefined;
    return { id: resource.id, groupId: resource.groupId, plan: resource.plan, asker: resource.asker, state: resource.state, createdAt: resource.createdAt };
  }

  /** Moves a proposal out of `proposed` (ETag-guarded); false when it already was. */
  async close(groupId: string, id: string, state: 'done' | 'cancelled'): Promise<boolean> {
    return updateWithRetry<ProposalDoc, boolean>(this.container, id, groupId, (doc) =>
      doc && doc.state === 'proposed' ? { next: { ...doc, state }, result: true } : { result: false });
  }
}
