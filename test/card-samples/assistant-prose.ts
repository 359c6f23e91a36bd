import { sv } from '../../src/i18n/sv/index.js';
import { proseCardData } from '../../src/assistant/prose-listeners.js';
import { sampleMinutes } from '../support/sample-minutes.js';

// Seed 003's §3: two terse notes and a decision; the suggestion joins the notes, the decision stays.
const { draft } = sampleMinutes();
const item = draft.doc.items.find((i) => i.title.startsWith('AMIF'))!;
export const sample = proseCardData(sv, draft, item, 'Ola Wiktorson berättade om ESF-projektet IBIS, IntegrationsBygget I Sörmland. Arbetsutskottet diskuterade därefter ohälsotalet i Sörmland och behovet av en fördjupad kartläggning och analys av långtidssjukskrivningarna.');
