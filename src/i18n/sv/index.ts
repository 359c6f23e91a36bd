import { common } from './common.js';
import { help } from './help.js';
import { minutes } from './minutes.js';

/** Every Swedish user-facing text, one section per capability. */
export const sv = { common, help, minutes };
