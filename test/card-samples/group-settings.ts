import { sv } from '../../src/i18n/sv/index.js';
import { groupCardData } from '../../src/groups/group-listeners.js';
import { tierp } from '../meetings/fixtures.js';

export const sample = groupCardData(sv, tierp(), '2018-01-25T10:00:00.000Z', true, { message: sv.group.saved });
