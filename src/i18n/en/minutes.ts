import type { minutes as sv } from '../sv/minutes.js';

export const minutes: typeof sv = {
  document: {
    protokoll: 'Minutes',
    keptAt: (title: string) => `of the ${title}`,
    notesTitle: (title: string) => `Notes from ${title}`,
    date: 'Date',
    day: 'Date',
    time: 'Time',
    at: 'at',
    place: 'Place',
    notesBy: 'Notes taken by',
    present: 'Present',
    absent: 'Absent',
    excused: 'sent apologies',
    substituteFor: (name: string) => `substitute for ${name}`,
    secretary: 'Secretary',
    decision: 'Decision',
    action: 'Action',
    due: 'by',
    dropped: 'Withdrawn.',
    nextMeeting: 'Next meeting',
    recordedBy: 'Recorded by',
    adjusters: 'Approved by',
    adjusted: 'Approved',
    chair: 'Chair',
    chairShort: 'chair',
    viceChair: (n?: number) => (n ? `${ordinal(n)} vice chair` : 'Vice chair'),
    viceChairShort: (n?: number) => (n ? `${ordinal(n)} vice chair` : 'vice chair'),
    adjuster: 'Adjuster',
    signedBy: (names: string, date: string) => `Approved ${date} by ${names}`,
    contentHash: 'SHA-256 of the content',
  },
};

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
}
