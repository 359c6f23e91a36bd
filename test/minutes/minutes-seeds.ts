import { addMember, newGroup, setRoles, setTitle, type Group, type Role, type StandingItem } from '../../src/groups/domain/group.js';
import { addItem, dropItem, endMeeting, goToItem, newMeeting, recordAction, recordDecision, recordNote, startMeeting, type Meeting } from '../../src/meetings/domain/meeting.js';
import { must } from '../meetings/fixtures.js';

/**
 * The meetings of seeds 000 (lokusmöte Tierp, minnesanteckningar) and 003 (arbetsutskottets
 * planeringsdag, protokoll) as meeting records, built with the domain functions the bot uses.
 * People, items, notes and decisions are the seeds' own (long notes shortened).
 */

export interface Person {
  id: string;
  name: string;
  organisation?: string;
  /** Title where known (seed 003: "förbundschef"). */
  title?: string;
  roles: Role[];
}

export interface SeedItem {
  title: string;
  notes: string[];
  decisions?: string[];
  /** Action items recorded on the item (uppdrag: who, what, by when). */
  actions?: Array<{ id: string; ownerId: string; ownerName: string; text: string; due?: string }>;
  dropped?: boolean;
}

export interface SeedMeeting {
  groupName: string;
  kind: Group['kind'];
  format: Meeting['format'];
  title: string;
  date: string;
  time?: { start: string; end?: string };
  place: string;
  people: Person[];
  secretaryId: string;
  chairId: string;
  adjusterIds: string[];
  standing: StandingItem[];
  items: SeedItem[];
  /** Notes under the standing "Nästa möte" item. */
  nextMeeting?: string;
  partial?: Record<string, string>;
  /** Everyone else is marked present; these are marked otherwise (absent, apologies, a serving substitute). */
  marks?: Record<string, { status: 'absent' | 'excused' | 'substitute'; substituteFor?: string }>;
}

export const SEED_000: SeedMeeting = {
  groupName: 'Lokusgrupp Tierp',
  kind: 'lokusgrupp',
  format: 'minnesanteckningar',
  title: 'lokusmöte Tierp',
  date: '2018-01-25',
  place: 'Regionens hus, Uppsala',
  people: [
    { id: 'm_birgitta', name: 'Birgitta Olsson', organisation: 'Region Uppsala', roles: ['chair'] },
    { id: 'm_marikas', name: 'Marika Söderberg', organisation: 'Försäkringskassan', roles: ['member'] },
    { id: 'm_wictoria', name: 'Wictoria Palmetorp', organisation: 'Arbetsförmedlingen', roles: ['member'] },
    { id: 'm_nima', name: 'Nima Najafi', organisation: 'Tierps Kommun', roles: ['member'] },
    { id: 'm_geli', name: 'Geli Lytter', organisation: 'Samordningsförbundet', roles: ['kansli'] },
    { id: 'm_marikab', name: 'Marika Blomgren', organisation: 'Samordningsförbundet', roles: ['secretary', 'kansli'] },
  ],
  secretaryId: 'm_marikab',
  chairId: 'm_birgitta',
  adjusterIds: [],
  standing: [
    { key: 'previousMinutes', title: 'Föregående minnesanteckningar', kind: 'information', position: 'start' },
    { key: 'otherBusiness', title: 'Övriga frågor', kind: 'diskussion', position: 'end' },
    { key: 'nextMeeting', title: 'Nästa möte', kind: 'information', position: 'end' },
  ],
  items: [
    { title: 'Föregående minnesanteckningar', notes: ['Inget att tillägga'] },
    {
      title: 'Rotation av ordförande',
      notes: ['Från och med nästa möte tar Nima ordförandeskapet. Detta gäller fram tills dess att ordinarie representant från Tierps kommun finns på plats och därmed tar ordförandeskapet.'],
    },
    {
      title: 'Samordnare/Partsamordnare, uppdrag och start',
      notes: [
        'Tierps kommun: Annons för tjänsten som samordnare och partsamordnare går ut senast nästa vecka. Det finns minst en intressent för tjänsten redan nu.',
        'Försäkringskassan: Det finns i nuläget tre potentiella kandidater till partsamordnaruppdraget.',
        'Det är på gång hos samtliga parter, men inte klart och därför kommer Tierps lokusgrupp skicka in en avvikelserapport till Samordningsförbundet och skjuta på insatsstarten till 1 mars 2018 med avslut 28 februari 2020.',
      ],
    },
    {
      title: 'Granskning uppdrag',
      notes: ['Marika Söderberg beskriver upplägget för dagen som är planerad till den 7 mars klockan 8.30–15.00 i Borgenkyrkan i Tierp.'],
    },
    {
      title: 'Projektansökan, språkstödjare',
      notes: ['Lokusgruppen är positiv till att ställa sig bakom en ansökan.'],
    },
    { title: 'Övriga frågor', notes: ['Inga övriga frågor'] },
  ],
  nextMeeting: '16 mars klockan 13:00-15:00 på Regionen hus, lokal: Aspnäs\n(Obs! Byte av dag och tid mot tidigare planering)',
};

