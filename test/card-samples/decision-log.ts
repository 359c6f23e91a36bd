import { decisionLogCardData } from '../../src/follow-up/follow-up-view.js';
import { sampleFollowUp } from '../support/follow-up-sample.js';

const s = sampleFollowUp();
export const sample = decisionLogCardData(s.texts, {
  heading: s.texts.logTitle(s.group.name),
  page: s.log,
  query: { page: 0 },
  meetings: s.meetings,
  group: s.group,
  mayFollowUp: () => true,
});
