import type { GroupKind } from '../../groups/domain/group.js';

/** "punkt 3", or "§3" in a protokoll. */
const ref = (number: string) => (number.startsWith('§') ? number : `punkt ${number}`);
/** "Britta Bergströms", "Hans" (a name ending in s, x or z takes no s). */
const genitive = (name: string) => (/[sxz]$/iu.test(name) ? name : `${name}s`);
const votes = (n: number, word: string) => `${n} ${word}-${n === 1 ? 'röst' : 'röster'}`;

/** A decision-making body's formal protokoll (issue 26): quorum, jäv, yrkanden, omröstning, reservation, anslag. */
export const formal = {
  /** The body in a sentence of its minutes. */
  body: { styrelse: 'styrelsen', arbetsutskott: 'arbetsutskottet', lokusgrupp: 'lokusgruppen', 'strategisk-utvecklingsgrupp': 'gruppen', annan: 'gruppen' } satisfies Record<GroupKind, string>,
  bodyCapital: { styrelse: 'Styrelsen', arbetsutskott: 'Arbetsutskottet', lokusgrupp: 'Lokusgruppen', 'strategisk-utvecklingsgrupp': 'Gruppen', annan: 'Gruppen' } satisfies Record<GroupKind, string>,
  // ---- the group's ledamöter and ersättare ----
  ledamoterSet: (names: string, n: number, needed: number) => `Ledamöter (${n}): ${names}. Beslutsför med minst ${needed} tjänstgörande.`,
  ersattareSet: (names: string) => (names ? `Ersättare i tur och ordning: ${names}.` : 'Gruppen har inga ersättare.'),
  listFormat: 'Skriv namnen med kommatecken emellan, till exempel **ledamöter Marie Svensson, Britta Bergström, Anna-Lena Karlsson**.',
  formalOn: 'Formellt protokoll är påslaget: beslutsförhet, jäv, yrkanden, omröstning och reservationer protokollförs.',
  formalOff: 'Formellt protokoll är avslaget.',
  keptAtSet: (text: string) => `Protokollet förvaras: ${text}.`,
  noticeBoardSet: (text: string) => `Anslagstavla: ${text}.`,
  // ---- quorum ----
  quorate: (voters: number, needed: number, seats: number) => `Beslutsför: ja (${voters} av ${seats} ledamöter tjänstgör, minst ${needed} behövs).`,
  notQuorate: (voters: number, needed: number, seats: number) => `Beslutsför: nej (${voters} av ${seats} ledamöter tjänstgör, minst ${needed} behövs).`,
  servingLine: (names: string) => `Tjänstgörande ersättare: ${names}.`,
  javLine: (names: string) => `Jäv: ${names}.`,
  // ---- live card ----
  javButton: 'Anmäl jäv',
  // ---- confirmations ----
  javRecorded: (name: string, number: string) => `${name} har anmält jäv under ${ref(number)} och deltar inte i handläggningen av ärendet.`,
  motionRecorded: (n: number, name: string, text: string) => `Yrkande ${n}: ${name} yrkar ${text}.`,
  motionFormat: 'Skriv yrkandet så här: **yrkande bifall till förslaget**, eller för någon annan **yrkande ‹namn›: avslag**.',
  propositionRecorded: (winner: string, body: string) => `Ordföranden finner att ${body} beslutar i enlighet med ${genitive(winner)} yrkande. Skriv **beslut ‹text›** för att protokollföra beslutet.`,
  propositionFormat: 'Skriv vilket yrkande som vann, till exempel **proposition 1**.',
  voteFormat: 'Skriv vilka yrkanden som ställs mot varandra, till exempel **omröstning 1 mot 2** (ja för det första, nej för det andra).',
  voteOpened: (number: string) => `Omröstning under ${number}. Tjänstgörande ledamöter röstar på kortet.`,
  ballotRecorded: (choice: string) => `Din röst är registrerad: ${choice}.`,
  ballotEntered: (name: string, choice: string) => `${genitive(name)} röst är registrerad: ${choice}.`,
  ballotFormat: 'Skriv rösten så här: **röst ‹namn›: ja**, **nej** eller **avstår**.',
  voteClosed: (ja: number, nej: number, avstar: number, winner: string, casting: boolean) =>
    `Omröstningen är avslutad: ${votes(ja, 'ja')} mot ${votes(nej, 'nej')}, ${avstar} avstår.${casting ? ' Ordförandens utslagsröst avgör.' : ''} ${winner} vann. Skriv **beslut ‹text›** för att protokollföra beslutet.`,
  voteWithdrawn: (number: string) => `Omröstningen under ${ref(number)} är återkallad och räknas inte. Ställ proposition, begär en ny omröstning eller bordlägg ärendet.`,
  tabled: (number: string) => `Antecknat under ${ref(number)}: ärendet bordläggs.`,
  tabledNote: 'Ärendet bordläggs.',
  reserved: (name: string) => `${name} reserverar sig mot beslutet. En skriftlig motivering kan lämnas fram till justeringsdagen: **motivering ‹§›: ‹text›**.`,
  motivated: (number: string) => `Motiveringen till reservationen under ${number} är sparad.`,
  motivationFormat: 'Skriv motiveringen så här: **motivering §12: ‹text›**.',
  annotationFormat: 'Skriv protokollsanteckningen så här: **protokollsanteckning ‹text›**, eller för någon annan **protokollsanteckning ‹namn›: ‹text›**.',
  annotated: (number: string) => `Protokollsanteckningen är sparad under ${ref(number)}.`,
  immediateDone: (number: string, names: string) => `${number} är justerad omedelbart av ${names}. Den justerade texten är låst.`,
  adjustBySet: (date: string) => `Protokollet ska justeras senast ${date}.`,
  adjustByFormat: 'Skriv justeringsdagen så här: **justeringsdag 2026-12-14** (högst 14 dagar efter sammanträdet).',
  noVote: 'Ingen omröstning pågår under den här punkten.',
  // ---- refusals ----
  errors: {
    'FORMAL.NOT_FORMAL': () => 'Gruppen för inte formellt protokoll. Skriv **formellt protokoll på** för att slå på det.',
    'FORMAL.NO_LEDAMOTER': () => 'Gruppen har inga ledamöter angivna. Skriv **ledamöter ‹namn›, ‹namn›** först.',
    'FORMAL.NOT_QUORATE': (d: Record<string, string | number>) =>
      `Beslutet sparades inte: ${String(d.body ?? 'gruppen')} är inte beslutför. ${d.present} av ${d.seats} ledamöter tjänstgör${Number(d.jav ?? 0) > 0 ? ' utan jäv' : ''}, minst ${d.needed} behövs. Ärendet kan bordläggas: skriv **bordlägg**.`,
    'FORMAL.NOT_VOTER': (d: Record<string, string | number>) =>
      d.reason === 'jav' ? 'Du har anmält jäv i ärendet och kan inte rösta.' : 'Bara tjänstgörande ledamöter och ersättare kan rösta i omröstningen.',
    'FORMAL.JAV_NOT_MEMBER': () => 'Bara deltagare i gruppen kan anmäla jäv.',
    'FORMAL.MOTION_UNKNOWN': (d: Record<string, string | number>) => `Det finns inget yrkande ${d.number} under punkten (${d.count} yrkanden).`,
    'FORMAL.OUTCOME_MISSING': (d: Record<string, string | number>) => `Det finns ${d.count} yrkanden. Ställ proposition först (**proposition 1**) eller begär omröstning (**omröstning 1 mot 2**).`,
    'FORMAL.VOTE_OPEN': () => 'En omröstning pågår under punkten. Avsluta den först.',
    'FORMAL.NO_VOTE': () => 'Det går bara medan mötet pågår.',
    'FORMAL.VOTE_CLOSED': () => 'Omröstningen är redan avslutad.',
    'FORMAL.TIE_NO_CASTING': (d: Record<string, string | number>) =>
      d.name
        ? `Lika röstetal (${d.ja}–${d.nej}). ${d.name} leder ärendet och har utslagsröst, och måste rösta ja eller nej innan omröstningen avslutas.`
        : `Lika röstetal (${d.ja}–${d.nej}), och varken ordföranden eller en vice ordförande röstar i ärendet, så ingen har utslagsröst. Skriv **återkalla omröstning**, och ställ sedan proposition eller bordlägg ärendet.`,
    'FORMAL.VOTE_WITHDRAWN': () => 'Omröstningen är återkallad.',
    'FORMAL.NO_OPEN_VOTE': () => 'Ingen omröstning pågår under den här punkten.',
    'FORMAL.NOT_PARTICIPANT': () => 'Bara den som deltog i beslutet kan reservera sig mot det.',
    'FORMAL.NO_RESERVATION': () => 'Det finns ingen reservation av dig under den punkten.',
    'FORMAL.MOTIVATION_LATE': (d: Record<string, string | number>) => `Justeringsdagen ${d.date} har passerat; motiveringen kan inte längre ändras.`,
    'FORMAL.ALREADY_ADJUSTED': () => 'Paragrafen är redan justerad.',
    'FORMAL.NO_DECISION': () => 'Det finns inget beslut under punkten ännu.',
    'FORMAL.ADJUST_DATE_RANGE': (d: Record<string, string | number>) => `Justeringsdagen måste vara mellan sammanträdesdagen och ${d.last} (högst 14 dagar).`,
    'FORMAL.BOTH_LISTS': (d: Record<string, string | number>) => `${d.name} kan inte vara både ledamot och ersättare.`,
    'FORMAL.TEXT_TOO_LONG': (d: Record<string, string | number>) => `Texten är för lång (högst ${d.max} tecken).`,
  } as Record<string, (d: Record<string, string | number>) => string>,
  // ---- the vote card ----
  voteCard: {
    heading: (number: string, title: string) => `Omröstning: ${number} ${title}`,
    jaFact: 'Ja',
    nejFact: 'Nej',
    motionText: (n: number, name: string, text: string) => `Yrkande ${n}: ${name} yrkar ${text}`,
    countText: (voted: number, voters: number) => `Har röstat: ${voted} av ${voters}`,
    closedText: (ja: number, nej: number, avstar: number, winner: string, casting: boolean) =>
      `Avslutad: ${votes(ja, 'ja')} mot ${votes(nej, 'nej')}, ${avstar} avstår${casting ? ', ordförandens utslagsröst avgör' : ''}. ${winner} vann.`,
    withdrawnText: 'Återkallad. Rösterna räknas inte.',
    jaButton: 'Rösta ja',
    nejButton: 'Rösta nej',
    avstarButton: 'Avstå',
    closeButton: 'Avsluta omröstningen',
  },
  choices: { ja: 'ja', nej: 'nej', avstar: 'avstår' },
  motionWinner: (n: number, name: string) => `Yrkande ${n} (${name})`,
  // ---- the minutes ----
  minutes: {
    jav: (name: string) => `${name} anmälde jäv och deltog inte i handläggningen av ärendet.`,
    motionsHeading: 'Yrkanden',
    motion: (name: string, text: string) => `${name} yrkar ${text}.`,
    propositionHeading: 'Propositionsordning',
    proposition: (names: string[], winner: string, body: string) =>
      `Ordföranden ställer proposition på ${names.map((n) => `${genitive(n)} yrkande`).join(' och ')} och finner att ${body} beslutar i enlighet med ${genitive(winner)} yrkande.`,
    voteHeading: 'Omröstning',
    vote: (ja: string, nej: string, r: { ja: number; nej: number; avstar: number; casting: boolean }, winner: string, body: string) =>
      `Omröstning begärs och verkställs. Ordföranden ställer följande beslutsgång: ja-röst för ${genitive(ja)} yrkande, nej-röst för ${genitive(nej)} yrkande. Med ${votes(r.ja, 'ja')} mot ${votes(r.nej, 'nej')}, ${r.avstar} avstår, beslutar ${body}${r.casting ? ' genom ordförandens utslagsröst' : ''} i enlighet med ${genitive(winner)} yrkande.`,
    ballotsHeading: 'Omröstningsresultat',
    ballots: (choice: string, names: string) => `${choice}: ${names}`,
    ballotWords: { ja: 'Ja', nej: 'Nej', avstar: 'Avstår' },
    reservationHeading: 'Reservation',
    reservation: (name: string, own: boolean) => `${name} reserverar sig mot beslutet${own ? ' till förmån för eget yrkande' : ''}.`,
    motivation: (text: string) => `Motivering: ${text}`,
    annotationHeading: 'Protokollsanteckning',
    annotation: (name: string, text: string) => `${name} lämnar följande protokollsanteckning: ${text}`,
    immediate: 'Paragrafen justeras omedelbart.',
  },
  // ---- justering reminders and anslag ----
  adjustReminder: (title: string, date: string) => `Påminnelse: protokollet från ${title} ska justeras senast ${date}.`,
  adjustPassed: (title: string, date: string) => `Obs! Justeringsdagen ${date} har passerat och protokollet från ${title} är inte justerat.`,
  anslag: {
    heading: 'Anslag',
    intro: (body: string) => `${body}s protokoll är justerat. Tillkännagivande om justering:`,
    bodyFact: 'Organ',
    meetingFact: 'Sammanträdesdatum',
    adjustedFact: 'Datum för justering',
    postedFact: 'Datum för anslags uppsättande',
    downFact: 'Datum för anslags nedtagande',
    keptFact: 'Förvaringsplats för protokollet',
    boardFact: 'Anslagstavla',
    notSet: 'Inte angivet',
  },
};
