import { common } from './common.js';
import { approvals } from './approvals.js';
import { help } from './help.js';

/** Every Swedish user-facing text, one section per capability. */
export const sv = { common, help, approvals };