export const SEED_003: SeedMeeting = {
  groupName: 'Arbetsutskottet RAR',
  kind: 'arbetsutskott',
  format: 'protokoll',
  title: 'planeringsdag med arbetsutskottet - Samordningsförbundet RAR i Sörmland',
  date: '2016-02-04',
  time: { start: '09:00', end: '15:00' },
  place: 'Hotell Malmköping',
  people: [
    { id: 'm_marie', name: 'Marie Svensson', roles: ['chair'] },
    { id: 'm_ingrid', name: 'Ingrid Jerneborg Glimne', roles: ['viceChair'] },
    { id: 'm_britta', name: 'Britta Bergström', roles: ['viceChair', 'adjuster'] },
    { id: 'm_annalena', name: 'Anna-Lena Karlsson', organisation: 'Försäkringskassan', roles: ['member'] },
    { id: 'm_katarina', name: 'Katarina Enkvist Bohlin', organisation: 'Arbetsförmedlingen', roles: ['member'] },
    { id: 'm_ola', name: 'Ola Wiktorson', organisation: 'Samordningsförbundet RAR', title: 'förbundschef', roles: ['kansli'] },
    { id: 'm_ann', name: 'Ann Lundqvist', organisation: 'Samordningsförbundet RAR', title: 'förbundssekreterare', roles: ['secretary', 'kansli'] },
  ],
  secretaryId: 'm_ann',
  chairId: 'm_marie',
  adjusterIds: ['m_britta'],
  standing: [],
  partial: { m_ingrid: '§1-4' },
  items: [
    {
      title: 'Inledning',
      notes: [
        'Ordföranden Marie Svensson hälsade välkommen till arbetsutskottets planeringsdag.',
        'En "incheckningsrunda" gjordes.',
        'Efter Ingrid Jerneborg Glimnes besked om förhindrad närvaro under eftermiddagen enades arbetsutskottet om att punkten "Roller och förväntningar" utgår på agendan.',
      ],
    },
    {
      title: 'Psykisk ohälsa, KUR - Information',
      notes: ['Ola Wiktorson beskrev de utbildningar, som genomförts i Sörmland med cirka 100 deltagare per seminarium.'],
    },
    {
      title: 'AMIF projektansökan - Information',
      notes: [
        'Ola W berättade om ESF-projektet IBIS, IntegrationsBygget I Sörmland.',
        'Arbetsutskottet diskuterade ohälsotalet i Sörmland och behovet av fördjupad kartläggning och analys av långtidssjukskrivningarna.',
      ],
      decisions: ['Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att i dialog med Försäkringskassan utarbeta förslag till en fördjupad kartläggning och analys avseende sjukpenningtalet i Sörmlands kommuner.'],
    },
    {
      title: 'Vad vill RAR med medlemskapet i Nationella Nätverket för Samordningsförbund (NNS)',
      notes: ['Arbetsutskottet diskuterade NNS roll, konstaterade att styrkortet är utomordentligt bra och väl utarbetat samt enades om att medlemskapet är betydelsefullt.'],
    },
    {
      title: 'Implementering, hur ska vi förhålla oss?',
      notes: ['Vid arbetsutskottets diskussion om implementering och tillvaratagande av erfarenheter samt genomarbetade projektansökningar framfördes behovet av vägledning.'],
      decisions: ['Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att formulera förslag till tydlig vägledning för utformning av projektansökningar till RAR.'],
    },
    { title: 'Roller och förväntningar', notes: [], dropped: true },
    {
      title: 'Övrigt',
      notes: ['Britta Bergström informerade om att den 28 april kommer Oxelösunds kommun att visa en inspelad version av det seminarium som SKL arrangerar.'],
    },
    { title: 'Avslutning', notes: ['Ordföranden tackade mötesdeltagarna för visat intresse och avslutade därefter mötet.'] },
  ],
};

