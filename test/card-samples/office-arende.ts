import { sv } from '../../src/i18n/sv/index.js';
import { arendeCardData } from '../../src/office/arende-view.js';
import { sampleArende } from '../office/office-fixtures.js';

/** Seed 002's ärende as the office edits it, with the styrelse's next sammanträde to choose. */
export const sample = arendeCardData(sv, 'sv', sampleArende(), [
  { title: 'Förbundsstyrelsen: Förbundsstyrelsens sammanträde 2018-02-20', value: 'g_styrelse|meeting-1' },
  { title: 'Arbetsutskottet: Arbetsutskottets sammanträde 2018-02-06', value: 'g_au|meeting-2' },
], sv.office.saved);
