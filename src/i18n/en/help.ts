import type { help as sv } from '../sv/help.js';

export const help: typeof sv = {
  title: 'Lokus – help',
  intro: 'Type a command to me. In a channel, mention me first (@Lokus). Capital letters and a trailing full stop do not matter.',
  commandHeader: 'Command',
  descriptionHeader: 'What it does',
  footer: 'Dates: 2018-03-16, 16/3, 16 March, today or tomorrow. Times: 13:00-15:00, 13-15 or at 13.',
  commands: [
    { command: 'help', description: 'Shows this help' },
    { command: 'group', description: 'Group settings: name, parties, members and roles' },
    { command: 'new meeting [date] [time] [place]', description: 'Plans a meeting' },
    { command: 'item <title>', description: 'Adds an item to the next meeting’s agenda' },
    { command: 'agenda', description: 'Shows the agenda of the current or next meeting' },
    { command: 'start meeting', description: 'Starts the next planned meeting' },
    { command: 'next item', description: 'Moves on to the next item' },
    { command: 'note <text>', description: 'Records a note on the current item' },
    { command: 'decision <text>', description: 'Records a decision on the current item' },
    { command: 'action <who>: <what> [by <date>]', description: 'Records an action item' },
    { command: 'end meeting', description: 'Ends the meeting and drafts the minutes' },
    { command: 'attendance [from] [to]', description: 'Attendance statistics per party and person, with CSV for Excel' },
    { command: 'attendance card', description: 'Posts the meeting’s attendance card again (chair, secretary)' },
    { command: 'approval <title>', description: 'Asks the group to approve a document' },
    { command: 'decisions [search]', description: 'The group’s decision log' },
    { command: 'actions', description: 'Open action items' },
    { command: 'my actions', description: 'Your own action items in all your groups (in the chat with Lokus)' },
    { command: 'minutes [date]', description: 'A meeting’s minutes with export links' },
  ],
};