export const SEED_AT = (s: SeedMeeting) => `${s.date}T08:00:00.000Z`;

/** Where the group lives and who its people are in Teams (for the HTTP tests); defaults for pure tests. */
export interface SeedPlace {
  groupId: string;
  tenantId: string;
  conversationId: string;
  identity: (name: string) => { teamsId: string; aadObjectId: string };
}

export function seedGroup(s: SeedMeeting, place?: SeedPlace): Group {
  const at = '2015-01-01T00:00:00.000Z';
  const [first, ...rest] = s.people;
  const who = (name: string) => (place ? place.identity(name) : {});
  let g = newGroup({
    groupId: place?.groupId ?? `g_${s.kind}`,
    tenantId: place?.tenantId ?? 't',
    conversationId: place?.conversationId ?? `19:${s.kind}@thread.tacv2`,
    name: s.groupName,
    kind: s.kind,
    standingItems: s.standing,
    founder: { memberId: first!.id, roleId: 'r0', name: first!.name, ...(first!.organisation ? { organisation: first!.organisation } : {}), ...who(first!.name) },
    at,
  });
  for (const p of rest) g = must(addMember(g, { id: p.id, name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}), ...(p.title ? { title: p.title } : {}), ...who(p.name) }, at)).group;
  for (const p of s.people) g = must(setRoles(g, { id: `r-${p.id}`, memberId: p.id, roles: p.roles, effective: 'now', at }));
  if (first!.title) g = must(setTitle(g, first!.id, first!.title, at));
  return { ...g, settings: { ...g.settings, defaultFormat: s.format } };
}

