import type { Container } from '@azure/cosmos';
import type { Ballot } from './domain/formal-meeting.js';
import { CoalescedPatches, conditionalSet } from '../store/coalesced-patches.js';

const SAFE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * Ballots of an open vote (issue 26), each ledamot's under its own key of the meeting document
 * (`/formal/votes/<voteId>/ballots/<memberId>`): one conditional Cosmos patch per press, only while
 * the vote is open, so 15 ledamöter pressing at once never collide on the ETag and a press racing
 * the close is not counted. Presses that come together share a patch (`CoalescedPatches`), each
 * under its own key; a double press sets the same value again.
 */
export class VoteRepo {
  private readonly ballots: CoalescedPatches<Record<string, unknown> & { id: string }>;

  constructor(container: Container) {
    this.ballots = new CoalescedPatches(container, { initialHeaders: { Prefer: 'return=minimal' } });
  }

  /** False when the meeting or the vote is missing, or the vote is closed. */
  async setBallot(groupId: string, meetingId: string, voteId: string, memberId: string, ballot: Ballot): Promise<boolean> {
    if (!SAFE_ID.test(voteId) || !SAFE_ID.test(memberId)) throw new Error('vote or member id is not safe in a patch');
    const vote = `c.formal.votes["${voteId}"]`;
    const shared = `FROM c WHERE c.type = 'meeting' AND c.status = 'started' AND IS_DEFINED(${vote}) AND NOT IS_DEFINED(${vote}.closedAt)`;
    const outcome = await this.ballots.apply(meetingId, groupId, shared, conditionalSet(`/formal/votes/${voteId}/ballots/${memberId}`, ballot, ''));
    return outcome.written;
  }
}
