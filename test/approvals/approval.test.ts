import { describe, expect, it } from 'vitest';
import {
  answer, createApproval, evaluate, newVersion, personRef, ruleState, sign, signingContent, voterByIdentity, voterOf, withdraw,
  type Approval, type Choice, type NewApproval, type PersonRef,
} from '../../src/approvals/domain/approval.js';
import { auditTrail } from '../../src/approvals/domain/approval-audit.js';
import { dueWork, nextDueAt, runDue } from '../../src/approvals/domain/approval-due.js';
import { tally } from '../../src/approvals/domain/approval-tally.js';
import { deviationReport, SEED000 as S } from '../fixtures/seed000-approval.js';

const T0 = new Date('2018-01-29T08:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function start(input: Partial<NewApproval> = {}, now = T0): Approval {
  const r = createApproval({ ...deviationReport(now), ...input }, { id: 'ap-1', groupId: 'g-tierp', requester: S.marikaB, now });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.approval;
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(`refused: ${r.error.code}`);
  return r.value;
}

function say(a: Approval, who: PersonRef, choice: Choice, minute: number, text?: string, version = a.version): Approval {
  return must(answer(a, { memberId: who.memberId, choice, text, version }, at(minute))).approval;
}

describe('finding voters', () => {
  it('finds the same voters on a request as the store hands it out (frozen, looked up by index) as on one being built', () => {
    const twin = { ...S.nima, memberId: 'm_nima2', teamsId: '29:m_nima', aadObjectId: 'aad-m_nima2' };
    const built = start({ voters: [S.birgitta, S.nima, twin, S.wictoria] });
    const frozen = structuredClone(built);
    Object.freeze(frozen.voters);
    for (const a of [built, frozen]) {
      expect(voterOf(a, 'm_nima2')?.key).toBe('v2');
      expect(voterOf(a, 'nobody')).toBeUndefined();
      // The AAD object id first, then the 29: id; two with one 29: id: the first in the list.
      expect(voterByIdentity(a, { aadObjectId: 'aad-m_nima2', teamsId: '29:m_wictoria' })?.memberId).toBe('m_nima2');
      expect(voterByIdentity(a, { aadObjectId: 'aad-unknown', teamsId: '29:m_nima' })?.memberId).toBe(S.nima.memberId);
      expect(voterByIdentity(a, { teamsId: '29:m_wictoria' })?.memberId).toBe(S.wictoria.memberId);
      expect(voterByIdentity(a, {})).toBeUndefined();
    }
  });
});

describe('creating a request', () => {
  it('snapshots who must answer, version 1 and the requester', () => {
    const a = start();
    expect(a.status).toBe('open');
    expect(a.version).toBe(1);
    expect(a.voters.map((v) => `${v.key} ${v.name} (${v.party})`)).toEqual([
      'v0 Birgitta Olsson (Region Uppsala)', 'v1 Marika Söderberg (Försäkringskassan)',
      'v2 Wictoria Palmetorp (Arbetsförmedlingen)', 'v3 Nima Najafi (Tierps kommun)',
    ]);
    expect(a.requester.name).toBe('Marika Blomgren');
    expect(a.history).toEqual([{ kind: 'created', at: T0.toISOString(), memberId: 'm_marikab', name: 'Marika Blomgren', version: 1 }]);
  });

  it.each([
    [{ title: '  ' }, 'APPROVAL.TITLE_MISSING'],
    [{ title: 'x'.repeat(201) }, 'APPROVAL.TITLE_TOO_LONG'],
    [{ text: ' ', link: undefined }, 'APPROVAL.DOCUMENT_MISSING'],
    [{ link: 'javascript:alert(1)' }, 'APPROVAL.LINK_INVALID'],
    [{ voters: [] }, 'APPROVAL.NO_VOTERS'],
    [{ deadline: T0 }, 'APPROVAL.DEADLINE_PASSED'],
    [{ reminderAt: at(60 * 24 * 8) }, 'APPROVAL.REMINDER_INVALID'],
    [{ reminderAt: at(-1) }, 'APPROVAL.REMINDER_INVALID'],
  ] as const)('refuses %o with %s', (change, code) => {
    const r = createApproval({ ...deviationReport(T0), ...change } as NewApproval, { id: 'x', groupId: 'g', requester: S.marikaB, now: T0 });
    expect(r).toEqual({ ok: false, error: { code } });
  });

  it('accepts a link without text, and drops a voter named twice', () => {
    const a = start({ text: '', link: 'https://samordning.example.se/avvikelse.docx', voters: [S.nima, S.nima, S.birgitta] });
    expect(a.versions[0]).toMatchObject({ text: '', link: 'https://samordning.example.se/avvikelse.docx' });
    expect(a.voters.map((v) => v.name)).toEqual(['Nima Najafi', 'Birgitta Olsson']);
  });
});

