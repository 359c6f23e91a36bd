import { countingComment, countingDecision, partiesOf, partyVoters, type Approval, type AnswerEntry, type Voter } from './approval.js';

export type PersonState = 'approve' | 'reject' | 'comment' | 'none';

export interface PersonTally {
  voter: Voter;
  /** The decision that counts; 'comment' when the voter only commented on this version. */
  state: PersonState;
  decision?: AnswerEntry;
  comment?: AnswerEntry;
}

export interface PartyTally {
  party: string;
  approve: number;
  reject: number;
  comment: number;
  none: number;
  total: number;
  /** At least one yes from the party (what "one yes from each party" needs). */
  hasYes: boolean;
}

export interface Tally {
  persons: PersonTally[];
  parties: PartyTally[];
  approve: number;
  reject: number;
  comment: number;
  none: number;
  total: number;
  /** Parties with a yes, out of all parties asked. */
  partiesWithYes: number;
}

/** The tally of the version that counts now, per person and per party. */
export function tally(approval: Approval): Tally {
  const persons: PersonTally[] = approval.voters.map((voter) => {
    const decision = countingDecision(approval, voter);
    const comment = countingComment(approval, voter);
    const state: PersonState = decision ? (decision.choice === 'approve' ? 'approve' : 'reject') : comment ? 'comment' : 'none';
    return { voter, state, ...(decision ? { decision } : {}), ...(comment ? { comment } : {}) };
  });
  const count = (list: PersonTally[], s: PersonState) => list.filter((p) => p.state === s).length;
  const counting = new Set(partyVoters(approval.voters));
  const parties: PartyTally[] = partiesOf(approval.voters).map((party) => {
    const members = persons.filter((p) => p.voter.party === party && counting.has(p.voter));
    const approve = count(members, 'approve');
    return { party, approve, reject: count(members, 'reject'), comment: count(members, 'comment'), none: count(members, 'none'), total: members.length, hasYes: approve > 0 };
  });
  return {
    persons,
    parties,
    approve: count(persons, 'approve'),
    reject: count(persons, 'reject'),
    comment: count(persons, 'comment'),
    none: count(persons, 'none'),
    total: persons.length,
    partiesWithYes: parties.filter((p) => p.hasYes).length,
  };
}
