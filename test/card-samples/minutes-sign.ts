import { sv } from '../../src/i18n/sv/index.js';
import { signerCardData } from '../../src/minutes/minutes-cards.js';
import { sampleMinutes } from '../support/sample-minutes.js';

const { links, group, now, inAdjustment } = sampleMinutes();
export const sample = signerCardData(links, sv, inAdjustment, group, 'm_britta', now);
