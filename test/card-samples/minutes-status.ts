import { sv } from '../../src/i18n/sv/index.js';
import { statusCardData } from '../../src/minutes/minutes-cards.js';
import { sampleMinutes } from '../support/sample-minutes.js';

const { links, now, signed } = sampleMinutes();
export const sample = statusCardData(links, sv, signed, now, 'signed');
