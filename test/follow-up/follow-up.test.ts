import { describe, expect, it } from 'vitest';
import {
  checkFilter, decisionLog, dueReminder, markActionDone, markReminded, openActionList, overdueBefore, overdueDigestDue, pageOf, refreshCarried, reminderDays,
  rescheduleAction, setFollowUp,
} from '../../src/follow-up/domain/follow-up.js';
import { newMeeting, openActions } from '../../src/meetings/domain/meeting.js';
import { must } from '../meetings/fixtures.js';
import { heldMeeting, tierpIn } from './follow-up-fixtures.js';

const AVVIKELSE = 'Lokusgruppen beslutade att skicka in en avvikelserapport till Samordningsförbundet och skjuta på insatsstarten till 1 mars 2018.';
const KARTLAGGNING = 'Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att i dialog med Försäkringskassan utarbeta förslag till en fördjupad kartläggning.';
const m1 = heldMeeting('g', 'm1', '2018-01-25', { decisions: [['d1', AVVIKELSE]], actions: [['a1', 'm_marikab', '2018-02-15'], ['a2', 'm_nima', undefined]] });
const m2 = heldMeeting('g', 'm2', '2018-03-16', { decisions: [['d2', KARTLAGGNING], ['d3', 'Avvikelserapporten godkänns.']], actions: [['a3', 'm_nima', '2018-03-01']] });
const owner = { memberId: 'm_marikab', mayManage: false };

describe('decision log', () => {
  it('lists decisions newest first with meeting, date and item number', () => {
    const log = decisionLog([m1, m2]);
    expect(log.map((e) => e.decisionId)).toEqual(['d3', 'd2', 'd1']);
    expect(log[2]).toMatchObject({ meetingId: 'm1', date: '2018-01-25', number: '2', itemTitle: 'Samordnare/Partsamordnare, uppdrag och start' });
  });

  it('finds inflected and compound forms, case-insensitively', () => {
    expect(decisionLog([m1, m2], { query: 'avvikelserapport' }).map((e) => e.decisionId)).toEqual(['d3', 'd1']);
    expect(decisionLog([m1, m2], { query: 'KARTLÄGGNINGEN' }).map((e) => e.decisionId)).toEqual(['d2']);
    expect(decisionLog([m1, m2], { query: 'budget' })).toEqual([]);
  });

  it('filters by period and by meeting; a backwards period or impossible date is refused', () => {
    expect(decisionLog([m1, m2], { from: '2018-02-01' }).map((e) => e.decisionId)).toEqual(['d3', 'd2']);
    expect(decisionLog([m1, m2], { to: '2018-01-31' }).map((e) => e.decisionId)).toEqual(['d1']);
    expect(decisionLog([m1, m2], { meetingId: 'm1' }).map((e) => e.decisionId)).toEqual(['d1']);
    expect(checkFilter({ from: '2018-03-01', to: '2018-02-01' })).toMatchObject({ ok: false, error: { code: 'PERIOD.INVALID' } });
    expect(checkFilter({ from: '2018-02-30' })).toMatchObject({ ok: false, error: { code: 'DATE.INVALID' } });
  });

  it('pages, clamping the page number', () => {
    const all = Array.from({ length: 23 }, (_, i) => i);
    expect(pageOf(all, 0)).toMatchObject({ entries: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], page: 0, pages: 3, total: 23 });
    expect(pageOf(all, 2).entries).toEqual([20, 21, 22]);
    expect(pageOf(all, 9).page).toBe(2);
    expect(pageOf([], 0)).toMatchObject({ entries: [], page: 0, pages: 1 });
  });
});

describe('decision follow-up', () => {
  it('a leader sets responsible, date and status; the responsible person may then move only the status', () => {
    const set = must(setFollowUp(m1, { decisionId: 'd1', responsibleId: 'm_marikab', responsibleName: 'Marika Blomgren', date: '2018-02-28', status: 'notStarted', by: 'm_birgitta', mayManage: true }, 'T1'));
    expect(decisionLog([set.meeting])[0]).toMatchObject({ responsibleName: 'Marika Blomgren', followUpDate: '2018-02-28', status: 'notStarted' });
    const moved = must(setFollowUp(set.meeting, { decisionId: 'd1', responsibleName: 'Someone else', status: 'inProgress', by: 'm_marikab', mayManage: false }, 'T2'));
    expect(moved.decision.followUp).toMatchObject({ responsibleName: 'Marika Blomgren', date: '2018-02-28', status: 'inProgress' });
    expect(setFollowUp(set.meeting, { decisionId: 'd1', status: 'done', by: 'm_nima', mayManage: false }, 'T3')).toMatchObject({ ok: false, error: { code: 'ACTION.NOT_OWNER' } });
    expect(setFollowUp(set.meeting, { decisionId: 'nope', status: 'done', mayManage: true }, 'T3')).toMatchObject({ ok: false, error: { code: 'DECISION.NOT_FOUND' } });
  });
});

