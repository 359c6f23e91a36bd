import { sv } from '../../src/i18n/sv/index.js';
import { editCardData } from '../../src/minutes/minutes-cards.js';
import { sampleMinutes } from '../support/sample-minutes.js';

const { draft } = sampleMinutes();
export const sample = editCardData(sv, draft, { part: 'item', index: 2 });