/** The meeting as the bot records it: started, moved item by item, notes and decisions, ended. */
export function seedMeeting(s: SeedMeeting, group: Group): Meeting {
  const at = SEED_AT(s);
  let m = must(newMeeting({ id: `meeting-${s.date}`, group, title: s.title, format: s.format, date: s.date, ...(s.time ? { time: s.time } : {}), place: s.place, chairId: s.chairId, secretaryId: s.secretaryId, adjusterIds: s.adjusterIds, itemIds: s.standing.map((_, i) => `std${i}`), at }));
  s.items.forEach((item, i) => {
    if (m.items.some((x) => x.title === item.title)) return;
    m = must(addItem(m, { id: `item${i}`, title: item.title }, at)).meeting;
  });
  m = must(startMeeting(m, 'move-start', at, s.chairId));
  let n = 0;
  s.items.forEach((item) => {
    const target = m.items.find((x) => x.title === item.title)!;
    if (item.dropped) {
      m = must(dropItem(m, target.id, true, at));
      return;
    }
    m = must(goToItem(m, { to: 'item', itemId: target.id }, `move-${n++}`, at, s.chairId)).meeting;
    for (const text of item.notes) m = must(recordNote(m, { id: `note-${n++}`, text, by: s.secretaryId, byName: 'sekreterare' }, at)).meeting;
    for (const text of item.decisions ?? []) m = must(recordDecision(m, { id: `dec-${n++}`, text, by: s.secretaryId, byName: 'sekreterare' }, at)).meeting;
    for (const x of item.actions ?? []) {
      m = must(recordAction(m, { id: x.id, text: x.text, ownerId: x.ownerId, ownerName: x.ownerName, ...(x.due ? { due: x.due } : {}), by: s.secretaryId, byName: 'sekreterare' }, at)).meeting;
    }
  });
  if (s.nextMeeting) {
    const next = m.items.find((x) => x.standing === 'nextMeeting')!;
    m = must(goToItem(m, { to: 'item', itemId: next.id }, `move-${n++}`, at, s.chairId)).meeting;
    m = must(recordNote(m, { id: `note-${n++}`, text: s.nextMeeting, by: s.secretaryId, byName: 'sekreterare' }, at)).meeting;
  }
  const attendance = Object.fromEntries(
    s.people.map((p) => [
      p.id,
      s.marks?.[p.id] ? { ...s.marks[p.id]!, at } : s.partial?.[p.id] ? { status: 'partial' as const, items: s.partial[p.id]!, at } : { status: 'present' as const, at },
    ]),
  );
  return { ...must(endMeeting(m, at, s.chairId)), attendance };
}

/**
 * Seed 001: the strategiska utvecklingsgruppen's meeting of 2016-09-13 (minnesanteckningar). The
 * parties as the seed names them; Åsa Fichtel (förbundschef), Geli Lytter and the secretary
 * Magdalena Sjelin are the förbund's kansli. Long notes shortened.
 */
