import { formatClock } from '../../shared/swedish-date.js';

type Details = Record<string, string | number>;

const statuses = {
  planned: 'Planerat',
  noticed: 'Kallelse skickad',
  started: 'Pågår',
  ended: 'Avslutat',
  minutesDrafted: 'Utkast till protokoll',
  inAdjustment: 'Under justering',
  adjusted: 'Justerat',
};

/** Why a step cannot be taken, one phrase per status ("mötet pågår", "kallelsen är redan skickad"). */
const whyNot: Record<keyof typeof statuses, string> = {
  planned: 'mötet har inte startat än',
  noticed: 'kallelsen är redan skickad',
  started: 'mötet pågår',
  ended: 'mötet är avslutat',
  minutesDrafted: 'mötet är avslutat och utkastet till protokoll är skrivet',
  inAdjustment: 'protokollet är under justering',
  adjusted: 'protokollet är justerat',
};

/** The status as a code ("started") or as its word on the cards, any case ("pågår"). */
function whyNotOf(status: string): string {
  const code = (Object.keys(statuses) as Array<keyof typeof statuses>).find((k) => k === status || statuses[k].toLowerCase() === status.toLowerCase());
  return code ? whyNot[code] : status;
}

/** "15:00" → "15.00" in a refusal. */
const clock = (t: string | number | undefined) => (typeof t === 'string' && /^\d{2}:\d{2}$/.test(t) ? formatClock(t) : String(t ?? ''));

