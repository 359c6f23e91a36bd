/**
 * What a domain function returns when a user can cause a refusal (STYLE habit 8/9): either the value,
 * or a coded error the Teams layer turns into a message in the user's language. Bugs still throw.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** A refusal: a stable code (`MEETING.NOT_STARTED`) and the facts a message needs. */
export interface DomainError<C extends string = string> {
  code: C;
  details?: Record<string, string | number>;
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<C extends string>(code: C, details?: Record<string, string | number>): { ok: false; error: DomainError<C> } {
  return { ok: false, error: details ? { code, details } : { code } };
}
