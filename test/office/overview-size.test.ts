import { describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv/index.js';
import { OfficeLinks } from '../../src/office/office-links.js';
import { CARD_GOAL_LINES, overviewCard } from '../../src/office/overview-view.js';
import { TEAMS_MAX_ACTIVITY_BYTES } from '../support/connector.js';
import { cardTexts } from '../support/cards.js';
import { sampleOverview } from './office-fixtures.js';

describe('the översikt card at a large förbund', () => {
  it('20 groups of six parties, every party under the goal, and five insatser stay under Teams’ 28 KB; the card names the parties under the goal up to its cap and says how many meet it', () => {
    const base = sampleOverview();
    const group = base.groups[0]!;
    const parties = ['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun', 'Älvkarleby kommun', 'Östhammars kommun'].map((organisation) => ({ ...group.parties[0]!, organisation, attended: 20, percent: 67, meetsTarget: false }));
    const groups = Array.from({ length: 20 }, (_, i) => ({ ...group, groupId: `g_${i}`, name: `Lokusgrupp nummer ${i + 1} i norra Uppland`, parties }));
    const insatser = Array.from({ length: 5 }, (_, i) => ({ ...base.insatser[0]!, insats: { ...base.insatser[0]!.insats, id: `i${i}`, name: `Insats nummer ${i + 1}` } }));
    const links = new OfficeLinks('s'.repeat(64));
    links.baseUrl = 'https://lokus.samordningsforbundet-ostra-uppland.example.se';
    const urls = links.urls({ tenantId: '00000000-0000-0000-0000-000000000001', person: '00000000-0000-0000-0000-0000000000aa', year: 2018, language: 'sv' }, new Date('2018-12-31T12:00:00Z'));
    const card = overviewCard(sv, { ...base, groups, insatser }, urls);
    const activity = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    const bytes = Buffer.byteLength(JSON.stringify(activity), 'utf8');
    console.log(`översikt card, 20 groups × 6 parties all under the goal, 5 insatser: ${bytes} bytes`);
    expect(bytes).toBeLessThan(TEAMS_MAX_ACTIVITY_BYTES);
    const texts = cardTexts(card);
    expect(texts).toContain('Försäkringskassan: 20 av 30, 67 % – ▲ under målet');
    const goalLines = texts.filter((l) => l.endsWith('– ▲ under målet') || l.endsWith('– ✓ når målet'));
    expect(goalLines).toHaveLength(CARD_GOAL_LINES);
    expect(texts.filter((l) => l === '0 av 6 parter når målet; alla parter finns i rapporten.')).toHaveLength(20);
  });
});