/** Meeting planning: `nytt möte`, `punkt`, `dagordning`, the planning card and the notice (kallelse). */
export const meeting = {
  formats: { protokoll: 'Protokoll', minnesanteckningar: 'Minnesanteckningar' },
  itemKinds: { information: 'Information', diskussion: 'Diskussion', beslut: 'Beslut' },
  statuses,
  // Card labels and facts
  planTitle: (title: string) => `Planering: ${title}`,
  noticeTitle: (title: string) => `Kallelse: ${title}`,
  agendaTitle: (title: string) => `Dagordning: ${title}`,
  dateFact: 'Datum',
  timeFact: 'Tid',
  placeFact: 'Plats',
  chairFact: 'Ordförande',
  secretaryFact: 'Sekreterare',
  onlySecretaryAdjusts: (name: string) => `Obs! ${name} är sekreterare och skulle justera sitt eget protokoll. Välj en justerare under **Ändra mötet**.`,
  adjustersFact: 'Justerare',
  formatFact: 'Form',
  statusFact: 'Status',
  notSet: 'meddelas senare',
  nobody: 'ingen vald',
  placeWithRoom: (place: string, room: string) => `${place}, lokal ${room}`,
  roomOnly: (room: string) => `lokal ${room}`,
  itemsHeader: 'Dagordning',
  noItems: 'Inga punkter än. Lägg till med **punkt ‹rubrik›** eller på kortet.',
  itemLine: (number: string, title: string) => `${number}. ${title}`,
  itemLineParagraph: (number: string, title: string) => `${number} ${title}`,
  itemMeta: (kind: string, presenter: string) => (presenter ? `${kind} · föredragande ${presenter}` : kind),
  dropped: 'Utgår',
  carriedHeader: 'Öppna uppdrag från tidigare möten:',
  carriedFollowUpLine: (responsible: string, text: string, due: string, status: string) =>
    `Uppföljning av beslut: ${text} (${[responsible, due ? `senast ${due}` : '', status.toLowerCase()].filter(Boolean).join(', ')})`,
  carriedLine: (owner: string, text: string, due: string) => (due ? `${owner}: ${text} (senast ${due})` : `${owner}: ${text}`),
  changedMark: (what: string, previous: string) => `Obs! Ändrad ${what} mot tidigare kallelse (tidigare: ${previous}).`,
  changeWords: { date: 'dag', time: 'tid', place: 'plats' },
  noticeFooter: 'Skriv **dagordning** för att se dagordningen igen.',
  // Planning card forms
  editButton: 'Ändra mötet',
  titleLabel: 'Rubrik',
  dateLabel: 'Datum',
  startLabel: 'Starttid',
  endLabel: 'Sluttid',
  placeLabel: 'Plats',
  roomLabel: 'Lokal',
  chairLabel: 'Ordförande',
  secretaryLabel: 'Sekreterare',
  adjustersLabel: 'Justerare',
  formatLabel: 'Form',
  saveButton: 'Spara',
  addItemButton: 'Lägg till punkt',
  itemTitleLabel: 'Rubrik',
  itemKindLabel: 'Typ',
  presenterLabel: 'Föredragande',
  itemTextLabel: 'Text (valfri)',
  addButton: 'Lägg till',
  editItemButton: 'Ändra punkt',
  itemLabel: 'Punkt',
  keepEmpty: 'Lämna tomt för att behålla',
  saveItemButton: 'Spara punkten',
  moveUpButton: 'Flytta upp',
  moveDownButton: 'Flytta ned',
  removeItemButton: 'Ta bort punkten',
  dropItemButton: 'Stryk punkten',
  noticeButton: 'Skicka kallelse',
  updateNoticeButton: 'Uppdatera kallelsen',
  // Messages
  planned: (title: string, when: string) => (when ? `${title} är planerat till ${when}.` : `${title} är planerat. Datum och tid bestäms på kortet.`),
  itemAdded: (number: string, title: string, meetingTitle: string) => `${number.startsWith('§') ? number : `Punkt ${number}`} ${title} är tillagd på dagordningen för ${meetingTitle}.`,
  itemAlreadyAdded: (title: string) => `Punkten ${title} fanns redan.`,
  saved: 'Mötet är sparat.',
  itemSaved: 'Punkten är sparad.',
  itemRemoved: (title: string) => `Punkten ${title} är borttagen.`,
  itemMoved: 'Ordningen är ändrad.',
  itemDropped: (title: string) => `Punkten ${title} är struken och utgår.`,
  itemRestored: (title: string) => `Punkten ${title} är tillbaka på dagordningen.`,
  noticeSent: 'Kallelsen är skickad till kanalen.',
  noticeUpdated: 'Kallelsen i kanalen är uppdaterad.',
  changedMessage: (title: string, what: string, now: string) => `Obs! Byte av ${what} för ${title}: nu ${now}. Kallelsen är uppdaterad.`,
  noMeeting: 'Det finns inget planerat möte. Skriv **nytt möte** för att planera ett.',
  noMeetingFound: 'Mötet finns inte i den här gruppen. Ladda om kortet eller skriv **dagordning**.',
  whenText: (date: string, time: string) => (time ? `${date} ${time}` : date),
  errors: {
    'DATE.INVALID': (d: Details) => `Datumet ”${d.text ?? ''}” finns inte i kalendern. Skriv till exempel 2018-03-16, 16/3 eller 16 mars.`,
    'DATE.UNREADABLE': (d: Details) => `Jag kan inte läsa ”${d.text ?? ''}” som ett datum. Skriv till exempel 2018-03-16, 16/3, 16 mars, idag eller imorgon.`,
    'TIME.INVALID': (d: Details) => `Tiden ”${d.text ?? ''}” finns inte. Skriv till exempel 13.00–15.00, 13–15 eller kl. 13.`,
    'TIME.UNREADABLE': (d: Details) => `Jag kan inte läsa ”${d.text ?? ''}” som en tid. Skriv till exempel 13.00–15.00, 13–15 eller kl. 13.`,
    'TIME.END_BEFORE_START': (d: Details) => `Sluttiden ${clock(d.end)} är inte efter starttiden ${clock(d.start)}.`,
    'MEETING.ILLEGAL_TRANSITION': (d: Details) => `Det går inte nu: ${whyNotOf(String(d.status ?? ''))}.`,
    'MEETING.NOT_STARTED': () => 'Mötet har inte startat. Skriv **starta möte** först.',
    'MEETING.LOCKED': () => 'Mötet har redan hållits och kan inte planeras om.',
    'MEETING.NO_ITEMS': () => 'Dagordningen är tom.',
    'MEETING.NO_NEXT_ITEM': () => 'Det här är sista punkten. Skriv **avsluta möte** när ni är klara.',
    'MEETING.NO_PREVIOUS_ITEM': () => 'Det här är första punkten.',
    'AGENDA.ITEM_NOT_FOUND': () => 'Punkten finns inte på dagordningen. Ladda om kortet.',
    'AGENDA.TITLE_MISSING': () => 'Rubriken saknas.',
    'TEXT.MISSING': () => 'Texten saknas.',
    'MEETING.RECORD_FULL': (d: Details) => `Texten får inte plats: ett möte rymmer högst ${d.max ?? ''} tecken anteckningar, beslut och uppdrag. Skriv det som återstår direkt i protokollsutkastet när mötet är avslutat.`,
    'TEXT.TOO_LONG': (d: Details) => `Texten är för lång (högst ${d.max ?? ''} tecken).`,
  },
  /** A card sent data that failed validation: which field, in words. */
  invalidField: (field: string) => `Kortet skickade ett felaktigt värde för ”${field}”. Ladda om kortet och försök igen.`,
  fields: {
    noteText: 'anteckning', decisionText: 'beslut', actionText: 'uppdrag', actionOwnerId: 'ansvarig', actionDue: 'senast', gotoItemId: 'punkt',
    itemTitle: 'rubrik', itemKind: 'typ', itemText: 'text', editTitle: 'rubrik', editKind: 'typ', editPresenter: 'föredragande', groupName: 'gruppens namn',
    groupKind: 'typ av grupp', memberName: 'namn', memberOrganisation: 'organisation', memberRole: 'roll', memberTitle: 'titel', roleTitle: 'titel', rosterOrganisation: 'organisation', roleMemberId: 'deltagare', direction: 'riktning',
    title: 'rubrik', date: 'datum', start: 'starttid', end: 'sluttid', place: 'plats', room: 'lokal', chairId: 'ordförande',
    secretaryId: 'sekreterare', adjusterIds: 'justerare', format: 'form', meetingId: 'möte', itemId: 'punkt', kind: 'typ',
    presenter: 'föredragande', text: 'text', name: 'namn', organisation: 'organisation', organisations: 'parter',
    target: 'närvaromål', memberId: 'deltagare', roles: 'roller', effective: 'gäller', people: 'personer', membersMayNote: 'anteckningar',
  } as Record<string, string>,
};
