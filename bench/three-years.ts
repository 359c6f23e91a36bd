/**
 * A förbund's three years in a Lokus data folder, for the benchmark's "after three years" rows:
 * 10 groups, 10 meetings a year each (plans, notices, agendas, check-ins and an excused member,
 * notes, decisions and action items per item, minutes drafted, sent and signed), action items
 * marked done at the next meeting, an approval request every other meeting (answers from every
 * party, a comment, the chair's signature), and at the end a busy week's 20,000 activity claims
 * (messages and card presses, which the bot keeps for a week).
 *
 * The three years are made by the real bot (`startLokus` in this process, embedded Cosmos on the
 * folder) through the chat commands and card presses people use, over real HTTP, with a fake clock
 * that moves through the three years ending at the time of generation; the scheduler ticks along
 * (so reminders go out); the traffic's own claims are deleted at the end, as their time to live would
 * have by then. The week's claims are written
 * with the bot's own ActivityClaims (driving 20,000 turns would take minutes). The bot is then
 * closed, so the data is saved in the folder as users' data is.
 *
 *   npm run bench:data -- <dir>        (a fresh folder; BENCH_DATA_YEARS=1 for a quicker, smaller one)
 *
 * `npm run bench` uses `cachedThreeYears()`: one folder under bench/results/, made again when the
 * generator (GENERATOR_VERSION) or the store code (src/store) changed, or when its activity claims
 * are near a week old.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { loadConfig } from '../src/app/config.js';
import { createLogger } from '../src/app/log.js';
import { startLokus, type Lokus } from '../src/app/lokus.js';
import { groupIdOf } from '../src/bot/context.js';
import { channel, person, personalChat, type Conversation, type Person } from '../test/support/activities.js';
import { cardText } from '../test/support/cards.js';
import { ROOT } from './lib/proc.js';
import { choiceValues, LoopbackConnector, Teams, type OnScreen } from './lib/teams.js';

/** Bump when what the generator makes changes: cached folders of another version are made again. */
export const GENERATOR_VERSION = 3;
const DAY = 86_400_000;
const MEETINGS_PER_YEAR = 10;
const GROUPS = 10;
/** A busy week's activities (each leaves an activity claim for a week). */
const WEEK_ACTIVITIES = 20_000;
/** Cached claims are at most this old when the folder is made; it is made again before they expire. */
const CLAIMS_SPAN_DAYS = 2;
const CACHE_MAX_AGE_DAYS = 4;

export interface ThreeYearSummary {
  generator: number;
  generatedAt: string;
  /** The fake clock's range: three years ending at generation. */
  from: string;
  to: string;
  groups: number;
  meetings: number;
  approvals: number;
  /** Requests sent to the bot (setup and meetings), and the last week's activity claims. */
  requests: { messages: number; invokes: number; lastWeek: number };
  documents: { domain?: number; bot?: number };
  dataBytes: number;
  seconds: number;
}

// ---- the fake clock --------------------------------------------------------------------------------

/** Time as the bot sees it: a set instant, moving on at `speed` × real time from there. */
class Clock {
  private base = 0;
  private realAt = 0;
  private speed = 60;
  now = (): Date => new Date(this.base + (performance.now() - this.realAt) * this.speed);

  set(at: Date, speed = 60): void {
    // Never backwards: a phase that ran long pushes the next one on.
    this.base = Math.max(at.getTime(), this.now().getTime() + 1000);
    this.realAt = performance.now();
    this.speed = speed;
  }
}

const day = (d: Date) => format(d, 'yyyy-MM-dd', { in: tz('Europe/Stockholm') });
/** `d` at hh:mm UTC (Stockholm is 1–2 h ahead). */
const at = (d: Date, hh: number, mm = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hh, mm));
/** The next Tuesday–Thursday on or after `d`. */
function weekday(d: Date): Date {
  let x = d;
  while (![2, 3, 4].includes(x.getUTCDay())) x = new Date(x.getTime() + DAY);
  return x;
}