export const SEED_001: SeedMeeting = {
  groupName: 'Uppsala län',
  kind: 'strategisk-utvecklingsgrupp',
  format: 'minnesanteckningar',
  title: 'Strategiska utvecklingsgruppens möte',
  date: '2016-09-13',
  time: { start: '09:00', end: '12:00' },
  place: 'Clarion Hotel Gillet, Dragarbrunnsgatan 23, Uppsala',
  people: [
    { id: 'm_asa', name: 'Åsa Fichtel', organisation: 'Samordningsförbundet', title: 'förbundschef', roles: ['chair', 'kansli'] },
    { id: 'm_bertola', name: 'Bert-Ola Dahlgren', organisation: 'Älvkarleby kommun', roles: ['member'] },
    { id: 'm_birgitta', name: 'Birgitta Pleijel', organisation: 'Landstinget', roles: ['member'] },
    { id: 'm_mats', name: 'Mats Ståhl Elgström', organisation: 'Knivsta kommun', roles: ['member'] },
    { id: 'm_victoria', name: 'Victoria Palmetorp', organisation: 'Arbetsförmedlingen', roles: ['member'] },
    { id: 'm_marika', name: 'Marika Söderberg', organisation: 'Försäkringskassan', roles: ['member'] },
    { id: 'm_martina', name: 'Martina Apell', organisation: 'Arbetsförmedlingen', roles: ['member'] },
    { id: 'm_asaj', name: 'Åsa Johansson', organisation: 'Heby kommun', roles: ['member'] },
    { id: 'm_catrin', name: 'Catrin Josephson', organisation: 'Håbo kommun', roles: ['member'] },
    { id: 'm_mikael', name: 'Mikael Sjöberg', organisation: 'Östhammars kommun', roles: ['member'] },
    { id: 'm_randi', name: 'Randi Graungaard', organisation: 'Tierps kommun', roles: ['member'] },
    { id: 'm_lena', name: 'Lena Winterbom', organisation: 'Uppsala kommun', roles: ['member'] },
    { id: 'm_agneta', name: 'Agneta Eklund', organisation: 'Landstinget', roles: ['member'] },
    { id: 'm_geli', name: 'Geli Lytter', organisation: 'Samordningsförbundet', title: 'verksamhetsutvecklare', roles: ['kansli'] },
    { id: 'm_magdalena', name: 'Magdalena Sjelin', organisation: 'Samordningsförbundet', roles: ['secretary', 'kansli'] },
    { id: 'm_carina', name: 'Carina Bergman', organisation: 'Arbetsförmedlingen', roles: ['member'] },
    { id: 'm_elisabeth', name: 'Elisabeth Kantor', organisation: 'Enköpings kommun', roles: ['member'] },
    { id: 'm_annalena', name: 'Anna-Lena Rudström', organisation: 'Tierps kommun', roles: ['member'] },
    { id: 'm_ulrika', name: 'Ulrika Björn', organisation: 'Enköpings kommun', roles: ['member'] },
  ],
  secretaryId: 'm_magdalena',
  chairId: 'm_asa',
  adjusterIds: [],
  standing: [{ key: 'nextMeeting', title: 'Nästa möte', kind: 'information', position: 'end' }],
  marks: { m_carina: { status: 'absent' }, m_elisabeth: { status: 'absent' }, m_annalena: { status: 'absent' }, m_ulrika: { status: 'absent' } },
  items: [
    {
      title: 'Långsiktig samverkan',
      notes: [
        'Reflektioner från internatet: generellt upplevde gruppen att det var nyttigt för både lokusgrupperna och för styrelsen att få möjlighet att träffa varandra.',
        'Förbundschefen presenterade de resurser som samtliga lokusgrupper har ansökt om inför 2017.',
      ],
      actions: [{ id: 'a-lots', ownerId: 'm_geli', ownerName: 'Geli Lytter', text: 'skicka underlaget för basuppföljning av lots-ärenden digitalt till gruppen' }],
    },
    { title: 'Projekt på gång', notes: ['Åsa Fichtel informerar om ansökningar till projekt som har kommit eller som kommer att komma in inom kort.'] },
    {
      title: 'KISA – SG som referensgrupp?',
      notes: ['Samordningsförbundet har fått frågan om den strategiska utvecklingsgruppen skulle kunna vara en referensgrupp till projektet Kortare Integration Snabbare i Arbete (KISA).'],
      decisions: ['Gruppen beslutar att man kan verka som en referensgrupp för KISA så länge projektledarens besök infaller under ordinarie möten för den strategiska utvecklingsgruppen.'],
    },
    { title: 'Övrigt', notes: ['Inget övrigt.'] },
  ],
  nextMeeting: '28 oktober kl. 13.00–16.00',
};

