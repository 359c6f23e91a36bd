/** The minutes: labels of the document itself (as the seeds write them) and the bot's messages about it. */
export const minutes = {
  document: {
    protokoll: 'Protokoll',
    /** "fört vid planeringsdag med arbetsutskottet" */
    keptAt: (title: string) => `fört vid ${title}`,
    /** "Minnesanteckningar från Strategiska utvecklingsgruppens möte" */
    notesTitle: (title: string) => `Minnesanteckningar från ${title}`,
    date: 'Datum',
    day: 'Dag',
    time: 'Tid',
    /** "kl 9–15" after the date in a protokoll */
    at: 'kl',
    place: 'Plats',
    notesBy: 'Anteckningar förda av',
    present: 'Närvarande',
    absent: 'Frånvarande',
    excused: 'anmält förhinder',
    substituteFor: (name: string) => `ersättare för ${name}`,
    secretary: 'Sekreterare',
    decision: 'Beslut',
    action: 'Uppdrag',
    due: 'senast',
    dropped: 'Utgår.',
    nextMeeting: 'Nästa möte',
    recordedBy: 'Vid protokollet',
    adjusters: 'Justeras',
    adjusted: 'Justerat',
    chair: 'Ordförande',
    chairShort: 'ordf',
    viceChair: (n?: number) => (n ? `${n}:e vice ordförande` : 'Vice ordförande'),
    viceChairShort: (n?: number) => (n ? `${n}:e v ordf` : 'v ordf'),
    adjuster: 'Justerare',
    /** "Justerat 2016-02-10 av Marie Svensson, Britta Bergström" */
    signedBy: (names: string, date: string) => `Justerat ${date} av ${names}`,
    contentHash: 'Innehållets SHA-256',
  },
};
