import { confirmCardData } from '../../src/bot/confirm-card.js';
import { sv } from '../../src/i18n/sv/index.js';

const rt = sv.running;
/** `avsluta möte` with items nobody took up (seed 000's agenda). */
export const sample = confirmCardData({
  heading: rt.endConfirmTitle('Lokusmöte Tierp'),
  text: rt.endConfirmText(2),
  lines: ['3. Information från parterna', '4. Övriga frågor'],
  buttons: [
    { title: rt.endAnywayButton, verb: 'meeting.confirmEnd', value: 'end:meeting-1', positive: true },
    { title: rt.continueButton, verb: 'meeting.confirmEnd', value: 'continue:meeting-1' },
  ],
});
