import { sv } from '../../src/i18n/sv/index.js';
import { insatsCardData } from '../../src/office/insats-listeners.js';

/** The form for seed 002's insats, filled in with its goals. */
export const sample = insatsCardData(sv, {
  insatsId: 'insats-sample',
  form: { name: 'Samordnare och partsamordnare Tierp', from: '2018-01-01', to: '2019-12-31', meetingWord: 'individ', meetingTarget: 60, minParties: 2, attendancePercent: 85, regularWord: 'partsamordnare', regularPerYear: 4, reviewTitle: 'Granskning uppdrag' },
});
