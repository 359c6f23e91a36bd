import { followUp } from './follow-up.js';
import { formal } from './formal.js';
import { attendance } from './attendance.js';
import { office } from './office.js';
import { common } from './common.js';
import { approvals } from './approvals.js';
import { group } from './group.js';
import { help } from './help.js';
import { meeting } from './meeting.js';
import { minutes } from './minutes.js';
import { running } from './running.js';
import { assistant } from './assistant.js';

/** Every Swedish user-facing text, one section per capability. */
export const sv = { common, help, group, meeting, running, approvals, minutes, followUp, attendance, assistant, office, formal };
