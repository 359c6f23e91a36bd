import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/assistant/domain/assistant-plan.js';
import { shiftedTime } from '../../src/assistant/domain/moved-time.js';
import { withoutIdentityNumbers } from '../../src/shared/personal-data.js';

const call = (name: string, args: unknown) => ({ tool_calls: [{ type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } }] });

describe('a model answer becomes a plan only when it is exactly one known tool with valid arguments', () => {
  it('reads each tool', () => {
    expect(parsePlan(call('add_agenda_item', { meeting_id: 'meeting-1', title: ' Budget ', kind: 'beslut' }))).toEqual({ ok: true, plan: { tool: 'add_agenda_item', meetingId: 'meeting-1', title: 'Budget', kind: 'beslut' } });
    expect(parsePlan(call('move_meeting', { meeting_id: 'meeting-1', date: '2018-03-22', start: '13:00' }))).toEqual({ ok: true, plan: { tool: 'move_meeting', meetingId: 'meeting-1', date: '2018-03-22', start: '13:00' } });
    expect(parsePlan(call('record_note', { meeting_id: 'm', text: 'Språkstödjare startar i april.' }))).toMatchObject({ ok: true, plan: { tool: 'record_note' } });
    expect(parsePlan(call('who_has_not_answered', { approval_id: 'ap-1' }))).toEqual({ ok: true, plan: { tool: 'who_has_not_answered', approvalId: 'ap-1' } });
    expect(parsePlan(call('search_decisions', { query: 'budget' }))).toEqual({ ok: true, plan: { tool: 'search_decisions', query: 'budget' } });
  });

  it('refuses everything else', () => {
    expect(parsePlan({ tool_calls: null })).toEqual({ ok: false, reason: 'noTool' });
    expect(parsePlan(undefined)).toEqual({ ok: false, reason: 'noTool' });
    expect(parsePlan(call('delete_meeting', {}))).toEqual({ ok: false, reason: 'unknownTool' });
    expect(parsePlan(call('__proto__', {}))).toEqual({ ok: false, reason: 'unknownTool' });
    for (const bad of ['{"meeting_id":', '[]', 'null', { meeting_id: 'x' }, { meeting_id: '../other', title: 'B' }, { meeting_id: 'm', title: 'B', extra: 1 }, { meeting_id: 'm', title: 'B', kind: 'omröstning' }]) {
      expect(parsePlan(call('add_agenda_item', bad)), JSON.stringify(bad)).toEqual({ ok: false, reason: 'badArguments' });
    }
    expect(parsePlan(call('move_meeting', { meeting_id: 'm', date: '2018-02-30', start: '13:00' }))).toEqual({ ok: false, reason: 'badArguments' });
    expect(parsePlan(call('move_meeting', { meeting_id: 'm', date: '2018-03-22', start: '25:00' }))).toEqual({ ok: false, reason: 'badArguments' });
  });
});

describe('a moved meeting keeps its length unless an end is said', () => {
  it('shifts', () => {
    expect(shiftedTime({ start: '13:00', end: '15:00' }, '09:30')).toEqual({ start: '09:30', end: '11:30' });
    expect(shiftedTime({ start: '13:00', end: '15:00' }, '10:00', '11:00')).toEqual({ start: '10:00', end: '11:00' });
    expect(shiftedTime({ start: '13:00' }, '10:00')).toEqual({ start: '10:00' });
    expect(shiftedTime(undefined, '10:00')).toEqual({ start: '10:00' });
    expect(shiftedTime({ start: '08:00', end: '12:00' }, '22:00')).toEqual({ start: '22:00' });
  });
});

describe('identity numbers are taken out of text that leaves Lokus', () => {
  it('personnummer and samordningsnummer in their usual forms', () => {
    for (const n of ['19791224-1234', '197912241234', '791224-1234', '7912241234', '791224+1234', '790284-5678', '20010101 1234']) {
      expect(withoutIdentityNumbers(`Anna ${n} ska ha stöd`), n).toBe('Anna [personnummer] ska ha stöd');
    }
  });

  it('leaves dates, times, money and diarienummer alone', () => {
    const text = 'Mötet 2018-03-16 kl. 13.00–15.00, budget 1 250 000 kr, dnr 2018/0042, ärende 12345, 20180316';
    expect(withoutIdentityNumbers(text)).toBe(text);
  });
});
