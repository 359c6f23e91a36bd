import { describe, expect, it } from 'vitest';
import {
  addItem,
  attSatser,
  changePlan,
  currentOrNextMeeting,
  dropItem,
  endMeeting,
  goToItem,
  itemNumber,
  moveItem,
  newMeeting,
  openActions,
  recordAction,
  recordDecision,
  recordNote,
  recordNotice,
  recordParticipantEvent,
  removeItem,
  startMeeting,
  transition,
  type Meeting,
} from '../../src/meetings/domain/meeting.js';
import { T0, must, tierp } from './fixtures.js';

const AT = '2018-02-01T10:00:00.000Z';
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

function planned(): Meeting {
  return must(
    newMeeting({
      id: 'meeting-1', group: tierp(), title: 'Lokusmöte Tierp', date: '2018-03-16', time: { start: '13:00', end: '15:00' },
      place: 'Regionens hus', room: 'Aspnäs', itemIds: ['s0', 's1', 's2'], at: T0, by: 'm_marikab',
      carriedActions: [{ meetingId: 'meeting-0', actionId: 'a0', ownerName: 'Marika Blomgren', text: 'Skriva utkast på avvikelserapporten' }],
    }),
  );
}

function seed000(): Meeting {
  let m = planned();
  for (const [id, title] of [['i1', 'Rotation av ordförande'], ['i2', 'Samordnare/Partsamordnare, uppdrag och start'], ['i3', 'Granskning uppdrag'], ['i4', 'Projektansökan, språkstödjare']] as const) {
    m = must(addItem(m, { id, title }, AT)).meeting;
  }
  return m;
}

describe('planning a meeting', () => {
  it('starts with the standing items, chair and secretary from the group, open actions under previous minutes', () => {
    const m = planned();
    expect(m.items.map((i) => i.title)).toEqual(['Föregående minnesanteckningar', 'Övriga frågor', 'Nästa möte']);
    expect(m.items[0]!.carriedActions).toHaveLength(1);
    expect([m.chairId, m.secretaryId, m.status, m.format]).toEqual(['m_birgitta', 'm_marikab', 'planned', 'minnesanteckningar']);
  });

  it('adds items before "Övriga frågor" and numbers them 1–6 (seed 000)', () => {
    const m = seed000();
    expect(m.items.map((i, n) => `${itemNumber(m, n)}. ${i.title}`)).toEqual([
      '1. Föregående minnesanteckningar',
      '2. Rotation av ordförande',
      '3. Samordnare/Partsamordnare, uppdrag och start',
      '4. Granskning uppdrag',
      '5. Projektansökan, språkstödjare',
      '6. Övriga frågor',
      '7. Nästa möte',
    ]);
    expect(itemNumber({ format: 'protokoll', firstNumber: 1 }, 2)).toBe('§3');
  });

  it('adds the same item id once (a Teams retry)', () => {
    const m = seed000();
    const again = must(addItem(m, { id: 'i1', title: 'Rotation av ordförande' }, AT));
    expect(again.duplicate).toBe(true);
    expect(again.meeting.items).toHaveLength(m.items.length);
  });

  it('reorders and removes items; refuses unknown items and empty titles', () => {
    let m = seed000();
    m = must(moveItem(m, 'i4', 1, AT));
    expect(m.items[1]!.id).toBe('i4');
    m = must(removeItem(m, 'i3', AT));
    expect(m.items.some((i) => i.id === 'i3')).toBe(false);
    expect(code(removeItem(m, 'nope', AT))).toBe('AGENDA.ITEM_NOT_FOUND');
    expect(code(addItem(m, { id: 'x', title: '  ' }, AT))).toBe('AGENDA.TITLE_MISSING');
  });

  it('marks the notice as changed when date or time move after it went out, and says what changed', () => {
    let m = seed000();
    m = must(recordNotice(m, { activityId: 'a-1', conversationId: 'c', reference: {}, postedAt: AT }, AT));
    expect(m.status).toBe('noticed');
    expect(m.notice!.announced).toEqual({ date: '2018-03-16', time: { start: '13:00', end: '15:00' }, place: 'Regionens hus', room: 'Aspnäs' });
    const r = must(changePlan(m, { date: '2018-03-23', time: { start: '09:00', end: '11:00' } }, AT));
    expect(r.changed).toEqual(['date', 'time']);
    expect(r.meeting.notice!.changed).toMatchObject({ what: ['date', 'time'], previous: { date: '2018-03-16' } });
    // Moving it back clears the mark.
    const back = must(changePlan(r.meeting, { date: '2018-03-16', time: { start: '13:00', end: '15:00' } }, AT));
    expect(back.meeting.notice!.changed).toBeUndefined();
  });

  it('refuses an impossible date or a backwards time', () => {
    expect(code(changePlan(planned(), { date: '2018-02-30' }, AT))).toBe('DATE.INVALID');
    expect(code(changePlan(planned(), { time: { start: '15:00', end: '13:00' } }, AT))).toBe('TIME.END_BEFORE_START');
  });
});

describe('lifecycle', () => {
  it('goes planned → noticed → started → ended → minutesDrafted → inAdjustment → adjusted and refuses the rest', () => {
    let m = planned();
    expect(code(transition(m, 'end', AT))).toBe('MEETING.ILLEGAL_TRANSITION');
    m = must(transition(m, 'notice', AT));
    m = must(startMeeting(m, 'mv0', AT));
    expect(code(startMeeting(m, 'mv1', AT))).toBe('MEETING.ILLEGAL_TRANSITION');
    m = must(endMeeting(m, AT));
    for (const e of ['draftMinutes', 'sendForAdjustment', 'adjust'] as const) m = must(transition(m, e, AT));
    expect(m.status).toBe('adjusted');
    expect(m.history.map((h) => `${h.from}→${h.to}`)).toEqual([
      'planned→noticed', 'noticed→started', 'started→ended', 'ended→minutesDrafted', 'minutesDrafted→inAdjustment', 'inAdjustment→adjusted',
    ]);
    expect(code(changePlan(m, { title: 'x' }, AT))).toBe('MEETING.LOCKED');
  });
});

