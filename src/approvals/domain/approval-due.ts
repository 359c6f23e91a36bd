import type { Approval, Changed, Voter } from './approval.js';
import { countingDecision } from './approval.js';

/** What the scheduler must do for a request at `now`: remind those who have not answered, or close it. */
export type ApprovalDue = 'remind' | 'expire';

/** The next moment the request needs the scheduler (reminder or deadline); undefined when none. */
export function nextDueAt(approval: Approval): string | undefined {
  if (approval.status !== 'open') return undefined;
  if (approval.reminderAt && !approval.reminderSentAt && approval.reminderAt < approval.deadline) return approval.reminderAt;
  return approval.deadline;
}

export function dueWork(approval: Approval, now: Date): ApprovalDue | undefined {
  if (approval.status !== 'open') return undefined;
  if (now.getTime() >= Date.parse(approval.deadline)) return 'expire';
  if (approval.reminderAt && !approval.reminderSentAt && now.getTime() >= Date.parse(approval.reminderAt)) return 'remind';
  return undefined;
}

/** Voters without a decision on the version that counts now. */
export function notAnswered(approval: Approval): Voter[] {
  return approval.voters.filter((v) => !countingDecision(approval, v));
}

/**
 * Does the due work: marks the reminder sent (once; the caller sends it only when this write wins)
 * or closes the request as it stands at the deadline.
 */
export function runDue(approval: Approval, now: Date): Changed {
  const due = dueWork(approval, now);
  const at = now.toISOString();
  if (due === 'remind') {
    const recipients = notAnswered(approval);
    return {
      approval: { ...approval, reminderSentAt: at, history: [...approval.history, { kind: 'reminder', at, version: approval.version, recipients: recipients.length }] },
      events: [{ type: 'reminded', recipients }],
    };
  }
  if (due === 'expire') {
    return {
      approval: { ...approval, status: 'expired', decidedAt: at, history: [...approval.history, { kind: 'outcome', at, status: 'expired', reason: 'deadline', version: approval.version }] },
      events: [{ type: 'decided', status: 'expired', reason: 'deadline' }],
    };
  }
  return { approval, events: [] };
}
