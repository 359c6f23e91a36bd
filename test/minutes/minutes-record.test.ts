import { describe, expect, it } from 'vitest';
import { draftMinutes } from '../../src/minutes/domain/minutes.js';
import { editAllItems, editHeader, editItem, newMinutes, regenerate, requestChange, sendForAdjustment, sha256, sign, startCorrection, type Minutes } from '../../src/minutes/domain/minutes-record.js';
import { itemsText, renderMinutesText } from '../../src/minutes/domain/minutes-text.js';
import { sv } from '../../src/i18n/sv/index.js';
import { must } from '../meetings/fixtures.js';
import { SEED_003, seedGroup, seedMeeting } from './minutes-seeds.js';

const L = sv.minutes.document;
const AT = '2016-02-05T10:00:00.000Z';

function fresh(): Minutes {
  const group = seedGroup(SEED_003);
  const meeting = seedMeeting(SEED_003, group);
  return newMinutes({ id: 'minutes-1', groupId: group.groupId, meetingId: meeting.id, secretaryId: 'm_ann', doc: draftMinutes({ meeting, group, language: 'sv', labels: L }), at: AT });
}

describe('the minutes through justering', () => {
  it('each edit by the secretary is a new version; others may not edit', () => {
    let m = fresh();
    m = must(editItem(m, '§2', { body: 'Ola Wiktorson beskrev utbildningarna.\n\nBeslut: Arbetsutskottet beslutade\natt notera informationen' }, L, 'm_ann', AT));
    expect(m.version).toBe(2);
    expect(m.doc.items[1]!.decisions).toEqual([{ text: 'Arbetsutskottet beslutade', attSatser: ['att notera informationen'] }]);
    m = must(editHeader(m, { place: 'Hotell Malmköping, Malmköping', present: 'Marie Svensson, ordf\nIngrid Jerneborg Glimne, 1:e v ordf §1-4' }, 'm_ann', AT));
    expect(m.version).toBe(3);
    expect(m.doc.present).toEqual([
      { memberId: 'm_marie', name: 'Marie Svensson', label: 'ordf' },
      { memberId: 'm_ingrid', name: 'Ingrid Jerneborg Glimne', label: '1:e v ordf', items: '§1-4' },
    ]);
    expect(m.history.map((h) => h.reason)).toEqual(['drafted', 'edited', 'edited']);
    expect(editItem(m, '§2', { body: 'x' }, L, 'm_marie', AT)).toEqual({ ok: false, error: { code: 'MINUTES.NOT_SECRETARY' } });
    expect(editItem(m, '§9', { body: 'x' }, L, 'm_ann', AT)).toMatchObject({ ok: false, error: { code: 'MINUTES.ITEM_NOT_FOUND' } });
    const all = must(editAllItems(m, itemsText(m.doc, L).replace('§8 Avslutning', '§8 Mötets avslutning'), L, 'm_ann', AT));
    expect(all.doc.items[7]!.title).toBe('Mötets avslutning');
    expect(must(regenerate(all, fresh().doc, 'm_ann', AT)).history.at(-1)!.reason).toBe('regenerated');
  });

  it('signs, locks with the text and its SHA-256, and refuses any later change', () => {
    let m = must(sendForAdjustment(fresh(), 'm_ann', AT));
    expect(editItem(m, '§1', { body: 'x' }, L, 'm_ann', AT)).toMatchObject({ ok: false, error: { code: 'MINUTES.IN_ADJUSTMENT' } });
    expect(sign(m, { memberId: 'm_ola', name: 'Ola Wiktorson' }, 1, L, AT)).toMatchObject({ ok: false, error: { code: 'MINUTES.NOT_SIGNATORY' } });
    expect(sign(m, { memberId: 'm_marie', name: 'Marie Svensson' }, 2, L, AT)).toMatchObject({ ok: false, error: { code: 'MINUTES.STALE' } });
    const first = must(sign(m, { memberId: 'm_marie', name: 'Marie Svensson' }, 1, L, AT));
    expect(first.locked).toBe(false);
    expect(must(sign(first.minutes, { memberId: 'm_marie', name: 'Marie Svensson' }, 1, L, AT)).duplicate).toBe(true);
    const second = must(sign(first.minutes, { memberId: 'm_britta', name: 'Britta Bergström' }, 1, L, AT));
    expect(second.locked).toBe(true);
    m = second.minutes;
    expect(m.status).toBe('adjusted');
    expect(m.signed).toHaveLength(1);
    expect(m.signed[0]!.sha256).toBe(sha256(renderMinutesText(m.doc, L)));
    expect(editItem(m, '§1', { body: 'x' }, L, 'm_ann', AT)).toMatchObject({ ok: false, error: { code: 'MINUTES.LOCKED' } });
    expect(editHeader(m, { place: 'x' }, 'm_ann', AT)).toMatchObject({ ok: false, error: { code: 'MINUTES.LOCKED' } });
    // A correction is a new version, signed separately; the signed one stays as it was.
    const corr = must(startCorrection(m, 'm_ann', AT));
    const edited = must(editItem(corr, '§1', { body: 'Rättad text.' }, L, 'm_ann', AT));
    expect(edited.signed).toEqual(m.signed);
    expect(edited.version).toBe(3);
    expect(edited.status).toBe('draft');
  });

  it('a change request goes back to the secretary with the comments and voids the round', () => {
    let m = must(sendForAdjustment(fresh(), 'm_ann', AT));
    m = must(sign(m, { memberId: 'm_marie', name: 'Marie Svensson' }, 1, L, AT)).minutes;
    expect(requestChange(m, { id: 'cr1', memberId: 'm_britta', name: 'Britta Bergström', version: 1, comments: [{ number: '§3', text: ' ' }] }, AT)).toMatchObject({ ok: false, error: { code: 'MINUTES.COMMENT_MISSING' } });
    m = must(requestChange(m, { id: 'cr1', memberId: 'm_britta', name: 'Britta Bergström', version: 1, comments: [{ number: '§3', text: 'Skriv AMIF, inte AMFI.' }] }, AT));
    expect(m.status).toBe('draft');
    expect(m.signatures).toEqual([]);
    expect(m.changeRequests[0]!.comments).toEqual([{ number: '§3', text: 'Skriv AMIF, inte AMFI.' }]);
  });
});