describe('action items', () => {
  it('lists open items earliest due first, undated last, with overdue marked', () => {
    const list = openActionList([m1, m2], '2018-02-20');
    expect(list.map((e) => [e.actionId, e.overdue])).toEqual([['a1', true], ['a3', false], ['a2', false]]);
    expect(openActionList([m1, m2], '2018-02-20', 'm_nima').map((e) => e.actionId)).toEqual(['a3', 'a2']);
  });

  it('the owner marks done (twice is once); a non-owner member cannot; a secretary can', () => {
    const done = must(markActionDone(m1, 'a1', owner, 'T1'));
    expect(done.action).toMatchObject({ status: 'done', doneAt: 'T1', doneBy: 'm_marikab' });
    expect(must(markActionDone(done.meeting, 'a1', owner, 'T2')).changed).toBe(false);
    expect(markActionDone(m1, 'a1', { memberId: 'm_nima', mayManage: false }, 'T1')).toMatchObject({ ok: false, error: { code: 'ACTION.NOT_OWNER' } });
    expect(must(markActionDone(m1, 'a2', { memberId: 'm_marikab', mayManage: true }, 'T1')).action.status).toBe('done');
  });

  it('reschedules, keeping the earlier date and starting reminders over; a done item cannot be moved', () => {
    const reminded = markReminded(m1, 'a1', 'before', 2, new Date('2018-02-13T07:00:00Z'))!;
    const moved = must(rescheduleAction(reminded, 'a1', '2018-03-01', owner, 'T1'));
    expect(moved.action).toMatchObject({ due: '2018-03-01', rescheduled: [{ from: '2018-02-15', to: '2018-03-01', at: 'T1', by: 'm_marikab' }] });
    expect(moved.action.reminded).toBeUndefined();
    expect(rescheduleAction(m1, 'a1', '2018-02-30', owner, 'T1')).toMatchObject({ ok: false, error: { code: 'DATE.INVALID' } });
    const done = must(markActionDone(m1, 'a1', owner, 'T1')).meeting;
    expect(rescheduleAction(done, 'a1', '2018-03-01', owner, 'T1')).toMatchObject({ ok: false, error: { code: 'ACTION.DONE' } });
  });
});

describe('reminders', () => {
  const a1 = m1.actionItems[0]!;
  it('is due N days before at 08:00 Stockholm, then on the day; each once', () => {
    expect(reminderDays({})).toBe(2);
    expect(dueReminder(a1, 2, new Date('2018-02-13T06:59:59Z'))).toBeUndefined();
    expect(dueReminder(a1, 2, new Date('2018-02-13T07:00:00Z'))).toBe('before');
    const after = markReminded(m1, 'a1', 'before', 2, new Date('2018-02-13T07:00:00Z'))!;
    expect(markReminded(after, 'a1', 'before', 2, new Date('2018-02-13T07:05:00Z'))).toBeUndefined();
    expect(dueReminder(after.actionItems[0]!, 2, new Date('2018-02-14T12:00:00Z'))).toBeUndefined();
    expect(dueReminder(after.actionItems[0]!, 2, new Date('2018-02-15T07:00:00Z'))).toBe('due');
    const both = markReminded(after, 'a1', 'due', 2, new Date('2018-02-15T07:00:00Z'))!;
    expect(dueReminder(both.actionItems[0]!, 2, new Date('2018-03-15T07:00:00Z'))).toBeUndefined();
  });

  it('sends only the day’s reminder when the earlier one was missed; none for done or undated items', () => {
    expect(dueReminder(a1, 2, new Date('2018-02-16T07:00:00Z'))).toBe('due');
    expect(dueReminder(m1.actionItems[1]!, 2, new Date('2018-02-16T07:00:00Z'))).toBeUndefined();
    const done = must(markActionDone(m1, 'a1', owner, 'T1')).meeting;
    expect(dueReminder(done.actionItems[0]!, 2, new Date('2018-02-16T07:00:00Z'))).toBeUndefined();
  });
});

describe('before the next meeting', () => {
  const group = tierpIn('g');
  const next = must(newMeeting({ id: 'm3', group, title: 'Lokusmöte Tierp', date: '2018-04-20', itemIds: ['x0', 'x1', 'x2'], carriedActions: openActions([m1, m2]), at: 'T0' }));

  it('the chair’s overdue list is due the day before at 08:00 and lists items past their date', () => {
    expect(overdueDigestDue(next, new Date('2018-04-19T05:59:00Z'))).toBe(false);
    expect(overdueDigestDue(next, new Date('2018-04-19T06:00:00Z'))).toBe(true);
    expect(overdueBefore(next, [m1, m2]).map((e) => e.actionId)).toEqual(['a1', 'a3']);
    expect(overdueDigestDue({ ...next, overdueDigestSentAt: 'T' }, new Date('2018-04-19T06:00:00Z'))).toBe(false);
  });

  it('carries open items and open decision follow-ups, and drops what was done since', () => {
    const followed = must(setFollowUp(m2, { decisionId: 'd2', responsibleName: 'Ola Wiktorson', date: '2018-04-01', status: 'inProgress', mayManage: true }, 'T1')).meeting;
    const carried = refreshCarried(next, [m1, followed], 'T2').items[0]!.carriedActions!;
    expect(carried.map((c) => c.actionId)).toEqual(['a1', 'a2', 'a3', 'd2']);
    expect(carried[3]).toMatchObject({ decisionId: 'd2', ownerName: 'Ola Wiktorson', due: '2018-04-01', status: 'inProgress' });
    const done = must(markActionDone(m1, 'a1', owner, 'T3')).meeting;
    expect(refreshCarried(next, [done, m2], 'T4').items[0]!.carriedActions!.map((c) => c.actionId)).toEqual(['a2', 'a3']);
    const same = refreshCarried(next, [m1, m2], 'T5');
    expect(same).toBe(next);
  });
});