// ---- the förbund -----------------------------------------------------------------------------------

const FIRST = ['Anna', 'Lars', 'Maria', 'Erik', 'Karin', 'Johan', 'Sara', 'Per', 'Eva', 'Anders', 'Lena', 'Mikael', 'Ingrid', 'Nils', 'Helena', 'Olof', 'Birgitta', 'Fredrik', 'Kerstin', 'Magnus', 'Sofia', 'Henrik', 'Annika', 'Gustav'];
const LAST = ['Lindqvist', 'Andersson', 'Berg', 'Nyström', 'Holm', 'Sandberg', 'Ek', 'Lundgren', 'Forsberg', 'Hedlund', 'Åberg', 'Sjöberg', 'Wikström', 'Dahl', 'Björk', 'Engström', 'Lind', 'Strand', 'Hellström', 'Norberg', 'Öberg'];
let named = 0;
/** A new person with a name of their own (first × last names, in an order that does not repeat). */
function someone(): Person {
  const i = named++;
  return person(`${FIRST[i % FIRST.length]!} ${LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]!}`);
}

interface GroupPlan {
  conv: Conversation;
  name: string;
  kind: 'lokusgrupp' | 'strategisk-utvecklingsgrupp' | 'arbetsutskott' | 'styrelse' | 'annan';
  format: 'protokoll' | 'minnesanteckningar';
  place: string;
  secretary: Person;
  chair: Person;
  adjuster: Person;
  /** One representative per party, who answer approvals. */
  partyReps: Person[];
  members: Array<[Person, string]>;
  /** The last approval request card in the channel (members' card refreshes in the busy week). */
  lastApproval?: OnScreen;
}

const MUNICIPALITIES = ['Tierp', 'Östhammar', 'Enköping', 'Håbo', 'Knivsta', 'Heby'];

function förbund(): GroupPlan[] {
  // The förbund's director, in every group (kansli), is the first name: Anna Lindqvist, the
  // benchmark's own chair, so the bench's "hjälp" and check-in setups come from someone with history.
  const director = someone();
  const plan = (name: string, kind: GroupPlan['kind'], municipalities: string[], perParty: number, formatOf: GroupPlan['format'], place: string): GroupPlan => {
    const parties = ['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', ...municipalities.map((m) => `${m}s kommun`)];
    const members: Array<[Person, string]> = [];
    const reps: Person[] = [];
    for (const party of parties) {
      for (let i = 0; i < perParty; i++) {
        const p = someone();
        members.push([p, party]);
        if (i === 0) reps.push(p);
      }
    }
    const secretary = someone();
    members.push([director, 'Samordningsförbundet']);
    return {
      conv: channel(`forbund-${name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-')}`),
      name, kind, format: formatOf, place, secretary,
      chair: reps[0]!, adjuster: reps[2]!, partyReps: reps, members,
    };
  };
  return [
    ...MUNICIPALITIES.map((m) => plan(m, 'lokusgrupp', [m], 2, 'minnesanteckningar', `${m} kommunhus`)),
    plan('Strategisk utvecklingsgrupp', 'strategisk-utvecklingsgrupp', MUNICIPALITIES.slice(0, 3), 1, 'minnesanteckningar', 'Regionens hus, Uppsala'),
    plan('Beredningsgruppen', 'annan', MUNICIPALITIES.slice(3), 1, 'minnesanteckningar', 'Förbundets kansli'),
    plan('Arbetsutskottet', 'arbetsutskott', MUNICIPALITIES.slice(0, 2), 1, 'protokoll', 'Förbundets kansli'),
    plan('Förbundsstyrelsen', 'styrelse', MUNICIPALITIES, 1, 'protokoll', 'Regionens hus, Uppsala'),
  ].slice(0, GROUPS);
}

