import { describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv/index.js';
import { overviewCard } from '../../src/office/overview-view.js';
import { sampleOverview } from './office-fixtures.js';

describe('the översikt card at a large förbund', () => {
  it('20 groups of six parties (half under the goal) and five insatser stay under Teams’ 28 KB; the parties under the goal are still named', () => {
    const base = sampleOverview();
    const group = base.groups[0]!;
    const parties = ['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun', 'Älvkarleby kommun', 'Östhammars kommun'].map((organisation, i) => ({ ...group.parties[0]!, organisation, attended: i % 2 ? 20 : 30, percent: i % 2 ? 67 : 100, meetsTarget: i % 2 === 0 }));
    const groups = Array.from({ length: 20 }, (_, i) => ({ ...group, groupId: `g_${i}`, name: `Lokusgrupp nummer ${i + 1} i norra Uppland`, parties }));
    const insatser = Array.from({ length: 5 }, (_, i) => ({ ...base.insatser[0]!, insats: { ...base.insatser[0]!.insats, id: `i${i}`, name: `Insats nummer ${i + 1}` } }));
    const q = `https://lokus.example.se/office/x?t=tenant-00000000-0000-0000-0000-000000000001&g=${groups.map(() => `g_${'0'.repeat(32)}`).join(',')}&y=2018&lang=sv&exp=1546300800&sig=${'s'.repeat(43)}`;
    const card = overviewCard(sv, { ...base, groups, insatser }, { 'report.html': q, 'report.xlsx': q, 'attendance.png': q, 'meetings.png': q });
    const activity = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    const bytes = Buffer.byteLength(JSON.stringify(activity), 'utf8');
    console.log(`översikt card, 20 groups × 6 parties, 5 insatser: ${bytes} bytes`);
    expect(bytes).toBeLessThan(28 * 1024);
    const text = JSON.stringify(card);
    expect(text).toContain('Försäkringskassan: 20 av 30, 67 % – ▲ under målet');
    expect(text).not.toContain('Region Uppsala: 30 av 30, 100 %');
    expect(text).toContain('3 av 6 parter når målet; alla parter finns i rapporten.');
  });
});
