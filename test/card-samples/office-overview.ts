import { sv } from '../../src/i18n/sv/index.js';
import { overviewCardData } from '../../src/office/overview-view.js';
import { sampleOverview } from '../office/office-fixtures.js';

const q = 't=tenant&g=g_tierp,g_au&y=2018&lang=sv&exp=1546300800&sig=sample';
/** The kansli's overview of 2018: Tierp and the arbetsutskott, seed 002's insats with Arbetsförmedlingen under 85 %. */
export const sample = overviewCardData(sv, sampleOverview(), {
  'report.html': `https://lokus.example.se/office/report.html?${q}`,
  'report.xlsx': `https://lokus.example.se/office/report.xlsx?${q}`,
  'attendance.png': `https://lokus.example.se/office/attendance.png?${q}`,
  'meetings.png': `https://lokus.example.se/office/meetings.png?${q}`,
});