const ITEMS = [
  'Samordnare och partsamordnare, uppdrag och start', 'Insatsen Steget vidare, uppföljning', 'Ekonomisk uppföljning per tertial',
  'Avvikelserapport, insatsstart', 'Projektansökan, språkstödjare', 'Utbildningsdag för handläggare', 'Verksamhetsplan och budget',
  'Resurskatalogen', 'Indikatorer och SUS-registrering', 'Rapport från lokusgrupperna', 'Samverkan med vårdcentralerna',
  'Kartläggning av sjukpenningtalet', 'Nationella nätverket för samordningsförbund', 'Lokaler och tillgänglighet',
];
const NOTES = [
  'Gruppen gick igenom läget hos varje part. Det är på gång hos samtliga parter men inte klart.',
  'Försäkringskassan: verksamheten har kraftigt reducerade personalresurser sedan en tid tillbaka, vilket medför vissa utmaningar.',
  'Arbetsförmedlingen: flera har visat intresse för uppdraget; det är viktigt att någon är stationerad på orten.',
  'Region Uppsala: det behövs tre partsamordnare från regionens sida, en från vårdcentralerna, en från psykiatrin och en från habiliteringen.',
  'Kommunen: annonsen för tjänsten går ut senast nästa vecka. Det finns minst en intressent redan nu.',
  'Uppföljningen visar att 42 deltagare har skrivits in under perioden, varav 11 har gått vidare till arbete eller studier.',
  'Gruppen diskuterade hur deltagarnas röster kan tas till vara i utvärderingen.',
  'Inget att tillägga.',
];
const DECISIONS = [
  'att godkänna föregående minnesanteckningar',
  'att ställa sig bakom ansökan och skicka den till förbundets kansli',
  'att skjuta på insatsstarten till 1 mars med avslut 28 februari',
  'att ge kansliet i uppdrag att ta fram ett förslag till uppföljning',
  'att lägga informationen till handlingarna',
];

// ---- one group's life -------------------------------------------------------------------------------

interface Tally {
  meetings: number;
  approvals: number;
}

class GroupLife {
  private itemSeq = 0;

  constructor(private readonly teams: Teams, private readonly lokus: Lokus, private readonly g: GroupPlan, private readonly tally: Tally) {}

  private say = (who: Person, text: string) => this.teams.say(this.g.conv, who, text);

  /** The secretary sets the group up as its founder: create it, pick everyone from the roster, give the roles. */
  async setUp(): Promise<void> {
    const { teams, g } = this;
    const secretary = g.secretary;
    teams.connector.rosters.set(g.conv.id, [secretary, ...g.members.map(([p]) => p)]);
    let card = await teams.sayForCard(g.conv, secretary, 'grupp');
    card = await teams.press(g.conv, secretary, card, 'Skapa gruppen', { groupName: g.name, groupKind: g.kind, organisation: 'Samordningsförbundet' });
    for (const party of [...new Set(g.members.map(([, party]) => party))]) {
      card = await teams.press(g.conv, secretary, card, 'Hämta från Teams');
      card = await teams.press(g.conv, secretary, card, 'Lägg till valda', { people: g.members.filter(([, p]) => p === party).map(([p]) => p.id).join(','), rosterOrganisation: party });
    }
    const roles: Array<[Person, string]> = [[g.chair, 'chair'], [g.partyReps[1]!, 'viceChair'], [g.members.at(-1)![0], 'kansli']];
    if (g.format === 'protokoll') roles.push([g.adjuster, 'adjuster']);
    roles.push([secretary, 'secretary,kansli']);
    for (const [p, r] of roles) {
      card = await teams.press(g.conv, secretary, card, 'Spara roll', { roleMemberId: await teams.pick(g.conv, secretary, card, 'roleMemberId', p.name), roles: r, effective: 'now' });
    }
  }

