import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/shared/deep-freeze.js';
import { memberById } from '../../src/groups/domain/group.js';
import type { Meeting } from '../../src/meetings/domain/meeting.js';
import { en } from '../../src/i18n/en/index.js';
import { attendanceCard, attendanceCardData } from '../../src/attendance/attendance-view.js';
import { renderCard } from '../../src/bot/render-card.js';
import { sampleTierp } from '../support/sample-tierp.js';

/** A personal check-in card drawn once for everyone alike is exactly the card drawn afresh for each of them. */
describe('personal check-in cards shared between people alike', () => {
  const { turn, meeting } = sampleTierp();
  const at = '2018-03-16T12:04:00.000Z';
  const mark = (by: string) => ({ status: 'present' as const, source: 'self' as const, at, by });
  const m: Meeting = deepFreeze({ ...meeting, status: 'started', startedAt: '2018-03-16T12:00:00.000Z', attendance: { m_birgitta: mark('m_birgitta'), m_nima: mark('m_nima'), m_wictoria: mark('m_wictoria') } });
  const group = deepFreeze(structuredClone(turn.group));
  const views = [
    { texts: turn.texts, language: 'sv' as const, group },
    { texts: en, language: 'en' as const, group },
  ];
  const viewers = ['m_birgitta', 'm_nima', 'm_wictoria', 'm_marikas', 'm_marikab'].map((id) => ({ member: memberById(group, id)!, at }));

  it('gives each person, message and language what drawing their card afresh gives', () => {
    for (const view of views) {
      for (const message of ['', 'Du är incheckad.', 'Du var redan markerad som närvarande.']) {
        for (const viewer of viewers) {
          const shared = attendanceCard(view, m, viewer, message);
          expect(shared).toEqual(renderCard('attendance', attendanceCardData(view, m, viewer, message)));
        }
      }
    }
  });

  it('hands two people alike the very same card, which nobody can change, and leaders their own with the form', () => {
    const nima = attendanceCard(views[0]!, m, viewers[1]!, 'Du är incheckad.');
    expect(attendanceCard(views[0]!, m, viewers[2]!, 'Du är incheckad.')).toBe(nima);
    expect(Object.isFrozen(nima)).toBe(true);
    expect(JSON.stringify(nima)).not.toContain('Input.ChoiceSet');
    // Not checked in: another line, another card.
    expect(attendanceCard(views[0]!, m, viewers[3]!, 'Du är incheckad.')).not.toBe(nima);
    // The vice chair and the chair mark others: each gets a card of their own, with the form.
    for (const leader of [viewers[0]!, viewers[4]!]) {
      const card = attendanceCard(views[0]!, m, leader, 'Du är incheckad.');
      expect(card).not.toBe(attendanceCard(views[0]!, m, leader, 'Du är incheckad.'));
      expect(JSON.stringify(card)).toContain('Input.ChoiceSet');
    }
  });
});
