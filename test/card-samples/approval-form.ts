import { sv } from '../../src/i18n/sv/index.js';
import { defaultFormValues, formCardData } from '../../src/approvals/approval-view.js';
import { rolesAt } from '../../src/groups/domain/group.js';
import { tierp } from '../meetings/fixtures.js';

const group = tierp();
const now = new Date('2018-01-29T08:00:00.000Z');

/** The form `godkännande Avvikelserapport: insatsstart flyttas till 1 mars 2018` opens for Marika Blomgren. */
export const sample = formCardData(
  sv.approvals,
  group,
  defaultFormValues(group, 'Avvikelserapport: insatsstart flyttas till 1 mars 2018', now, (id) => rolesAt(group, id, now).includes('kansli')),
);
