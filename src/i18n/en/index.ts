import type { Texts } from '../texts.js';
import { common } from './common.js';
import { group } from './group.js';
import { help } from './help.js';
import { meeting } from './meeting.js';

/** Every English user-facing text; same shape as the Swedish ones (checked by the compiler). */
export const en: Texts = { common, help, group, meeting };
