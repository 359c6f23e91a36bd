import { describe, expect, it } from 'vitest';
import { sv } from '../../src/i18n/sv/index.js';
import { renderCard } from '../../src/bot/render-card.js';
import { cardProblems } from '../support/card-schema.js';
import { cardText } from '../support/cards.js';
import { sample as form } from '../card-samples/approval-form.js';
import { sample as history } from '../card-samples/approval-history.js';
import { sample as request } from '../card-samples/approval-request.js';
import { sample as signCard } from '../card-samples/approval-sign.js';
import { requestCardData } from '../../src/approvals/approval-view.js';
import { seed000Approval } from '../fixtures/seed000-approval-state.js';

describe('approval card templates with their seed 000 samples', () => {
  it.each([['approval-form', form], ['approval-request', request], ['approval-sign', signCard], ['approval-history', history]] as const)('%s is valid Adaptive Card 1.5', (name, data) => {
    expect(cardProblems(renderCard(name, data))).toEqual([]);
  });

  it('the channel card shows the tally per party and per person, and the viewer’s own answer', () => {
    const text = cardText(renderCard('approval-request', request));
    expect(text).toContain('2 av 4 parter har sagt ja. Ett ja från varje part behövs.');
    expect(text).toContain('Region Uppsala 1 av 1 godkänner – minst ett ja');
    expect(text).toContain('Arbetsförmedlingen 0 av 1 godkänner');
    expect(text).toContain('Nima Najafi (Tierps kommun) Har lämnat synpunkt: Lägg till att annonsen för samordnaren går ut nästa vecka.');
    expect(text).toContain('Din synpunkt: Lägg till att annonsen för samordnaren går ut nästa vecka.');
    expect(text).not.toContain(sv.approvals.newVersionButton);
  });

  it('a saved answer is shown in the good colour, a refusal in the attention colour', () => {
    const colourOf = (notice: string) => {
      const card = renderCard('approval-request', requestCardData(sv.approvals, seed000Approval('open'), { memberId: 'm_nima' }, notice)) as unknown as { body: Array<Record<string, unknown>> };
      return card.body.find((b) => b.text === notice)?.color;
    };
    expect(colourOf(sv.approvals.saved.comment)).toBe('Good');
    expect(colourOf(sv.approvals.saved.approve)).toBe('Good');
    expect(colourOf(sv.approvals.errors['APPROVAL.CLOSED'])).toBe('Attention');
    expect(colourOf(sv.approvals.notMember)).toBe('Attention');
  });

  it('the form preselects the four party representatives, not förbund staff', () => {
    expect(form.values.voters.split(',').sort()).toEqual(['m_birgitta', 'm_marikas', 'm_nima', 'm_wictoria']);
    expect(form.values.rule).toBe('onePerParty');
  });
});