describe('seed 000: one yes from each party, then Wictoria signs', () => {
  it('stays open through a comment and three yeses, is approved by the fourth party, then signed', () => {
    let a = start();
    a = say(a, S.nima, 'comment', 10, 'Lägg till att annonsen går ut nästa vecka.');
    expect(a.status).toBe('open');
    a = say(a, S.birgitta, 'approve', 20);
    a = say(a, S.marikaS, 'approve', 21);
    a = say(a, S.wictoria, 'approve', 22);
    let t = tally(a);
    expect(t.partiesWithYes).toBe(3);
    expect(t.persons.map((p) => `${p.voter.name}: ${p.state}`)).toEqual([
      'Birgitta Olsson: approve', 'Marika Söderberg: approve', 'Wictoria Palmetorp: approve', 'Nima Najafi: comment',
    ]);
    expect(a.status).toBe('open');

    const r = must(answer(a, { memberId: S.nima.memberId, choice: 'approve', version: 1 }, at(30)));
    a = r.approval;
    expect(a.status).toBe('approved');
    expect(r.events).toContainEqual({ type: 'decided', status: 'approved', reason: 'ruleMet', signatory: S.wictoria });
    t = tally(a);
    expect(t.parties.map((p) => [p.party, p.approve, p.hasYes])).toEqual([
      ['Region Uppsala', 1, true], ['Försäkringskassan', 1, true], ['Arbetsförmedlingen', 1, true], ['Tierps kommun', 1, true],
    ]);
    // Nima's comment is kept and still shown beside his yes.
    expect(t.persons[3]!.comment?.text).toBe('Lägg till att annonsen går ut nästa vecka.');

    expect(sign(a, { by: S.birgitta, contentHash: 'h', seenVersion: 1 }, at(40))).toEqual({ ok: false, error: { code: 'APPROVAL.NOT_SIGNATORY' } });
    const signed = must(sign(a, { by: S.wictoria, contentHash: 'abc123', seenVersion: 1 }, at(41)));
    expect(signed.approval.signature).toEqual({ memberId: 'm_wictoria', name: 'Wictoria Palmetorp', at: at(41).toISOString(), version: 1, contentHash: 'abc123' });
    expect(sign(signed.approval, { by: S.wictoria, contentHash: 'abc123', seenVersion: 1 }, at(42))).toEqual({ ok: false, error: { code: 'APPROVAL.ALREADY_SIGNED' } });
    // Answers after the outcome are refused.
    expect(answer(signed.approval, { memberId: S.nima.memberId, choice: 'reject', text: 'nej', version: 1 }, at(43))).toEqual({ ok: false, error: { code: 'APPROVAL.CLOSED' } });
    // A double click of the answer that closed it, arriving after: already saved, not "closed".
    expect(answer(signed.approval, { memberId: S.wictoria.memberId, choice: 'approve', version: 1 }, at(43))).toEqual({ ok: true, value: { approval: signed.approval, events: [], changed: false } });
    expect(answer(signed.approval, { memberId: S.wictoria.memberId, choice: 'comment', text: 'Bra.', version: 1 }, at(43))).toEqual({ ok: false, error: { code: 'APPROVAL.CLOSED' } });
  });

  it('refuses förbund staff who were not asked, a reject without reason and an empty comment', () => {
    const a = start();
    expect(answer(a, { memberId: S.geli.memberId, choice: 'approve', version: 1 }, at(1))).toEqual({ ok: false, error: { code: 'APPROVAL.NOT_A_VOTER' } });
    expect(answer(a, { memberId: S.nima.memberId, choice: 'reject', text: '  ', version: 1 }, at(1))).toEqual({ ok: false, error: { code: 'APPROVAL.REASON_REQUIRED' } });
    expect(answer(a, { memberId: S.nima.memberId, choice: 'comment', version: 1 }, at(1))).toEqual({ ok: false, error: { code: 'APPROVAL.COMMENT_REQUIRED' } });
    expect(answer(a, { memberId: S.nima.memberId, choice: 'approve', version: 2 }, at(1))).toEqual({ ok: false, error: { code: 'APPROVAL.VERSION_MISMATCH' } });
    expect(answer(a, { memberId: S.nima.memberId, choice: 'comment', text: 'x'.repeat(2001), version: 1 }, at(1))).toEqual({ ok: false, error: { code: 'APPROVAL.REASON_TOO_LONG' } });
  });

  it('a signing refused before approval and for a stale version', () => {
    const a = start();
    expect(sign(a, { by: S.wictoria, contentHash: 'h', seenVersion: 1 }, at(1))).toEqual({ ok: false, error: { code: 'APPROVAL.NOT_APPROVED' } });
    let b = a;
    for (const p of [S.birgitta, S.marikaS, S.wictoria, S.nima]) b = say(b, p, 'approve', 2);
    expect(sign(b, { by: S.wictoria, contentHash: 'h', seenVersion: 0 }, at(3))).toEqual({ ok: false, error: { code: 'APPROVAL.VERSION_MISMATCH' } });
  });

  it('the signed content names title, version, link and text', () => {
    expect(signingContent(start())).toBe([
      'title:Avvikelserapport: insatsstart flyttas till 1 mars 2018', 'kind:avvikelserapport', 'version:1', 'link:', 'text:',
      'Det är på gång hos samtliga parter, men inte klart.',
      'Tierps lokusgrupp skjuter på insatsstarten till 1 mars 2018 med avslut 28 februari 2020.',
    ].join('\n'));
  });
});

