import { sv } from '../../src/i18n/sv/index.js';
import { signCardData } from '../../src/approvals/approval-view.js';
import { seed000Approval } from '../fixtures/seed000-approval-state.js';

/** Wictoria Palmetorp's personal card with Skriv under, once the four parties have approved. */
export const sample = signCardData(sv.approvals, seed000Approval('approved'), 'sign-ap-seed000');