/** Seed 004: the strategiska utvecklingsgruppen's meeting of 2017-02-14; the kansli as the seed lists it. */
export const SEED_004: SeedMeeting = {
  groupName: 'Uppsala län',
  kind: 'strategisk-utvecklingsgrupp',
  format: 'minnesanteckningar',
  title: 'Strategiska utvecklingsgruppens möte',
  date: '2017-02-14',
  time: { start: '09:00', end: '12:00' },
  place: 'Uppsala, Storgatan 27, kvarteret Eldaren, konferensrum Askholmen, plan 0',
  people: [
    { id: 'm_asa', name: 'Åsa Fichtel', organisation: 'Kansli', title: 'förbundschef', roles: ['chair', 'kansli'] },
    { id: 'm_asaj', name: 'Åsa Johansson', organisation: 'Heby kommun', roles: ['member'] },
    { id: 'm_bertola', name: 'Bert-Ola Dahlgren', organisation: 'Älvkarleby kommun', roles: ['member'] },
    { id: 'm_agnetar', name: 'Agneta Runberg', organisation: 'Älvkarleby kommun', roles: ['member'] },
    { id: 'm_annalena', name: 'Anna-Lena Rudström', organisation: 'Tierps kommun', roles: ['member'] },
    { id: 'm_randi', name: 'Randi Graungaard', organisation: 'Tierps kommun', roles: ['member'] },
    { id: 'm_mikael', name: 'Mikael Sjöberg', organisation: 'Östhammars kommun', roles: ['member'] },
    { id: 'm_lena', name: 'Lena Winterbom', organisation: 'Uppsala kommun', roles: ['member'] },
    { id: 'm_mats', name: 'Mats Elgström Ståhl', organisation: 'Knivsta kommun', roles: ['member'] },
    { id: 'm_birgitta', name: 'Birgitta Pleijel', organisation: 'Region Uppsala', roles: ['member'] },
    { id: 'm_agnetae', name: 'Agneta Eklund', organisation: 'Region Uppsala', roles: ['member'] },
    { id: 'm_wictoria', name: 'Wictoria Palmatorp', organisation: 'Arbetsförmedlingen', roles: ['member'] },
    { id: 'm_martina', name: 'Martina Apell', organisation: 'Arbetsförmedlingen', roles: ['member'] },
    { id: 'm_carina', name: 'Carina Bergman', organisation: 'Arbetsförmedlingen', roles: ['member'] },
    { id: 'm_marika', name: 'Marika Söderberg', organisation: 'Försäkringskassan', roles: ['member'] },
    { id: 'm_geli', name: 'Geli Lytter', organisation: 'Kansli', roles: ['kansli'] },
    { id: 'm_kimmo', name: 'Kimmo Niva', organisation: 'Kansli', roles: ['kansli'] },
    { id: 'm_maria', name: 'Maria Dahl Blomberg', organisation: 'Kansli', roles: ['secretary', 'kansli'] },
    { id: 'm_marie', name: 'Marie Palmgren', organisation: 'Enköpings kommun', roles: ['member'] },
  ],
  secretaryId: 'm_maria',
  chairId: 'm_asa',
  adjusterIds: [],
  standing: [],
  marks: { m_marie: { status: 'absent' } },
  items: [
    { title: 'Årsredovisning/ekonomi', notes: ['Kimmo Niva presenterade det ekonomiska resultatet 2016.'] },
    { title: 'Inriktning inför 2018', notes: ['Åsa berättade att inriktningen kring år 2018 diskuteras i arbetsutskottet. Det finns en önskan om att se mer konkreta resultat av arbetet som bedrivs.'] },
    {
      title: 'Uppdragsbeskrivning 2017 för samverkanskoordinatorerna',
      notes: ['En arbetsgrupp har jobbat fram en uppdragsbeskrivning för rollen som samverkanskoordinator, vilken gruppen efter diskussion enats om med vissa korrigeringar.'],
      actions: [{ id: 'a-uppdrag', ownerId: 'm_lena', ownerName: 'Lena Winterbom', text: 'presentera uppdraget för samverkanskoordinatorerna', due: '2017-03-03' }],
    },
    { title: 'Övrigt', notes: ['Marika presenterade ett ideellt nätverk som heter SeSam som har funnits sedan 1992.', 'Samordningsförbundet har två planerade seminarier under vårvintern 2017 som koordineras av kansliet.'] },
  ],
};

/**
 * Seed 003's arbetsutskott at an ordinary sammanträde: the group's default title and the standing
 * items of a body that keeps a protokoll ("Val av justerare", "Godkännande av dagordningen",
 * "Föregående protokoll", …), with the seed's items and decisions in between.
 */