  /** A week before: last meeting's action items followed up, the meeting planned with its items, the notice sent. */
  async plan(date: Date, round: number): Promise<void> {
    const { teams, g } = this;
    if (round > 0) {
      const list = (await this.say(g.secretary, 'uppdragslista')).cards[0];
      // All but the newest one are done by now; that one is carried forward to the next agenda.
      const open = list ? choiceValues(list.card, 'actionRef', /./) : [];
      for (const ref of open.slice(0, -1)) await teams.click(g.conv, g.secretary, list!, 'Markera klart', { actionRef: ref });
    }
    let plan = await teams.sayForCard(g.conv, g.chair, `nytt möte ${day(date)} kl 13-15 ${g.place}`);
    if (g.format === 'protokoll') plan = await teams.press(g.conv, g.secretary, plan, 'Spara', { format: 'protokoll', adjusterIds: await teams.pick(g.conv, g.secretary, plan, 'adjusterIds', g.adjuster.name) });
    for (let i = 0; i < 4; i++) await this.say(g.secretary, `punkt ${ITEMS[this.itemSeq++ % ITEMS.length]!}`);
    await teams.press(g.conv, g.secretary, plan, 'Skicka kallelse');
  }

  /** Every other month: an approval request to one representative per party, answered, signed by the chair. */
  async askApproval(deadline: Date, round: number): Promise<void> {
    const { teams, g } = this;
    const title = `Avvikelserapport ${round + 1}: insatsstart flyttas`;
    const form = await teams.sayForCard(g.conv, g.secretary, `godkännande ${title}`);
    const voters: string[] = [];
    for (const p of g.partyReps) voters.push(await teams.pick(g.conv, g.secretary, form, 'voters', p.name));
    // Every other request (asked in even rounds) is signed by the chair once approved.
    const sign = round % 4 === 2;
    await teams.press(g.conv, g.secretary, form, 'Skicka för godkännande', {
      text: 'Det är på gång hos samtliga parter men inte klart. Gruppen skickar därför en avvikelserapport till förbundet och skjuter på insatsstarten med en månad.',
      voters: voters.join(','),
      rule: 'onePerParty',
      deadlineDate: day(deadline),
      deadlineTime: '12:00',
      reminder: 'd1',
      signatory: sign ? await teams.pick(g.conv, g.secretary, form, 'signatory', g.chair.name) : 'none',
    });
    // The form becomes the request card in the channel (updated in place): what the members see.
    await this.lokus.deps.background.idle();
    const request = teams.lastCard(g.conv, (t) => t.includes(title) && t.includes('Godkänn'));
    if (!request) throw new Error(`${g.name}: no approval request card in the channel`);
    for (const [i, p] of g.partyReps.entries()) {
      if (i === 1) await teams.click(g.conv, p, request, 'Skicka synpunkt', { comment: 'Lägg till att annonsen går ut nästa vecka.' });
      await teams.click(g.conv, p, request, 'Godkänn');
    }
    if (sign) {
      await this.lokus.deps.background.idle();
      const chat = personalChat(g.chair);
      const card = teams.lastCard(chat, (t) => t.includes('Underskrift begärs') && t.includes(title));
      if (!card) throw new Error(`${g.name}: no signature card for ${g.chair.name}`);
      await teams.press(chat, g.chair, card, 'Skriv under');
    }
    await this.lokus.deps.background.idle();
    g.lastApproval = teams.lastCard(g.conv, (t) => t.includes(title)) ?? request;
    this.tally.approvals++;
  }