describe('answers', () => {
  it('a party whose only member says no can no longer say yes: rejected, with the reason kept', () => {
    const a = say(start(), S.nima, 'reject', 1, 'Vänta på kommunens annons');
    expect(a.status).toBe('rejected');
    expect(tally(a).persons[3]).toMatchObject({ state: 'reject', decision: { text: 'Vänta på kommunens annons' } });
  });

  it('under one yes per party a member changes their answer while open; a party is lost only when all its members say no', () => {
    const karin = { memberId: 'm-karin', name: 'Karin Häll', party: 'Region Uppsala', teamsId: '29:karin-hall' };
    let a = start({ voters: [S.birgitta, karin, S.nima] });
    a = say(a, S.birgitta, 'reject', 1, 'Oklart om WeMind');
    expect(a.status).toBe('open');
    a = say(a, S.birgitta, 'approve', 2);
    a = say(a, karin, 'reject', 3, 'Inte förankrat');
    expect(tally(a).parties[0]).toMatchObject({ party: 'Region Uppsala', approve: 1, reject: 1, hasYes: true });
    expect(a.answers.v0!.log.map((e) => e.choice)).toEqual(['reject', 'approve']);
    a = say(a, S.birgitta, 'reject', 4, 'Ändrat mig');
    expect(a.status).toBe('rejected');
    expect(a.history.at(-1)).toMatchObject({ kind: 'outcome', status: 'rejected', reason: 'cannotBeMet' });
  });

  it('a repeated identical press changes nothing', () => {
    const a = say(start(), S.nima, 'approve', 1);
    const again = must(answer(a, { memberId: S.nima.memberId, choice: 'approve', version: 1 }, at(2)));
    expect(again.changed).toBe(false);
    expect(again.approval).toBe(a);
    expect(a.answers.v3!.log).toHaveLength(1);
  });

  it('"all named": one reject closes it as rejected; all yes approves', () => {
    const rejected = say(start({ rule: 'all' }), S.marikaS, 'reject', 1, 'Felaktigt datum');
    expect(rejected.status).toBe('rejected');
    let ok = start({ rule: 'all', voters: [S.nima, S.birgitta] });
    ok = say(ok, S.nima, 'approve', 1);
    expect(ok.status).toBe('open');
    expect(say(ok, S.birgitta, 'approve', 2).status).toBe('approved');
  });

  it('majority: more than half yes approves; when a majority can no longer be reached it is rejected', () => {
    const five = [S.birgitta, S.marikaS, S.wictoria, S.nima, S.geli];
    let a = start({ rule: 'majority', voters: five });
    a = say(say(a, S.birgitta, 'approve', 1), S.marikaS, 'approve', 2);
    expect(a.status).toBe('open');
    expect(say(a, S.geli, 'approve', 3).status).toBe('approved');
    let b = start({ rule: 'majority', voters: five });
    b = say(say(b, S.birgitta, 'reject', 1, 'nej'), S.marikaS, 'reject', 2, 'nej');
    expect(b.status).toBe('open');
    b = say(b, S.geli, 'reject', 3, 'nej');
    expect(b.status).toBe('rejected');
    const four = start({ rule: 'majority', voters: five.slice(0, 4) });
    expect(say(say(four, S.nima, 'reject', 1, 'nej'), S.birgitta, 'reject', 2, 'nej').status).toBe('rejected');
  });

  it('majority: 2 yes of 4 voters is a tie, not a majority; it stays open, and a 2–2 split is rejected', () => {
    const four = [S.birgitta, S.marikaS, S.wictoria, S.nima];
    let a = start({ rule: 'majority', voters: four });
    a = say(say(a, S.birgitta, 'approve', 1), S.marikaS, 'approve', 2);
    expect(ruleState(a)).toEqual({ state: 'open' });
    expect(a.status).toBe('open');
    expect(say(a, S.wictoria, 'approve', 3).status).toBe('approved');
    const split = say(say(a, S.wictoria, 'reject', 3, 'nej'), S.nima, 'reject', 4, 'nej');
    expect(split.status).toBe('rejected');
    expect(ruleState(split)).toEqual({ state: 'failed', reason: 'cannotBeMet' });
  });

  it('first answer: a comment does not decide; the first decision does', () => {
    let a = start({ rule: 'first' });
    a = say(a, S.nima, 'comment', 1, 'Bra');
    expect(a.status).toBe('open');
    expect(say(a, S.wictoria, 'approve', 2).status).toBe('approved');
    expect(say(start({ rule: 'first' }), S.wictoria, 'reject', 2, 'Nej').status).toBe('rejected');
  });

  it('evaluate leaves a closed request alone', () => {
    const a = withdrawn();
    expect(evaluate(a, at(9))).toEqual({ approval: a, events: [] });
  });
});

