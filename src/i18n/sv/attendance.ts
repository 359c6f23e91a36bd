import { formatClock } from '../../shared/swedish-date.js';

type Details = Record<string, string | number>;

/** "Marika Blomgrens", "Lars" (a name ending in s, x or z takes no extra s). */
const genitive = (name: string) => (/[sxz]$/i.test(name) ? name : `${name}s`);
/** "punkt 1–4" (numbered items), "§1–4" (a protokoll's paragraphs). */
const items = (span: string) => (span.startsWith('§') ? span : `punkt ${span}`).replace('-', '–');

/** Attendance (närvaro): the check-in card, marks by chair and secretary, `närvaro` statistics and CSV. */
export const attendance = {
  cardTitle: (title: string) => `Närvaro: ${title}`,
  intro: 'Tryck på **Närvarande** när du är med på mötet. Ordförande, vice ordförande och sekreterare kan markera andra, även den som inte finns i Teams.',
  endedNote: 'Mötet är avslutat. Bara sekreteraren kan rätta närvaron nu, och rättelsen loggas.',
  checkInButton: 'Närvarande',
  refreshButton: 'Visa min närvaro',
  markOthersButton: 'Markera andra',
  markOthersHint: 'Välj person och närvaro nedan och tryck på Spara.',
  total: (present: number, expected: number) => `Närvarande: ${present} av ${expected} kallade`,
  partyLine: (party: string, present: number, expected: number) => `**${party}** ${present} av ${expected}`,
  noParty: 'Utan organisation',
  /** The förbund's staff, who attend without being a party. */
  staffLine: (present: number) => `**Förbundets kansli** (ingen part) ${present} närvarande`,
  statuses: {
    present: 'närvarande',
    absent: 'frånvarande',
    excused: 'anmält förhinder',
    substitute: 'ersättare',
    partial: 'närvarande vissa punkter',
    none: 'inte markerad',
  },
  personLine: (name: string, status: string) => `${name}: ${status}`,
  partialStatus: (span: string) => `närvarande ${items(span)}`,
  substituteStatus: (name: string) => `ersättare för ${name}`,
  autoStatus: (time: string) => `närvarande (anslöt i Teams kl. ${formatClock(time)})`,
  leftNote: (time: string) => `lämnade kl. ${formatClock(time)}`,
  correctedNote: 'rättad efter mötet',
  youAre: (status: string) => `Din närvaro: ${status}.`,
  youNotMarked: 'Du är inte markerad än. Tryck på Närvarande om du är med.',
  notMember: 'Du finns inte med bland gruppens deltagare, så du kan inte anmäla närvaro här. Be sekreteraren lägga till dig.',
  // The chair's and secretary's form
  markHeader: 'Markera någons närvaro',
  memberLabel: 'Person',
  statusLabel: 'Närvaro',
  substituteForLabel: 'Ersättare för (vid ersättare)',
  fromLabel: 'Från punkt (vid vissa punkter)',
  toLabel: 'Till och med punkt (vid vissa punkter)',
  saveButton: 'Spara närvaro',
  statusChoices: {
    present: 'Närvarande',
    absent: 'Frånvarande',
    excused: 'Anmält förhinder',
    substitute: 'Ersättare',
    partial: 'Närvarande vissa punkter',
  },
  // Answers
  checkedIn: 'Du är markerad som närvarande.',
  alreadyCheckedIn: 'Du var redan markerad som närvarande. Inget ändrades.',
  marked: (name: string, status: string) => `${name} är markerad som ${status}.`,
  unchanged: (name: string, status: string) => `${name} var redan markerad som ${status}. Inget ändrades.`,
  corrected: (name: string, status: string) => `Rättat efter mötet: ${name} är nu markerad som ${status}. Rättelsen är loggad.`,
  cardPosted: 'Närvarokortet är publicerat i kanalen.',
  errors: {
    'ATTENDANCE.UNKNOWN_MEMBER': () => 'Personen finns inte bland gruppens deltagare. Ladda om kortet och välj någon i listan.',
    'ATTENDANCE.NOT_A_MEMBER': () => 'Du finns inte med bland gruppens deltagare. Be sekreteraren lägga till dig.',
    'ATTENDANCE.OTHERS_NOT_ALLOWED': (d: Details) => `Du kan bara markera din egen närvaro, inte ${d.name ? genitive(String(d.name)) : 'någon annans'}. Ordförande, vice ordförande och sekreterare kan markera andra.`,
    'ATTENDANCE.SELF_STATUS': () => 'Du kan själv markera dig som närvarande eller frånvarande. Be ordföranden eller sekreteraren om något annat.',
    'ATTENDANCE.ITEMS_MISSING': () => 'Välj både från och till vilken punkt personen var med.',
    'ATTENDANCE.ITEM_OUTSIDE_AGENDA': (d: Details) => `Den punkten finns inte på dagordningen (den har ${d.count ?? 0} punkter). Välj en punkt i listan.`,
    'ATTENDANCE.ITEMS_ORDER': () => 'Från-punkten kommer efter till-punkten. Välj dem i dagordningens ordning.',
    'ATTENDANCE.SUBSTITUTE_FOR_MISSING': () => 'Välj vem ersättaren ersätter.',
    'ATTENDANCE.SUBSTITUTE_FOR_SELF': () => 'En ersättare kan inte ersätta sig själv. Välj vem hen ersätter.',
    'ATTENDANCE.MEETING_ENDED': () => 'Mötet är avslutat. Bara sekreteraren kan rätta närvaron nu.',
    'ATTENDANCE.NOTICE_CLOSED': () => 'Mötet har redan börjat. Säg till ordföranden eller sekreteraren, som markerar närvaron på närvarokortet.',
    'ATTENDANCE.MINUTES_ADJUSTED': () => 'Protokollet är justerat, så närvaron kan inte längre ändras.',
  } as Record<string, (d: Details) => string>,
  // The notice (issue 25): a member reports förhinder or sends an ersättare.
  excuseButton: 'Anmäl förhinder',
  substituteButton: 'Skicka ersättare',
  substitutePickLabel: 'Vem kommer i ditt ställe?',
  sendSubstituteButton: 'Anmäl ersättaren',
  excusedFromNotice: (title: string) => `Ditt förhinder till ${title} är anmält.`,
  substituteSent: (name: string, title: string) => `${name} är anmäld som din ersättare till ${title}, och ditt förhinder är anmält.`,
  fields: { meetingId: 'möte', memberId: 'person', status: 'närvaro', substituteFor: 'ersättare för', fromItemId: 'från punkt', toItemId: 'till punkt' } as Record<string, string>,
  // Statistics (`närvaro [från] [till]`)
  statsTitle: (group: string) => `Närvarostatistik: ${group}`,
  statsTitleAll: 'Närvarostatistik för alla dina grupper',
  period: (from: string, to: string) => `Period: ${from || 'från början'} – ${to || 'idag'}`,
  targetText: (percent: number) => `Mål: varje part deltar på minst ${percent} % av kallade möten.`,
  meetingsHeld: (n: number) => (n === 1 ? '1 hållet möte i perioden.' : `${n} hållna möten i perioden.`),
  noMeetings: 'Inga hållna möten i perioden.',
  partiesHeader: 'Per part',
  peopleHeader: 'Per person',
  partyStat: (party: string, attended: number, called: number, percent: string) => `**${party}**: ${attended} av ${called} möten (${percent})`,
  excusedCount: (n: number) => ` · anmält förhinder ${n} ${n === 1 ? 'gång' : 'gånger'}`,
  personStat: (name: string, party: string, attended: number, called: number, percent: string) => `${name}${party ? ` (${party})` : ''}: ${attended} av ${called} möten (${percent})`,
  percent: (p: number | undefined) => (p === undefined ? '–' : `${p} %`),
  meets: 'uppfyller målet',
  misses: 'under målet',
  csvButton: 'Ladda ner som CSV (öppnas i Excel)',
  csvNote: (days: number) => `Länken gäller i ${days} dagar.`,
  periodOrder: 'Från-datumet är efter till-datumet. Skriv till exempel **närvaro 2018-01-01 2018-12-31**.',
  csvFileName: 'narvaro',
  csv: {
    headers: ['Grupp', 'Möte', 'Datum', 'Namn', 'Organisation', 'Närvaro', 'Punkter', 'Ersättare för', 'Markerad av', 'Anslöt', 'Lämnade'] as [string, string, string, string, string, string, string, string, string, string, string],
    sources: { self: 'själv', marked: 'ordförande/sekreterare', auto: 'Teams', none: '' },
  },
};