  /** The meeting: start, check-ins, notes, decisions and action items item by item, end. */
  async meet(date: Date, round: number): Promise<void> {
    const { teams, g } = this;
    const started = await this.say(g.chair, 'starta möte');
    const checkIn = started.cards.find((c) => cardText(c.card).startsWith('Närvaro:'));
    if (!checkIn) throw new Error(`${g.name}: no check-in card (${started.texts.join(' / ')})`);
    const everyone = g.members.map(([p]) => p);
    const away = everyone[(round * 3 + 1) % everyone.length]!;
    for (const p of [g.secretary, ...everyone]) if (p !== away) await teams.click(g.conv, p, checkIn, 'Närvarande');
    const form = await teams.press(g.conv, g.secretary, checkIn, 'Visa min närvaro');
    await teams.click(g.conv, g.secretary, form, 'Spara närvaro', { memberId: await teams.pick(g.conv, g.secretary, form, 'memberId', away.name), status: 'excused' });

    const meeting = (await this.lokus.deps.meetings.list(groupIdFor(g), ['started']))[0];
    const items = meeting?.items.length ?? 7;
    for (let i = 0; i < items; i++) {
      await this.say(g.secretary, `anteckning ${NOTES[(round + i) % NOTES.length]!}`);
      if ((round + i) % 3 === 0) await this.say(g.secretary, `anteckning ${NOTES[(round + i + 3) % NOTES.length]!}`);
      if (i === 1 || i === 3) await this.say(g.secretary, `beslut ${g.name} beslutade ${DECISIONS[(round + i) % DECISIONS.length]!}.`);
      if (i === 2 || i === 4) {
        const owner = g.partyReps[(round + i) % g.partyReps.length]!;
        await this.say(g.secretary, `uppdrag ${owner.name}: återkoppla till gruppen om ${ITEMS[(round + i) % ITEMS.length]!.toLowerCase()} senast ${day(new Date(date.getTime() + 28 * DAY))}`);
      }
      if (i < items - 1) await this.say(g.chair, 'nästa punkt');
    }
    await this.say(g.chair, 'avsluta möte');
    this.tally.meetings++;
  }

  /** Two days later: the secretary sends the draft for justering; the chair (and adjuster) sign. */
  async signMinutes(): Promise<void> {
    const { teams, g } = this;
    const chat = personalChat(g.secretary);
    const draft = teams.lastCard(chat, (t) => t.includes('Skicka för justering'));
    if (!draft) throw new Error(`${g.name}: no minutes draft for ${g.secretary.name}`);
    await teams.press(chat, g.secretary, draft, 'Skicka för justering');
    await this.lokus.deps.background.idle();
    for (const p of g.format === 'protokoll' ? [g.chair, g.adjuster] : [g.chair]) {
      const card = teams.lastCard(personalChat(p), (t) => /Justera/.test(t));
      if (!card) throw new Error(`${g.name}: no justering card for ${p.name}`);
      await teams.press(personalChat(p), p, card, 'Justera');
      await this.lokus.deps.background.idle();
    }
  }
}

/**
 * A busy week's activities as the bot leaves them: one activity claim each (ActivityClaims, as the
 * bot writes them for every incoming message and card press), 7 in 10 messages in the channels and
 * personal chats, 3 in 10 card presses whose answer (a real approval history card, pressed once
 * here through the bot) is kept with the claim; spread over the last days before `end`.
 */
