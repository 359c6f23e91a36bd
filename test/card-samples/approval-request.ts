import { sv } from '../../src/i18n/sv/index.js';
import { requestCardData } from '../../src/approvals/approval-view.js';
import { seed000Approval } from '../fixtures/seed000-approval-state.js';

/** The channel card of seed 000's deviation report while open, as Nima Najafi sees it after commenting. */
export const sample = requestCardData(sv.approvals, seed000Approval('open'), { memberId: 'm_nima' }, sv.approvals.saved.comment);
