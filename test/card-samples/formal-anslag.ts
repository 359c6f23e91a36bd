import { anslagDates } from '../../src/formal/domain/anslag.js';
import { anslagCardData } from '../../src/formal/formal-view.js';
import { sampleFormal } from '../support/sample-formal.js';

const { turn, meeting } = sampleFormal();
const group = { ...turn.group, formal: { ...turn.group.formal!, keptAt: 'Förbundets kansli, Storgatan 1, Uppsala', noticeBoard: 'https://www.samordningsforbund.se/anslagstavla' } };

export const sample = anslagCardData({ ...turn, group }, meeting, anslagDates('2018-03-16', '2018-03-23', '2018-03-23'));
