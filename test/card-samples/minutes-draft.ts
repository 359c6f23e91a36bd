import { sv } from '../../src/i18n/sv/index.js';
import { secretaryCardData } from '../../src/minutes/minutes-cards.js';
import { sampleMinutes } from '../support/sample-minutes.js';

const { links, group, now, changeRequested } = sampleMinutes();
export const sample = secretaryCardData(links, sv, changeRequested, group, now);