async function busyWeek(lokus: Lokus, teams: Teams, groups: GroupPlan[], end: Date): Promise<number> {
  const claims = lokus.deps.activityClaims;
  const g0 = groups.find((g) => g.lastApproval)!;
  const answer = await teams.click(g0.conv, g0.partyReps[0]!, g0.lastApproval!, 'Visa historik');
  const stored = answer.card ? { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer.card } } : { status: 200 };
  const people = groups.flatMap((g) => g.members.map(([p]) => ({ g, p })));
  const from = end.getTime() - CLAIMS_SPAN_DAYS * DAY;
  const span = CLAIMS_SPAN_DAYS * DAY - 60_000;
  const run = randomUUID().slice(0, 8);
  let next = 0;
  const worker = async () => {
    while (next < WEEK_ACTIVITIES) {
      const i = next++;
      const { g, p } = people[i % people.length]!;
      const at = new Date(from + (i / WEEK_ACTIVITIES) * span);
      const invoke = i % 10 < 3;
      const ref = { channelId: 'msteams', conversationId: invoke || i % 2 === 0 ? g.conv.id : personalChat(p).id, activityId: `week-${run}-${i}`, activityType: invoke ? 'invoke:adaptiveCard/action' : 'message' };
      const c = await claims.claim(ref, at);
      if (invoke) await claims.complete(c.id, ref.activityType, at.toISOString(), new Date(at.getTime() + 150), stored);
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  return WEEK_ACTIVITIES;
}

function groupIdFor(g: GroupPlan): string {
  return groupIdOf(g.conv.tenantId, g.conv.id);
}

// ---- the generator ------------------------------------------------------------------------------------

export interface GenerateOptions {
  /** The end of the three years (default: now). */
  end?: Date;
  years?: number;
  log?: (text: string) => void;
}

/** Makes a förbund's three years in `dir` (which must be empty or missing). */
export async function generateThreeYears(dir: string, opts: GenerateOptions = {}): Promise<ThreeYearSummary> {
  const log = opts.log ?? ((t: string) => process.stderr.write(`${t}\n`));
  const years = opts.years ?? 3;
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const end = opts.end ?? new Date();
  const start = new Date(end.getTime() - years * 365 * DAY);
  const clock = new Clock();
  clock.set(start);
  const connector = await new LoopbackConnector().start();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOKUS_DATA_DIR: dir, LOG_LEVEL: 'warn' });
  const lokus = await startLokus(config, { log: createLogger('warn', { write: (line: string) => void process.stderr.write(line) }), now: clock.now, schedulerIntervalMs: 0 });
  const teams = new Teams(lokus.url, connector);
  const tally: Tally = { meetings: 0, approvals: 0 };
  named = 0;
  const groups = förbund();
  const lives = groups.map((g) => new GroupLife(teams, lokus, g, tally));
  const phases: Record<string, number> = {};
  const all = async (phase: string, f: (life: GroupLife) => Promise<void>) => {
    const t = performance.now();
    await Promise.all(lives.map(f));
    phases[phase] = (phases[phase] ?? 0) + (performance.now() - t) / 1000;
  };
  const tick = async () => void (await lokus.deps.scheduler.tick());
  let lastWeek = 0;
  try {
    await all('setUp', (l) => l.setUp());
    log(`three-year data: ${groups.length} groups set up, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const rounds = years * MEETINGS_PER_YEAR;
    const spacing = ((years * 365 - 21) / rounds) * DAY;
    for (let r = 0; r < rounds; r++) {
      const date = weekday(new Date(start.getTime() + 7 * DAY + r * spacing));
      clock.set(at(new Date(date.getTime() - 7 * DAY), 8));
      await all('plan', (l) => l.plan(date, r));
      await tick();
      if (r % 2 === 0) {
        clock.set(at(new Date(date.getTime() - 6 * DAY), 9));
        await all('approval', (l) => l.askApproval(new Date(date.getTime() - 2 * DAY), r));
        await tick();
      }
      clock.set(at(date, 12));
      await all('meet', (l) => l.meet(date, r));
      await lokus.deps.background.idle();
      await tick();
      clock.set(at(new Date(date.getTime() + 2 * DAY), 8));
      await all('minutes', (l) => l.signMinutes());
      await tick();
      if ((r + 1) % 5 === 0 || r === 0) log(`three-year data: ${r + 1}/${rounds} rounds (${day(date)}), ${tally.meetings} meetings, ${((performance.now() - t0) / 1000).toFixed(0)} s (${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ')})`);
    }

    // The last days. First, as a running bot would have by now: the claims of the traffic above
    // (older than a week) expired. Then a busy week's activities, as claims (see busyWeek).
    clock.set(new Date(end.getTime() - CLAIMS_SPAN_DAYS * DAY));
    // Their time to live (a week) is counted from when they were written, here minutes ago: deleted
    // as Cosmos DB (and the embedded server's sweep) would have deleted them by now.
    const { resources: old } = await lokus.store.bot.items.query<{ id: string; pk: string }>("SELECT c.id, c.pk FROM c WHERE c.type = 'activityClaim'").fetchAll();
    for (let i = 0; i < old.length; i += 100) await Promise.all(old.slice(i, i + 100).map((c) => lokus.store.bot.item(c.id, c.pk).delete()));
    const weekStarted = performance.now();
    lastWeek = await busyWeek(lokus, teams, groups, end);
    log(`three-year data: the last week's ${lastWeek} activity claims in ${((performance.now() - weekStarted) / 1000).toFixed(0)} s`);
    clock.set(end, 1);
    await lokus.deps.background.idle();
    const documents = { domain: await count(lokus.store.domain), bot: await count(lokus.store.bot) };
    await lokus.close();
    const summary: ThreeYearSummary = {
      generator: GENERATOR_VERSION,
      generatedAt: new Date().toISOString(),
      from: start.toISOString(),
      to: end.toISOString(),
      groups: groups.length,
      meetings: tally.meetings,
      approvals: tally.approvals,
      requests: { messages: teams.sent.message, invokes: teams.sent.invoke, lastWeek },
      documents,
      dataBytes: folderBytes(dir),
      seconds: (performance.now() - t0) / 1000,
    };
    return summary;
  } finally {
    teams.close();
    await lokus.close();
    await connector.stop();
  }
}

/** Documents in a container; undefined when the count outlasts the client's 2 s timeout (the bot container's 20,000 claims do). */
async function count(container: Lokus['store']['domain']): Promise<number | undefined> {
  try {
    return (await container.items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll()).resources[0];
  } catch {
    return undefined;
  }
}

function folderBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) n += readFileSync(path.join(e.parentPath, e.name)).length;
  }
  return n;
}