export function seed003Sammantrade(standing: StandingItem[]): SeedMeeting {
  const items = SEED_003.items.filter((i) => ['AMIF projektansökan - Information', 'Implementering, hur ska vi förhålla oss?'].includes(i.title));
  return {
    ...SEED_003,
    title: 'Arbetsutskottets sammanträde',
    date: '2016-03-30',
    time: { start: '13:00', end: '17:00' },
    standing,
    partial: {},
    items: [
      { title: 'Val av justerare', notes: ['Britta Bergström valdes att jämte ordföranden justera dagens protokoll.'] },
      { title: 'Godkännande av dagordningen', notes: ['Dagordningen godkändes.'] },
      { title: 'Föregående protokoll', notes: ['Protokollet från planeringsdagen den 4 februari lades till handlingarna.'] },
      ...items,
      { title: 'Övriga frågor', notes: ['Inga övriga frågor.'] },
      { title: 'Nästa sammanträde', notes: ['Nästa sammanträde är den 27 april kl. 13.00–16.00.'] },
    ],
  };
}

/**
 * A förbundsstyrelse's sammanträde deciding seed 002's proposal (Samordnare och partsamordnare
 * Tierp): members for the parties, a substitute serving for a member who sent apologies, the
 * förbundschef present without being a party.
 */
export function seedStyrelse(standing: StandingItem[]): SeedMeeting {
  return {
    groupName: 'Samordningsförbundet Uppsala län',
    kind: 'styrelse',
    format: 'protokoll',
    title: 'Förbundsstyrelsens sammanträde',
    date: '2017-12-15',
    time: { start: '09:00', end: '11:30' },
    place: 'Regionens hus, Uppsala',
    people: [
      { id: 'm_karin', name: 'Karin Lundgren', organisation: 'Tierps kommun', roles: ['chair'] },
      { id: 'm_per', name: 'Per Holmberg', organisation: 'Region Uppsala', roles: ['viceChair'] },
      { id: 'm_sara', name: 'Sara Bergkvist', organisation: 'Försäkringskassan', roles: ['member'] },
      { id: 'm_johan', name: 'Johan Ahlström', organisation: 'Arbetsförmedlingen', roles: ['member', 'adjuster'] },
      { id: 'm_eva', name: 'Eva Nordin', organisation: 'Försäkringskassan', roles: ['substitute'] },
      { id: 'm_asa', name: 'Åsa Fichtel', organisation: 'Samordningsförbundet Uppsala län', title: 'förbundschef', roles: ['kansli'] },
      { id: 'm_maria', name: 'Maria Dahl Blomberg', organisation: 'Samordningsförbundet Uppsala län', title: 'förbundssekreterare', roles: ['secretary', 'kansli'] },
    ],
    secretaryId: 'm_maria',
    chairId: 'm_karin',
    adjusterIds: ['m_johan'],
    standing,
    marks: { m_sara: { status: 'excused' }, m_eva: { status: 'substitute', substituteFor: 'm_sara' } },
    items: [
      { title: 'Val av justerare', notes: ['Johan Ahlström valdes att jämte ordföranden justera dagens protokoll.'] },
      { title: 'Godkännande av dagordningen', notes: ['Dagordningen godkändes.'] },
      { title: 'Föregående protokoll', notes: ['Föregående protokoll lades till handlingarna.'] },
      {
        title: 'Samordnare och partsamordnare Tierp',
        notes: ['Tierps kommun, Arbetsförmedlingen, Försäkringskassan och Region Uppsala ansöker om medel till en insats med syfte att utveckla flerpartssamverkan. Åsa Fichtel föredrog ärendet.'],
        decisions: [
          'Förbundsstyrelsen beslutade\natt bevilja finansiellt stöd från förbundet enligt ansökan till insatsen Samordnare och partsamordnare Tierp\natt avsätta maximalt 2 500 000 kr som finansiering under perioden 2018-01-01 till 2019-12-31',
        ],
      },
      { title: 'Övriga frågor', notes: ['Inga övriga frågor.'] },
      { title: 'Nästa sammanträde', notes: ['Nästa sammanträde är den 9 februari 2018 kl. 9.00–12.00.'] },
    ],
  };
}