function withdrawn(): Approval {
  return must(withdraw(start(), S.marikaB, at(5))).approval;
}

describe('versions', () => {
  it('a new version after two approvals resets them; the logs keep them; those who answered are told', () => {
    let a = start();
    a = say(say(a, S.birgitta, 'approve', 1), S.marikaS, 'approve', 2);
    expect(newVersion(a, { by: S.nima, text: 'v2', seenVersion: 1 }, at(3))).toEqual({ ok: false, error: { code: 'APPROVAL.NOT_REQUESTER' } });
    const r = must(newVersion(a, { by: S.marikaB, text: 'Version 2: avslut 28 februari 2020.', seenVersion: 1 }, at(3)));
    a = r.approval;
    expect(a.version).toBe(2);
    expect(r.events).toEqual([{ type: 'newVersion', version: 2, notify: [a.voters[0], a.voters[1]] }]);
    const t = tally(a);
    expect(t.approve).toBe(0);
    expect(t.none).toBe(4);
    expect(a.answers.v0!.log).toEqual([{ choice: 'approve', version: 1, at: at(1).toISOString() }]);
    expect(answer(a, { memberId: S.birgitta.memberId, choice: 'approve', version: 1 }, at(4))).toEqual({ ok: false, error: { code: 'APPROVAL.VERSION_MISMATCH' } });
    a = say(a, S.birgitta, 'approve', 5);
    expect(tally(a).approve).toBe(1);
    expect(auditTrail(a).map((e) => `${e.kind}:${'version' in e ? e.version : ''}${e.kind === 'answer' ? `:${e.name}` : ''}`)).toEqual([
      'created:1', 'answer:1:Birgitta Olsson', 'answer:1:Marika Söderberg', 'version:2', 'answer:2:Birgitta Olsson',
    ]);
  });

  it('a new version is refused for a stale card and when closed', () => {
    const a = start();
    expect(newVersion(a, { by: S.marikaB, text: 'x', seenVersion: 2 }, at(1))).toEqual({ ok: false, error: { code: 'APPROVAL.VERSION_MISMATCH' } });
    expect(newVersion(withdrawn(), { by: S.marikaB, text: 'x', seenVersion: 1 }, at(6))).toEqual({ ok: false, error: { code: 'APPROVAL.CLOSED' } });
  });
});

