import { err, ok, type DomainError, type Result } from '../../shared/result.js';
import { checkTjansteskrivelse, type Tjansteskrivelse, type TjansteskrivelseProblem } from './tjansteskrivelse.js';

/**
 * An ärende of the förbund (seed 002): it starts in a group (an approved request: one yes from each
 * party) or at the office, gets a diarienummer per förbund and year, carries a tjänsteskrivelse,
 * is placed on a body's planned meeting as an agenda item and comes back with the body's decision.
 * Every step is kept in its history. Pure: the clock and ids are passed in.
 */

export type ArendeStatus = 'draft' | 'placed' | 'decided';

/** Where the ärende came from: the group whose channel gets the decision back. */
export interface ArendeOrigin {
  groupId: string;
  groupName: string;
  /** The approved request it was made from (absent when the office opened it itself). */
  approvalId?: string;
  /** The parties that said yes, as the request recorded them. */
  partiesBehind?: string[];
}

export interface Placement {
  groupId: string;
  groupName: string;
  meetingId: string;
  meetingTitle: string;
  meetingDate?: string;
  itemId: string;
}

export interface BodyDecision {
  text: string;
  attSatser: string[];
  /** "§5" when the body writes a protokoll; absent in minnesanteckningar numbering. */
  paragraph?: string;
  itemNumber: string;
  meetingId: string;
  at: string;
}

export type ArendeHistoryEntry =
  | { kind: 'opened'; at: string; by: string; groupName: string }
  | { kind: 'edited'; at: string; by: string }
  | { kind: 'placed'; at: string; by: string; groupName: string; meetingTitle: string; meetingDate?: string }
  | { kind: 'decided'; at: string; groupName: string; itemNumber: string }
  | { kind: 'returned'; at: string; groupName: string };

export interface Arende {
  id: string;
  tenantId: string;
  /** "2018/3": the year and the förbund's running number within it. */
  diarienummer: string;
  year: number;
  number: number;
  origin: ArendeOrigin;
  tjansteskrivelse: Tjansteskrivelse;
  status: ArendeStatus;
  placement?: Placement;
  decision?: BodyDecision;
  history: ArendeHistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

export type ArendeErrorCode = 'ARENDE.DECIDED' | 'ARENDE.NOT_PLACED' | `ARENDE.${TjansteskrivelseProblem}`;
export type ArendeError = DomainError<ArendeErrorCode>;

export function diarienummer(year: number, number: number): string {
  return `${year}/${number}`;
}

export function openArende(input: { id: string; tenantId: string; year: number; number: number; origin: ArendeOrigin; tjansteskrivelse: Tjansteskrivelse; by: string; at: string }): Arende {
  return {
    id: input.id,
    tenantId: input.tenantId,
    diarienummer: diarienummer(input.year, input.number),
    year: input.year,
    number: input.number,
    origin: input.origin,
    tjansteskrivelse: input.tjansteskrivelse,
    status: 'draft',
    history: [{ kind: 'opened', at: input.at, by: input.by, groupName: input.origin.groupName }],
    createdAt: input.at,
    updatedAt: input.at,
  };
}

/** The office's edit on the card; an ärende already decided is kept as it was decided. */
export function editArende(a: Arende, t: Tjansteskrivelse, by: string, at: string): Result<Arende, ArendeError> {
  if (a.status === 'decided') return err('ARENDE.DECIDED');
  const problem = checkTjansteskrivelse(t);
  if (problem) return err(`ARENDE.${problem}`);
  return ok({ ...a, tjansteskrivelse: t, history: [...a.history, { kind: 'edited', at, by }], updatedAt: at });
}

/** Placed on a body's planned meeting (again, on another meeting, when it is moved). */
export function placeArende(a: Arende, p: Placement, by: string, at: string): Result<Arende, ArendeError> {
  if (a.status === 'decided') return err('ARENDE.DECIDED');
  const problem = checkTjansteskrivelse(a.tjansteskrivelse);
  if (problem) return err(`ARENDE.${problem}`);
  const entry: ArendeHistoryEntry = { kind: 'placed', at, by, groupName: p.groupName, meetingTitle: p.meetingTitle, ...(p.meetingDate ? { meetingDate: p.meetingDate } : {}) };
  return ok({ ...a, status: 'placed', placement: p, history: [...a.history, entry], updatedAt: at });
}

/** The body's decision as its meeting recorded it; the same decision twice changes nothing. */
export function recordBodyDecision(a: Arende, d: BodyDecision): Result<{ arende: Arende; changed: boolean }, ArendeError> {
  if (a.decision && a.decision.meetingId === d.meetingId) return ok({ arende: a, changed: false });
  if (!a.placement || a.placement.meetingId !== d.meetingId) return err('ARENDE.NOT_PLACED');
  const history: ArendeHistoryEntry[] = [...a.history, { kind: 'decided', at: d.at, groupName: a.placement.groupName, itemNumber: d.itemNumber }];
  return ok({ arende: { ...a, status: 'decided', decision: d, history, updatedAt: d.at }, changed: true });
}

export function markReturned(a: Arende, at: string): Arende {
  if (a.history.some((h) => h.kind === 'returned')) return a;
  return { ...a, history: [...a.history, { kind: 'returned', at, groupName: a.origin.groupName }], updatedAt: at };
}
