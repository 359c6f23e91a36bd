import { sv } from '../../src/i18n/sv/index.js';
import { groupCardData } from '../../src/teams/group.js';
import { tierp } from '../domain/fixtures.js';

export const sample = groupCardData(sv, tierp(), '2018-01-25T10:00:00.000Z', true, { message: sv.group.saved });
