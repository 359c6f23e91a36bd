import { GROUP_KINDS } from '../../src/groups/domain/group.js';
import { sv } from '../../src/i18n/sv/index.js';

export const sample = { t: sv.group, name: 'Tierp', kind: 'lokusgrupp', kindChoices: GROUP_KINDS.map((k) => ({ title: sv.group.kinds[k], value: k })) };
