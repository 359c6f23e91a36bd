import { sv } from '../../src/i18n/sv/index.js';
import { historyCardData } from '../../src/approvals/approval-view.js';
import { seed000Approval } from '../fixtures/seed000-approval-state.js';

/** "Visa historik" on seed 000's deviation report after Wictoria Palmetorp signed it. */
export const sample = historyCardData(sv.approvals, seed000Approval('signed'));
