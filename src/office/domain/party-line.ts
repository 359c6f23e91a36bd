import type { PartyStat } from '../../attendance/domain/attendance.js';

/** A party's attendance as the office shows it (overview and insats goals alike). */
export interface PartyLine {
  organisation: string;
  called: number;
  attended: number;
  percent?: number;
  meetsTarget: boolean;
}

export function partyLine(p: PartyStat): PartyLine {
  return { organisation: p.organisation ?? '', called: p.called, attended: p.attended, ...(p.percent !== undefined ? { percent: p.percent } : {}), meetsTarget: p.meetsTarget };
}
