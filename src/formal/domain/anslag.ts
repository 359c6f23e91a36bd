import { addDays, type LocalDate } from '../../shared/swedish-date.js';

/**
 * The anslag of a justerat protokoll (issue 26): it is posted on the anslagstavla within two days of
 * the justering and may not be taken down before three weeks have passed.
 */
export interface AnslagDates {
  meetingDate: LocalDate;
  adjustedOn: LocalDate;
  postedOn: LocalDate;
  takeDownOn: LocalDate;
}

export const UP_AT_LEAST_DAYS = 21;

/** Posted today (never before the justering); down three weeks after it went up. */
export function anslagDates(meetingDate: LocalDate, adjustedOn: LocalDate, today: LocalDate): AnslagDates {
  const postedOn = today < adjustedOn ? adjustedOn : today;
  return { meetingDate, adjustedOn, postedOn, takeDownOn: addDays(postedOn, UP_AT_LEAST_DAYS) };
}
