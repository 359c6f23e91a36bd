import { sv } from '../../src/i18n/sv/index.js';

/** The help card as `hjälp` sends it (src/bot/help.ts binds the same data). */
export const sample = { t: sv.help, commands: sv.help.commands };