describe('running a meeting', () => {
  it('moves through the items, skipping dropped ones, and records in order on the current item', () => {
    let m = seed000();
    m = must(dropItem(m, 'i3', true, AT));
    m = must(startMeeting(m, 'mv0', AT, 'm_birgitta'));
    expect(m.currentItemId).toBe('s0');
    m = must(goToItem(m, { to: 'next' }, 'mv1', AT)).meeting;
    m = must(recordNote(m, { id: 'n1', text: 'Inget att tillägga', byName: 'Marika Blomgren', by: 'm_marikab' }, AT)).meeting;
    m = must(goToItem(m, { to: 'next' }, 'mv2', AT)).meeting;
    m = must(goToItem(m, { to: 'next' }, 'mv3', AT)).meeting;
    expect(m.currentItemId).toBe('i4');
    expect(code(goToItem(m, { to: 'item', itemId: 'zz' }, 'mv4', AT))).toBe('AGENDA.ITEM_NOT_FOUND');
    m = must(goToItem(m, { to: 'previous' }, 'mv4', AT)).meeting;
    expect(m.currentItemId).toBe('i2');
    const d = must(recordDecision(m, { id: 'd1', text: 'Styrelsen beslutar\natt godkänna rapporten\n- att uppdra åt förbundschefen att återkomma', byName: 'x' }, AT));
    expect(d.record.attSatser).toEqual(['att godkänna rapporten', 'att uppdra åt förbundschefen att återkomma']);
    m = d.meeting;
    m = must(recordAction(m, { id: 'a1', text: 'Skicka avvikelserapport', ownerId: 'm_marikab', ownerName: 'Marika Blomgren', due: '2018-02-15', byName: 'x' }, AT)).meeting;
    expect(m.notes.map((n) => n.itemId)).toEqual(['i1']);
    expect(m.decisions.map((n) => n.itemId)).toEqual(['i2']);
    expect(m.moves.map((mv) => mv.to)).toEqual(['s0', 'i1', 'i2', 'i4', 'i2']);
    expect(openActions([m])).toEqual([{ meetingId: 'meeting-1', actionId: 'a1', ownerName: 'Marika Blomgren', text: 'Skicka avvikelserapport', due: '2018-02-15' }]);
  });

  it('records the same activity once and refuses recording before the start or after the end', () => {
    let m = seed000();
    expect(code(recordDecision(m, { id: 'd', text: 'x', byName: 'x' }, AT))).toBe('MEETING.NOT_STARTED');
    m = must(startMeeting(m, 'mv0', AT));
    m = must(recordNote(m, { id: 'n', text: 'a', byName: 'x' }, AT)).meeting;
    const again = must(recordNote(m, { id: 'n', text: 'a', byName: 'x' }, AT));
    expect(again.duplicate).toBe(true);
    expect(again.meeting.notes).toHaveLength(1);
    expect(code(recordNote(m, { id: 'n2', text: '   ', byName: 'x' }, AT))).toBe('TEXT.MISSING');
    expect(code(recordNote(m, { id: 'n2', text: 'x'.repeat(5000), byName: 'x' }, AT))).toBe('TEXT.TOO_LONG');
    m = must(endMeeting(m, AT));
    expect(code(recordNote(m, { id: 'n3', text: 'a', byName: 'x' }, AT))).toBe('MEETING.NOT_STARTED');
    expect(code(goToItem(m, { to: 'next' }, 'mv9', AT))).toBe('MEETING.NOT_STARTED');
  });

  it('puts items added during the meeting after the current one, before the closing items', () => {
    let m = must(startMeeting(seed000(), 'mv0', AT));
    m = must(goToItem(m, { to: 'item', itemId: 's1' }, 'mv1', AT)).meeting;
    const r = must(addItem(m, { id: 'extra', title: 'Seminarium Skottlandsmodellen' }, AT));
    expect(r.item.addedDuringMeeting).toBe(true);
    expect(r.meeting.items.map((i) => i.id).slice(-3)).toEqual(['s1', 'extra', 's2']);
  });

  it('keeps participant events once per id', () => {
    let m = planned();
    m = recordParticipantEvent(m, { id: 'e1', kind: 'join', teamsId: '29:x', at: AT });
    m = recordParticipantEvent(m, { id: 'e1', kind: 'join', teamsId: '29:x', at: AT });
    expect(m.participantEvents).toHaveLength(1);
  });

  it('finds the running meeting, else the next planned one', () => {
    const a = { ...planned(), id: 'a', date: '2018-03-16' };
    const b = { ...planned(), id: 'b', date: '2018-02-10' };
    const old = { ...planned(), id: 'old', date: '2018-01-01' };
    expect(currentOrNextMeeting([a, b, old], '2018-02-01')!.id).toBe('b');
    expect(currentOrNextMeeting([old], '2018-02-01')!.id).toBe('old');
    const running = must(startMeeting(a, 'mv', AT));
    expect(currentOrNextMeeting([running, b], '2018-02-01')!.id).toBe('a');
  });

  it('reads att-satser only from lines that start with att', () => {
    expect(attSatser('Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att formulera förslag')).toEqual([]);
    expect(attSatser('1. att godkänna\n2) att anta')).toEqual(['att godkänna', 'att anta']);
  });
});
