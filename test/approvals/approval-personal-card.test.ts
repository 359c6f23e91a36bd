import { describe, expect, it } from 'vitest';
import { answer, createApproval, type Approval } from '../../src/approvals/domain/approval.js';
import { deepFreeze } from '../../src/shared/deep-freeze.js';
import { en } from '../../src/i18n/en/index.js';
import { sv } from '../../src/i18n/sv/index.js';
import { requestCard, requestCardData } from '../../src/approvals/approval-view.js';
import { renderCard } from '../../src/bot/render-card.js';
import { SEED000 as S, deviationReport } from '../fixtures/seed000-approval.js';

const T0 = new Date('2018-01-29T08:00:00.000Z');

/** A personal approval card drawn once for voters alike is exactly the card drawn afresh for each of them. */
describe('personal approval cards shared between voters alike', () => {
  let a: Approval = (() => {
    const r = createApproval({ ...deviationReport(T0), rule: 'all', signatory: undefined }, { id: 'ap-shared', groupId: 'g', requester: S.marikaB, now: T0 });
    if (!r.ok) throw new Error(r.error.code);
    return r.value.approval;
  })();
  for (const [who, choice, text] of [[S.birgitta, 'approve'], [S.nima, 'approve'], [S.marikaS, 'reject', 'Datumet krockar.']] as const) {
    const r = answer(a, { memberId: who.memberId, choice, text, version: 1 }, T0);
    if (!r.ok) throw new Error(r.error.code);
    a = r.value.approval;
  }
  deepFreeze(a);
  const people = [S.birgitta, S.nima, S.marikaS, S.wictoria, S.marikaB, S.geli];

  it('gives each voter, notice and language what drawing their card afresh gives', () => {
    for (const t of [sv.approvals, en.approvals]) {
      for (const notice of ['', 'Ditt godkännande är sparat.', 'Det svaret var redan sparat.']) {
        for (const p of people) {
          const viewer = { memberId: p.memberId };
          expect(requestCard(t, a, viewer, notice)).toEqual(renderCard('approval-request', requestCardData(t, a, viewer, notice)));
        }
      }
    }
  });

  it('hands two voters with the same answer the very same card, which nobody can change', () => {
    const birgitta = requestCard(sv.approvals, a, { memberId: S.birgitta.memberId }, 'Ditt godkännande är sparat.');
    expect(requestCard(sv.approvals, a, { memberId: S.nima.memberId }, 'Ditt godkännande är sparat.')).toBe(birgitta);
    expect(Object.isFrozen(birgitta)).toBe(true);
    expect(requestCard(sv.approvals, a, { memberId: S.marikaS.memberId }, 'Ditt godkännande är sparat.')).not.toBe(birgitta);
    // Someone not asked is told so; the requester, also no voter, is not.
    expect(requestCard(sv.approvals, a, { memberId: S.geli.memberId }, '')).not.toBe(requestCard(sv.approvals, a, { memberId: S.marikaB.memberId }, ''));
  });
});
