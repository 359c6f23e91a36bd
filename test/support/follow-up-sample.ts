import { decisionLog, openActionList, pageOf, setFollowUp } from '../../src/follow-up/domain/follow-up.js';
import { sv } from '../../src/i18n/sv/index.js';
import { must } from '../meetings/fixtures.js';
import { heldMeeting, tierpIn } from '../follow-up/follow-up-fixtures.js';

/** Seed 000 and seed 003 decisions and action items, in one group, for the issue 7 card samples. */
export function sampleFollowUp() {
  const group = { ...tierpIn('g_tierp'), name: 'Tierp' };
  const jan = heldMeeting('g_tierp', 'm-2018-01-25', '2018-01-25', {
    decisions: [['d1', 'Lokusgruppen beslutade att skicka in en avvikelserapport till Samordningsförbundet och skjuta på insatsstarten till 1 mars 2018 med avslut 28 februari 2020.']],
    actions: [['a1', 'm_marikab', '2018-02-15'], ['a2', 'm_marikas', '2018-02-28']],
  });
  const feb = heldMeeting('g_tierp', 'm-2018-03-16', '2018-03-16', {
    itemTitle: 'Projektansökan, språkstödjare',
    decisions: [['d2', 'Lokusgruppen ställer sig bakom en ansökan om språkstöd\natt kommunen inkommer med ett skriftligt förslag\natt ansökan lämnas till förbundet före sommaren']],
    actions: [['a3', 'm_nima', '2018-04-13']],
  });
  const followed = must(setFollowUp(feb, { decisionId: 'd2', responsibleId: 'm_nima', responsibleName: 'Nima Najafi', date: '2018-05-31', status: 'inProgress', mayManage: true }, '2018-03-16T12:00:00.000Z')).meeting;
  const meetings = [jan, followed];
  const texts = sv.followUp;
  const named = (m: typeof jan) => ({
    ...m,
    actionItems: m.actionItems.map((a) => ({ ...a, text: a.id === 'a1' ? 'Skriva utkast på avvikelserapporten om insatsstart' : a.id === 'a2' ? 'Skicka ut inbjudan till Granskning uppdrag' : 'Ta fram kommunens förslag om språkstöd' })),
  });
  const withTexts = meetings.map(named);
  return { group, meetings: withTexts, texts, log: pageOf(decisionLog(withTexts), 0), actions: openActionList(withTexts, '2018-03-20') };
}
