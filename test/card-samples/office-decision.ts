import { sv } from '../../src/i18n/sv/index.js';
import { markReturned, placeArende, recordBodyDecision, type Arende } from '../../src/office/domain/arende.js';
import { decisionCardData } from '../../src/office/arende-view.js';
import { SEED002_ATT, sampleArende } from '../office/office-fixtures.js';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

/** The styrelse decided seed 002's ärende under §5; the decision card in the lokusgrupp's channel. */
let a: Arende = must(placeArende(sampleArende(), { groupId: 'g_styrelse', groupName: 'Förbundsstyrelsen', meetingId: 'meeting-1', meetingTitle: 'Förbundsstyrelsens sammanträde', meetingDate: '2018-02-20', itemId: 'item-1' }, 'Marika Blomgren', '2018-02-01T09:00:00.000Z'));
a = must(recordBodyDecision(a, { text: SEED002_ATT.join('\n'), attSatser: SEED002_ATT, paragraph: '§5', itemNumber: '§5', meetingId: 'meeting-1', at: '2018-02-20T11:00:00.000Z' })).arende;
a = markReturned(a, '2018-02-20T11:00:05.000Z');
export const sample = decisionCardData(sv, 'sv', a);