// ---- the cache -----------------------------------------------------------------------------------------

/** What makes a cached folder stale: the generator, and the store code that writes the folder. */
function cacheKey(): string {
  const h = createHash('sha256').update(`generator ${GENERATOR_VERSION}\n`);
  const store = path.join(ROOT, 'src/store');
  for (const f of readdirSync(store, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).sort()) {
    h.update(f).update(readFileSync(path.join(store, f)));
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * The cached three-year folder under bench/results/ (made now when missing or stale). Never use it
 * in place: copy it first (the bot writes to its data folder).
 */
export async function cachedThreeYears(log: (text: string) => void, opts: { fresh?: boolean } = {}): Promise<{ dir: string; summary: ThreeYearSummary; generated: boolean }> {
  const key = cacheKey();
  const base = path.join(ROOT, 'bench/results');
  const dir = path.join(base, `three-years-v${GENERATOR_VERSION}-${key}`);
  const meta = path.join(dir, '..', `${path.basename(dir)}.json`);
  if (!opts.fresh && existsSync(meta)) {
    const summary = JSON.parse(readFileSync(meta, 'utf8')) as ThreeYearSummary;
    const age = Date.now() - Date.parse(summary.generatedAt);
    if (age < CACHE_MAX_AGE_DAYS * DAY) return { dir, summary, generated: false };
    log(`three-year data: the cached folder's activity claims are ${(age / DAY).toFixed(1)} days old; making it again`);
  }
  // Older versions and keys go: each is tens of MB.
  for (const e of existsSync(base) ? readdirSync(base) : []) {
    if (e.startsWith('three-years-v')) rmSync(path.join(base, e), { recursive: true, force: true });
  }
  log(`three-year data: generating ${path.relative(ROOT, dir)} (generator v${GENERATOR_VERSION}, store ${key})`);
  const summary = await generateThreeYears(dir, { log });
  writeFileSync(meta, `${JSON.stringify(summary, null, 2)}\n`);
  return { dir, summary, generated: true };
}

// ---- run alone ------------------------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run bench:data -- <empty or new folder>   (BENCH_DATA_YEARS=1: one year)');
    process.exit(2);
  }
  generateThreeYears(path.resolve(dir), { years: Number(process.env.BENCH_DATA_YEARS ?? 3) }).then(
    (summary) => {
      console.log(JSON.stringify(summary, null, 2));
      process.exit(0);
    },
    (err: unknown) => {
      console.error('bench:data failed:', err);
      process.exit(1);
    },
  );
}
