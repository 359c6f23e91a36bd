import type { Approval, Choice, HistoryEntry } from './approval.js';

/** One line of the audit trail: every answer, comment, version, reminder, outcome and signature. */
export type AuditEntry =
  | HistoryEntry
  | { kind: 'answer'; at: string; memberId: string; name: string; party: string; choice: Choice; text?: string; version: number };

/** The whole history of a request, oldest first (answers to earlier versions included). */
export function auditTrail(approval: Approval): AuditEntry[] {
  const answers: AuditEntry[] = approval.voters.flatMap((v) =>
    (approval.answers[v.key]?.log ?? []).map((e) => ({
      kind: 'answer' as const,
      at: e.at,
      memberId: v.memberId,
      name: v.name,
      party: v.party,
      choice: e.choice,
      ...(e.text ? { text: e.text } : {}),
      version: e.version,
    })),
  );
  const order = (e: AuditEntry) => (e.kind === 'created' ? 0 : e.kind === 'version' ? 1 : e.kind === 'answer' ? 2 : 3);
  return [...approval.history, ...answers].sort((a, b) => a.at.localeCompare(b.at) || order(a) - order(b));
}