describe('withdrawal, reminders and the deadline', () => {
  it('only the requester withdraws; then answers are refused', () => {
    expect(withdraw(start(), S.nima, at(1))).toEqual({ ok: false, error: { code: 'APPROVAL.NOT_REQUESTER' } });
    const a = withdrawn();
    expect(a.status).toBe('withdrawn');
    expect(a.history.at(-1)).toMatchObject({ kind: 'outcome', status: 'withdrawn', memberId: 'm_marikab' });
    expect(answer(a, { memberId: S.nima.memberId, choice: 'approve', version: 1 }, at(6)).ok).toBe(false);
  });

  it('reminds those without a decision once, at the reminder time, then expires at the deadline', () => {
    let a = say(say(start(), S.nima, 'approve', 1), S.birgitta, 'comment', 2, 'Ok med mig');
    const reminder = new Date(a.reminderAt!);
    const deadline = new Date(a.deadline);
    expect(nextDueAt(a)).toBe(a.reminderAt);
    expect(dueWork(a, new Date(reminder.getTime() - 1))).toBeUndefined();
    expect(dueWork(a, reminder)).toBe('remind');
    const r = runDue(a, reminder);
    expect(r.events).toEqual([{ type: 'reminded', recipients: [a.voters[0], a.voters[1], a.voters[2]] }]);
    a = r.approval;
    expect(dueWork(a, reminder)).toBeUndefined();
    expect(nextDueAt(a)).toBe(a.deadline);
    expect(answer(a, { memberId: S.wictoria.memberId, choice: 'approve', version: 1 }, deadline)).toEqual({ ok: false, error: { code: 'APPROVAL.CLOSED' } });
    const e = runDue(a, deadline);
    expect(e.approval.status).toBe('expired');
    expect(e.events).toEqual([{ type: 'decided', status: 'expired', reason: 'deadline' }]);
    expect(nextDueAt(e.approval)).toBeUndefined();
    expect(runDue(e.approval, deadline).events).toEqual([]);
  });
});

describe('förbund staff asked to answer are no party (issue 28)', () => {
  it('one yes from each party counts the member organisations only; the kansli answer is kept but counts for no party', () => {
    expect(S.geli).toMatchObject({ party: 'Samordningsförbundet', staff: true });
    let a = start({ voters: [S.birgitta, S.marikaS, S.wictoria, S.nima, S.geli] });
    a = say(a, S.geli, 'reject', 1, 'Vänta en vecka.');
    expect(ruleState(a)).toEqual({ state: 'open' });
    const t = tally(a);
    expect(t.parties.map((p) => p.party)).toEqual(['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun']);
    expect(t.persons).toHaveLength(5);
    for (const [i, who] of [S.birgitta, S.marikaS, S.wictoria, S.nima].entries()) a = say(a, who, 'approve', 2 + i);
    expect(evaluate(a, at(10)).approval.status).toBe('approved');
    expect(tally(a).partiesWithYes).toBe(4);
  });

  it('a member with the kansli role is staff too, whatever organisation they name', () => {
    const kansli = personRef({ id: 'm_k', name: 'Kimmo Niva', organisation: 'Region Uppsala', addedAt: T0.toISOString() }, true);
    const a = start({ voters: [S.birgitta, kansli] });
    expect(tally(a).parties).toEqual([expect.objectContaining({ party: 'Region Uppsala', total: 1 })]);
  });
});
