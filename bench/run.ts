/**
 * `npm run bench`: Lokus against a bare botbuilder echo bot in the same run, over loopback, with
 * bounded load, in two installations. Prints a table and the issue targets (met or not) and writes
 * bench/results/latest.json. Not a test: CI does not run it.
 *
 * - Production path: `node dist/index.js` with Cosmos in its own process (COSMOS_ENDPOINT), auth off:
 *   "hjälp", installs and the card-action rows, Cosmos requests per operation.
 * - As users start it (README, `npm start`): `node dist/index.js` with no COSMOS_ENDPOINT, the
 *   embedded Cosmos with its data in LOKUS_DATA_DIR. Cold start on a fresh folder; "hjälp" and
 *   check-in first presses on an empty folder and on a copy of a förbund's three years (made by
 *   bench/three-years.ts, cached under bench/results/) interleaved, with that bot's start time and
 *   peak RSS; then the soak (bench/soak.ts): minutes of mixed traffic on a fresh folder, throughput
 *   and p99 minute by minute and their drift. Cosmos figures are empty there (Cosmos is inside the bot).
 *
 * Settings (environment): BENCH_SECONDS (per sustained row, default 8), BENCH_CONNECTIONS (50),
 * BENCH_SOAK_SECONDS (300), BENCH_SKIP_BUILD=1 (use the existing dist/), BENCH_PROFILE=1 (CPU profile
 * of the bot, see PROFILE), BENCH_LOKUS_ROOT=<checkout> (benchmark that checkout's dist/ instead,
 * built beforehand), BENCH_ONLY=checkIn,approvalAnswer (only these Lokus rows, for quick looks while
 * optimising: help, install, checkIn, approvalAnswer on the production path; embedded (empty folder),
 * threeYears (with the empty folder's rows to compare), soak; the full table needs every row).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { botAdded, cardAction, channel, message, person, personalChat, type Person } from '../test/support/activities.js';
import { burst, drive, summarize, type LoadResult, type Sample } from './lib/load.js';
import { forkChild, killAll, ROOT, startServer, stopAll, type IpcChild, type ServerProcess } from './lib/proc.js';
import { benchContext, cardActionRows, minutesDraftRow } from './rows.js';
import { runSoak, type SoakResult } from './soak.js';
import { cachedThreeYears, type ThreeYearSummary } from './three-years.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Rounds per compared pair of rows, and bursts per burst row. */
const ROUNDS = 4;
const BURSTS = 3;
/** Presses in a card-action row where each press is a member's first (a write), over fresh cards. */
const FIRST_PRESSES = 2_400;
/** Cards pressed through (first presses, then again) before a card-action row is measured: the JIT warms up on its code, as the warm-up does for the rest. */
const WARM_CARDS = 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const COLD_STARTS = 3;
/** BENCH_LOKUS_ROOT: run the built bot of another checkout (e.g. main, for before/after figures). */
const LOKUS_ROOT = path.resolve(process.env.BENCH_LOKUS_ROOT ?? ROOT);
/** BENCH_PROFILE=1: write a CPU profile of the bot under load to bench/results/profile/. */
const PROFILE = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profile'] : [];
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
/** Check-in first presses per embedded bot (empty and three-year folder), over fresh cards, in EMBEDDED_ROUNDS interleaved rounds. */
const EMBEDDED_FIRST_PRESSES = 2_400;
const EMBEDDED_ROUNDS = 4;
/** The issue's figures for the embedded default (issue 22). */
const TARGET = { coldStartMs: 2_000, threeYearStartMs: 5_000, peakRssMb: 400, vsEcho: 1.0, vsEmpty: 0.9, soakThroughput: 0.9, soakP99: 1.5, invokeDeadlineMs: 5_000 };
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : undefined;
const wanted = (id: string) => !ONLY || ONLY.has(id);
const embeddedWanted = { rows: wanted('embedded') || wanted('threeYears'), threeYears: wanted('threeYears'), soak: wanted('soak') };
/** The watchdog's bound: the production rows, the embedded rows, making the three-year folder (when not cached) and the soak. */
const BUDGET_MS = 200_000 + (embeddedWanted.rows ? 240_000 : 0) + (embeddedWanted.threeYears ? 480_000 : 0) + (embeddedWanted.soak ? SOAK_SECONDS * 1000 + 120_000 : 0);
const NOT_BUILT = 'not built yet';

/** One row of the table and of the JSON. */
interface Row {
  id: string;
  label: string;
  /** Which bot: production path, echo baseline, embedded default on an empty or a three-year folder. */
  target: 'lokus' | 'baseline' | 'embedded' | 'embedded, 3 years';
  status: 'measured' | 'not built yet';
  load?: LoadResult;
  /** This row's throughput divided by the baseline reference row's (same run). */
  ratio?: { vs: string; value: number };
  cosmosPerOp?: number;
  ruPerOp?: number;
  cosmosByKind?: Record<string, number>;
  /** Outbound calls to the connector per operation, and new connector connections during the row. */
  connectorPerOp?: number;
  connectorConnections?: number;
  /** Throughput of each round (interleaved rows). */
  roundsPerSecond?: number[];
}

const rows: Row[] = [];
const started = Date.now();
let phase = 'starting';

function log(text: string): void {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);
}

interface Measurement {
  row: Omit<Row, 'status'>;
  target: ServerProcess;
  run: (url: string) => Promise<Sample>;
  /** False: the bot's Cosmos is not the Cosmos child (embedded), so its columns stay empty. */
  cosmos?: boolean;
}

/**
 * Measures rows in interleaved rounds (A B A B …) so that a change in the machine's load during
 * the run (other work on a shared machine) hits both sides of a comparison alike.
 */
async function measure(list: Measurement[], rounds: number, cosmos: IpcChild, connector: IpcChild): Promise<Row[]> {
  const acc = list.map(() => ({ samples: [] as Sample[], cosmos: 0, charge: 0, byKind: {} as Record<string, number>, calls: 0, conns: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, m] of list.entries()) {
      phase = m.row.label;
      log(`${m.row.target}: ${m.row.label}${rounds > 1 ? ` (round ${round + 1}/${rounds})` : ''}`);
      await settle();
      await Promise.all([cosmos.reset(), connector.reset()]);
      const sample = await m.run(m.target.url);
      const [c, k] = await Promise.all([cosmos.stats(), connector.stats()]);
      const slow = Object.entries(c.slowest ?? {}).filter(([, ms]) => ms > 100).map(([kind, ms]) => `${kind} ${ms.toFixed(0)} ms`);
      if (slow.length) log(`  Cosmos requests slower than 100 ms: ${slow.join(', ')}`);
      const rss = m.target.peakRssMb();
      if (rss !== undefined) log(`  ${m.row.target} peak RSS so far ${rss.toFixed(0)} MB`);
      const a = acc[i]!;
      a.samples.push(sample);
      a.cosmos += c.requests;
      a.charge += c.requestCharge ?? 0;
      for (const [kind, n] of Object.entries(c.byKind ?? {})) a.byKind[kind] = (a.byKind[kind] ?? 0) + n;
      a.calls += k.requests;
      a.conns += k.connections;
    }
  }
  return list.map((m, i) => {
    const a = acc[i]!;
    const load = summarize(a.samples);
    const n = Math.max(load.requests + load.failures, 1);
    const row: Row = {
      ...m.row,
      status: 'measured',
      load,
      ...(m.cosmos === false ? {} : { cosmosPerOp: a.cosmos / n, ruPerOp: a.charge / n, cosmosByKind: a.byKind }),
      connectorPerOp: a.calls / n,
      connectorConnections: a.conns,
      roundsPerSecond: a.samples.map((x) => x.latencies.length / x.seconds),
    };
    rows.push(row);
    return row;
  });
}

/** Lets the last row's stragglers finish so they are not counted in the next row. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
}

function ratio(row: Row, reference: Row): void {
  if (row.load && reference.load && reference.load.perSecond > 0) {
    row.ratio = { vs: reference.id, value: row.load.perSecond / reference.load.perSecond };
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD !== '1' && LOKUS_ROOT === ROOT) {
    phase = 'build';
    log('npm run build');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }

  phase = 'children';
  const [cosmos, connector] = await Promise.all([forkChild('cosmos'), forkChild('connector')]);
  const serviceUrl = `${connector.url}/`;
  const lokusEnv = {
    COSMOS_ENDPOINT: cosmos.url,
    COSMOS_KEY: 'bench-embedded-cosmos-has-no-secret',
    COSMOS_DATABASE: `bench-${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: 'info',
    // The bot's own setting, when the run is about it (see README, Configuration).
    ...(process.env.LOKUS_HEAP_GROWTH_PERCENT ? { LOKUS_HEAP_GROWTH_PERCENT: process.env.LOKUS_HEAP_GROWTH_PERCENT } : {}),
  };

  // Cold start: spawn → first 200 on /healthz, a few times; the last process stays for the load.
  phase = 'cold start';
  const coldStarts: number[] = [];
  let lokus: ServerProcess | undefined;
  for (let i = 0; i < COLD_STARTS; i++) {
    await lokus?.stop();
    lokus = await startServer('lokus', [...PROFILE, ...(process.env.BENCH_LOKUS_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), 'dist/index.js'], lokusEnv, LOKUS_ROOT);
    coldStarts.push(lokus.coldStartMs);
  }
  log(`lokus cold start ${coldStarts.map((m) => m.toFixed(0)).join(', ')} ms`);
  const baseline = await startServer('baseline', ['--import', 'tsx', 'bench/children/baseline-bot.ts'], {});
  const bot = lokus!;

  // Who talks: a chair and members in a channel; people asking in their personal chats.
  const chair = person('Anna Lindqvist');
  const groupChannel = channel('bench-lokus');
  const members = (n: number): Person[] => Array.from({ length: n }, (_, i) => person(`Medlem ${i + 1}`));
  // Members ask in their own personal chats: Lokus paces what it sends to one conversation to Teams'
  // limits (2 a second sustained), so one chat asked 1000 times a second measures the pacing.
  const help = Array.from({ length: 5_000 }, (_, i) => person(`Frågande ${i + 1}`)).map((p) => message(personalChat(p), p, serviceUrl, 'hjälp'));
  const sustained = (bodies: object[], seconds = SECONDS) => (url: string) =>
    drive(url, { bodies, connections: CONNECTIONS, seconds, amount: 1_000_000 });

  // Warm both up (JIT, sockets) so the first measured row is not a cold one.
  phase = 'warm-up';
  log('warm-up');
  await drive(bot.url, { bodies: help, connections: CONNECTIONS, seconds: 2, amount: 5_000 });
  await drive(baseline.url, { bodies: help, connections: CONNECTIONS, seconds: 2, amount: 5_000 });

  const helpRows: Measurement[] = [
    { row: { id: 'baselineMessage', label: 'message (echo)', target: 'baseline' }, target: baseline, run: sustained(help, SECONDS / ROUNDS) },
    { row: { id: 'lokusHelp', label: 'message "hjälp"', target: 'lokus' }, target: bot, run: sustained(help, SECONDS / ROUNDS) },
  ];
  const [baseMsg, lokusHelp] = await measure(wanted('help') ? helpRows : helpRows.slice(0, 1), ROUNDS, cosmos, connector);
  ratio(baseMsg!, baseMsg!);
  if (lokusHelp) ratio(lokusHelp, baseMsg!);
  const roundRatios = lokusHelp ? lokusHelp.roundsPerSecond!.map((v, i) => v / baseMsg!.roundsPerSecond![i]!) : [];

  const invokeBodies = members(200).map((m) => cardAction(groupChannel, m, serviceUrl, 'bench', { n: 1 }));
  // A Cosmos write path that exists today: the bot added to a new team (save reference, claim welcome).
  const installs = Array.from({ length: 20_000 }, (_, i) => botAdded(channel(`bench-install-${i}`), chair, serviceUrl));
  const installRows: Measurement[] = [
    { row: { id: 'baselineInvoke', label: 'card action (invoke)', target: 'baseline' }, target: baseline, run: sustained(invokeBodies, SECONDS / 2) },
    { row: { id: 'lokusInstall', label: 'install (conversationUpdate)', target: 'lokus' }, target: bot, run: sustained(installs, SECONDS / 2) },
  ];
  const [baseInvoke] = await measure(installRows.slice(0, 1), 2, cosmos, connector);
  ratio(baseInvoke!, baseInvoke!);

  // Card actions: the baseline's burst of the same size is the reference; Lokus rows when built.
  const ctx = benchContext(bot.url, connector, { serviceUrl, channel: groupChannel, chair, members });
  for (const r of cardActionRows.filter((row) => wanted(row.id))) {
    const label = `${r.label}, burst of ${r.members}`;
    const bodies = members(r.members).map((m) => cardAction(groupChannel, m, serviceUrl, 'bench', { n: 1 }));
    const baseBurst = { row: { id: `baseline_${r.id}Burst`, label: `card action, burst of ${r.members}`, target: 'baseline' as const }, target: baseline, run: (url: string) => burst(url, bodies) };
    if (!r.prepare) {
      await measure([baseBurst], BURSTS, cosmos, connector);
      rows.push({ id: `lokus_${r.id}`, label: `${r.label} (${r.members} members)`, target: 'lokus', status: NOT_BUILT });
      rows.push({ id: `lokus_${r.id}Burst`, label, target: 'lokus', status: NOT_BUILT });
      continue;
    }
    phase = `${r.label}: prepare`;
    const prepare = r.prepare;
    const preparedAt = Date.now();
    const actions = await prepare(ctx);
    log(`${r.label}: prepared in ${((Date.now() - preparedAt) / 1000).toFixed(1)} s (lokus peak RSS so far ${bot.peakRssMb()?.toFixed(0) ?? '?'} MB)`);
    // Warm-up, not measured: the row's first presses and repeats on cards of their own, so that what
    // is measured is the warm bot (as the baseline's invokes are), not V8 compiling the row's code.
    phase = `${r.label}: warm-up`;
    for (let i = 0; i < WARM_CARDS; i++) {
      const warm = await prepare(ctx);
      await drive(bot.url, { bodies: warm, connections: CONNECTIONS, seconds: 10, amount: warm.length, exact: true });
      await drive(bot.url, { bodies: warm, connections: CONNECTIONS, seconds: 1, amount: 2_000 });
    }
    await settle();
    // First presses, each a Cosmos write (the target's "card actions with their write"): every
    // member of several freshly prepared cards presses once, in card order, 50 at a time.
    phase = `${r.label}: prepare first presses`;
    const firstPresses = [...actions];
    while (firstPresses.length < FIRST_PRESSES) firstPresses.push(...(await prepare(ctx)));
    const [writeRow] = await measure([
      {
        row: { id: `lokus_${r.id}`, label: `${r.label}, first presses (${firstPresses.length / r.members} cards × ${r.members})`, target: 'lokus' },
        target: bot,
        run: (url) => drive(url, { bodies: firstPresses, connections: CONNECTIONS, seconds: SECONDS * 2, amount: firstPresses.length, exact: true }),
      },
    ], 1, cosmos, connector);
    ratio(writeRow!, baseInvoke!);
    // The same members pressing again (already checked in, already answered or closed): no write.
    const [repeatRow] = await measure([
      { row: { id: `lokus_${r.id}Repeat`, label: `${r.label}, pressed again (${r.members} members)`, target: 'lokus' }, target: bot, run: sustained(actions, SECONDS / 2) },
    ], 1, cosmos, connector);
    ratio(repeatRow!, baseInvoke!);
    // Each Lokus burst presses a freshly prepared card, interleaved with the baseline's bursts. The
    // cards are prepared first, so the setup's Cosmos requests are not counted as the burst's.
    phase = `${r.label}: prepare bursts`;
    const fresh: object[][] = [];
    for (let i = 0; i < BURSTS; i++) fresh.push(await prepare(ctx));
    const [baseRow, burstRow] = await measure([
      baseBurst,
      { row: { id: `lokus_${r.id}Burst`, label, target: 'lokus' }, target: bot, run: (url) => burst(url, fresh.shift()!) },
    ], BURSTS, cosmos, connector);
    if (burstRow!.load && baseRow!.load) burstRow!.ratio = { vs: baseRow!.id, value: burstRow!.load.p99Ms / baseRow!.load.p99Ms };
  }

  // Installs last: each is a new team, and the 2 documents each leaves behind would make every
  // later scan of the embedded server (the scheduler's queries) slower for the card-action rows.
  if (wanted('install')) {
    const [lokusInstall] = await measure(installRows.slice(1), 2, cosmos, connector);
    ratio(lokusInstall!, baseMsg!);
  }

  // Minutes draft: in process, median of repeated runs.
  phase = 'minutes draft';
  let minutesDraftMs: number | undefined;
  const draft = minutesDraftRow.draft;
  if (draft) {
    for (let i = 0; i < 5; i++) await draft();
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await draft();
      times.push(performance.now() - t0);
    }
    minutesDraftMs = median(times);
  }

  const peakRss = { lokusMb: bot.peakRssMb(), baselineMb: baseline.peakRssMb() };
  await bot.stop();
  const embedded = await embeddedSections({ baseline, cosmos, connector, help, invokeBodies, context: (url) => benchContext(url, connector, { serviceUrl, channel: groupChannel, chair, members }) });
  peakRss.baselineMb = baseline.peakRssMb();
  await baseline.stop();
  report({ coldStarts, peakRss, minutesDraftMs, roundRatios, embedded });
}

// ---- the embedded default, as users start it -------------------------------------------------------

/** What the embedded sections share with the production path's: the baseline, the children, the bodies. */
interface Scene {
  baseline: ServerProcess;
  cosmos: IpcChild;
  connector: IpcChild;
  help: object[];
  invokeBodies: object[];
  context: (botUrl: string) => ReturnType<typeof benchContext>;
}

interface EmbeddedFigures {
  /** Spawn → first 200 on /healthz, fresh empty data folder each time. */
  coldStarts?: number[];
  emptyPeakRssMb?: number;
  threeYears?: {
    data: ThreeYearSummary;
    /** False: the cached folder was used. */
    generated: boolean;
    startMs?: number;
    peakRssMb?: number;
    error?: string;
  };
  /** Check-in setups (a new group, a meeting started) the bot failed and that were tried again, per bot. */
  setupFailures?: Record<string, number>;
  /** Three-year folder ÷ empty folder, throughput (same rounds). */
  helpVsEmpty?: number;
  checkInVsEmpty?: number;
  soak?: SoakResult & { peakRssMb?: number };
}

const tempDirs: string[] = [];
function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `lokus-bench-${name}-`));
  tempDirs.push(dir);
  return dir;
}
function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `node dist/index.js` as the README starts it: no COSMOS_ENDPOINT, the data in `dataDir`. */
function startEmbedded(label: string, dataDir: string, timeoutMs?: number): Promise<ServerProcess> {
  const env = {
    LOKUS_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...(process.env.LOKUS_HEAP_GROWTH_PERCENT ? { LOKUS_HEAP_GROWTH_PERCENT: process.env.LOKUS_HEAP_GROWTH_PERCENT } : {}),
  };
  return startServer(label, [...PROFILE, ...(process.env.BENCH_LOKUS_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), 'dist/index.js'], env, LOKUS_ROOT, timeoutMs);
}

async function embeddedSections(scene: Scene): Promise<EmbeddedFigures> {
  const out: EmbeddedFigures = {};
  const { baseline, cosmos, connector, help } = scene;
  const sustained = (bodies: object[], seconds: number) => (url: string) => drive(url, { bodies, connections: CONNECTIONS, seconds, amount: 1_000_000 });
  try {
    if (embeddedWanted.rows) {
      // The three-year folder first: when it has to be made, that is not during a measurement.
      let yearsDir: string | undefined;
      if (embeddedWanted.threeYears) {
        phase = 'three-year data';
        const cached = await cachedThreeYears(log);
        out.threeYears = { data: cached.summary, generated: cached.generated };
        yearsDir = tempDir('three-years');
        cpSync(cached.dir, yearsDir, { recursive: true });
        log(`three-year data: ${cached.generated ? 'made' : 'cached'} (${cached.summary.meetings} meetings, ${(cached.summary.dataBytes / 1e6).toFixed(1)} MB on disk)`);
      }

      phase = 'embedded cold start';
      const coldStarts: number[] = [];
      let empty: ServerProcess | undefined;
      for (let i = 0; i < COLD_STARTS; i++) {
        await empty?.stop();
        empty = await startEmbedded('lokus (embedded)', tempDir('empty'));
        coldStarts.push(empty.coldStartMs);
      }
      out.coldStarts = coldStarts;
      log(`embedded cold start (empty folder) ${coldStarts.map((m) => m.toFixed(0)).join(', ')} ms`);
      const bots: Array<{ bot: ServerProcess; target: 'embedded' | 'embedded, 3 years'; id: string }> = [{ bot: empty!, target: 'embedded', id: 'embedded' }];
      if (yearsDir && out.threeYears) {
        phase = 'three-year start';
        try {
          const years = await startEmbedded('lokus (embedded, three years)', yearsDir, 180_000);
          out.threeYears.startMs = years.coldStartMs;
          log(`three-year folder: start ${years.coldStartMs.toFixed(0)} ms, RSS ${years.peakRssMb()?.toFixed(0) ?? '?'} MB`);
          bots.push({ bot: years, target: 'embedded, 3 years', id: 'threeYears' });
        } catch (err) {
          out.threeYears.error = String(err).slice(0, 2_000);
          log(`three-year folder: the bot did not start: ${out.threeYears.error.slice(0, 300)}`);
        }
      }

      phase = 'embedded warm-up';
      for (const { bot } of bots) await drive(bot.url, { bodies: help, connections: CONNECTIONS, seconds: 2, amount: 5_000 });
      const helpRows = await measure([
        { row: { id: 'baselineMessageEmbedded', label: 'message (echo), beside the embedded rows', target: 'baseline' }, target: baseline, run: sustained(help, SECONDS / ROUNDS) },
        ...bots.map(({ bot, target, id }): Measurement => ({ row: { id: `${id}Help`, label: 'message "hjälp"', target }, target: bot, run: sustained(help, SECONDS / ROUNDS), cosmos: false })),
      ], ROUNDS, cosmos, connector);
      const [baseHelp, emptyHelp, yearsHelp] = helpRows;
      for (const r of helpRows) ratio(r, baseHelp!);
      if (yearsHelp?.load && emptyHelp?.load) out.helpVsEmpty = yearsHelp.load.perSecond / emptyHelp.load.perSecond;

      // Check-in first presses: each bot warmed up on cards of its own, then fresh cards in rounds
      // interleaved with the baseline's invokes.
      const checkIn = cardActionRows.find((r) => r.id === 'checkIn')!;
      // A setup the bot did not do in time (e.g. a stall of the embedded server) is tried again, with a new group.
      const failures: Record<string, number> = {};
      out.setupFailures = failures;
      const prepare = async (ctx: ReturnType<Scene['context']>, target: string): Promise<object[]> => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await checkIn.prepare!(ctx);
          } catch (err) {
            failures[target] = (failures[target] ?? 0) + 1;
            if (attempt === 3) throw err;
            log(`  check-in setup failed (${String(err).split('\n')[0]}); again with a new group`);
          }
        }
      };
      const perRound = Math.ceil(EMBEDDED_FIRST_PRESSES / EMBEDDED_ROUNDS / checkIn.members);
      const queues: object[][][] = [];
      for (const { bot, target } of bots) {
        phase = `${target}: check-in warm-up`;
        const ctx = scene.context(bot.url);
        for (let i = 0; i < WARM_CARDS; i++) {
          const warm = await prepare(ctx, target);
          await drive(bot.url, { bodies: warm, connections: CONNECTIONS, seconds: 10, amount: warm.length, exact: true });
          await drive(bot.url, { bodies: warm, connections: CONNECTIONS, seconds: 1, amount: 2_000 });
        }
        phase = `${target}: prepare check-in first presses`;
        const rounds: object[][] = [];
        for (let r = 0; r < EMBEDDED_ROUNDS; r++) {
          const bodies: object[] = [];
          for (let c = 0; c < perRound; c++) bodies.push(...(await prepare(ctx, target)));
          rounds.push(bodies);
        }
        queues.push(rounds);
        log(`${target}: check-in cards prepared (peak RSS so far ${bot.peakRssMb()?.toFixed(0) ?? '?'} MB)`);
      }
      await settle();
      const checkInRows = await measure([
        { row: { id: 'baselineInvokeEmbedded', label: 'card action (invoke), beside the embedded rows', target: 'baseline' }, target: baseline, run: sustained(scene.invokeBodies, SECONDS / EMBEDDED_ROUNDS) },
        ...bots.map(({ bot, target, id }, i): Measurement => ({
          row: { id: `${id}_checkIn`, label: `${checkIn.label}, first presses (${EMBEDDED_ROUNDS * perRound} cards × ${checkIn.members})`, target },
          target: bot,
          run: (url) => {
            const bodies = queues[i]!.shift()!;
            return drive(url, { bodies, connections: CONNECTIONS, seconds: SECONDS * 2, amount: bodies.length, exact: true });
          },
          cosmos: false,
        })),
      ], EMBEDDED_ROUNDS, cosmos, connector);
      const [baseInvoke, emptyCheckIn, yearsCheckIn] = checkInRows;
      for (const r of checkInRows) ratio(r, baseInvoke!);
      if (yearsCheckIn?.load && emptyCheckIn?.load) out.checkInVsEmpty = yearsCheckIn.load.perSecond / emptyCheckIn.load.perSecond;

      out.emptyPeakRssMb = empty!.peakRssMb();
      if (out.threeYears && bots[1]) out.threeYears.peakRssMb = bots[1].bot.peakRssMb();
      await Promise.all(bots.map(({ bot }) => bot.stop()));
    }

    if (embeddedWanted.soak) {
      phase = 'soak';
      const bot = await startEmbedded('lokus (embedded, soak)', tempDir('soak'));
      log(`soak: ${SOAK_SECONDS} s of mixed traffic on a fresh folder`);
      await drive(bot.url, { bodies: help, connections: CONNECTIONS, seconds: 2, amount: 5_000 });
      const soak = await runSoak(bot.url, scene.context(bot.url), SOAK_SECONDS, log);
      out.soak = { ...soak, peakRssMb: bot.peakRssMb() };
      await bot.stop();
    }
  } finally {
    removeTempDirs();
  }
  return out;
}

interface Extras {
  coldStarts: number[];
  peakRss: { lokusMb?: number; baselineMb?: number };
  minutesDraftMs?: number;
  /** Lokus "hjälp" ÷ baseline messages, round by round. */
  roundRatios: number[];
  embedded: EmbeddedFigures;
}

/** One of the issues' targets, with this run's figure. */
interface Target {
  id: string;
  label: string;
  value?: number;
  unit: '×' | 'ms' | 'MB';
  /** E.g. "≥ 1.0×", "≤ 2000 ms". */
  target: string;
  /** Undefined when the figure was not measured in this run. */
  met?: boolean;
}

function targets(extras: Extras): Target[] {
  const row = (id: string) => rows.find((r) => r.id === id);
  const ratioOf = (id: string) => row(id)?.ratio?.value;
  const at = (id: string, label: string, value: number | undefined, unit: Target['unit'], bound: number, kind: 'min' | 'max'): Target => ({
    id, label, value, unit,
    target: `${kind === 'min' ? '≥' : '≤'} ${unit === '×' ? bound.toFixed(1) : bound} ${unit}`.replace(' ×', '×'),
    met: value === undefined || !Number.isFinite(value) ? undefined : kind === 'min' ? value >= bound : value <= bound,
  });
  const e = extras.embedded;
  const list: Target[] = [
    at('productionHelpVsEcho', 'production path: "hjälp" ÷ echo messages', ratioOf('lokusHelp'), '×', TARGET.vsEcho, 'min'),
    ...cardActionRows.map((r) => at(`production_${r.id}BurstP99`, `production path: ${r.label}, burst of ${r.members}, p99 (Teams' invoke deadline)`, row(`lokus_${r.id}Burst`)?.load?.p99Ms, 'ms', TARGET.invokeDeadlineMs, 'max')),
    at('embeddedHelpVsEcho', 'embedded default (npm start): "hjälp" ÷ echo messages', ratioOf('embeddedHelp'), '×', TARGET.vsEcho, 'min'),
    at('embeddedColdStart', 'embedded default: cold start, empty folder (median)', e.coldStarts ? median(e.coldStarts) : undefined, 'ms', TARGET.coldStartMs, 'max'),
    at('soakThroughputDrift', 'soak: last minute\'s throughput ÷ first minute\'s', e.soak?.drift?.throughput, '×', TARGET.soakThroughput, 'min'),
    at('soakP99Drift', 'soak: last minute\'s p99 ÷ first minute\'s', e.soak?.drift?.p99, '×', TARGET.soakP99, 'max'),
    at('threeYearsStart', 'three-year folder: start (spawn → first 200 on /healthz)', e.threeYears?.startMs, 'ms', TARGET.threeYearStartMs, 'max'),
    at('threeYearsPeakRss', 'three-year folder: peak RSS', e.threeYears?.peakRssMb, 'MB', TARGET.peakRssMb, 'max'),
    at('threeYearsHelpVsEmpty', 'three-year folder: "hjälp" ÷ empty folder\'s', e.helpVsEmpty, '×', TARGET.vsEmpty, 'min'),
    at('threeYearsCheckInVsEmpty', 'three-year folder: check-in first presses ÷ empty folder\'s', e.checkInVsEmpty, '×', TARGET.vsEmpty, 'min'),
  ];
  return list;
}

/** The embedded default's figures that are not table rows: starts, RSS, the three-year data, the soak by minute. */
function embeddedLines(e: EmbeddedFigures, f: (n: number | undefined, digits?: number) => string): string[] {
  const out: string[] = [];
  if (e.coldStarts) out.push(`embedded default: cold start on an empty folder: median ${f(median(e.coldStarts))} ms (${e.coldStarts.map((m) => f(m)).join(', ')}); peak RSS after its rows ${f(e.emptyPeakRssMb)} MB`);
  const y = e.threeYears;
  if (y) {
    const d = y.data;
    out.push(
      `three-year folder (${y.generated ? `made in ${f(d.seconds)} s` : 'cached'}, generator v${d.generator}, ${d.from.slice(0, 10)} – ${d.to.slice(0, 10)}): ${d.groups} groups, ${d.meetings} meetings, ${d.approvals} approvals, ${f(d.documents.domain)} domain documents${d.documents.bot === undefined ? '' : ` + ${d.documents.bot} in the bot container`}, ${d.requests.lastWeek} activity claims from the last week, ${f(d.dataBytes / 1e6, 1)} MB on disk`,
      y.error ? `three-year folder: the bot did not start: ${y.error.split('\n')[0]}` : `three-year folder: start ${f(y.startMs)} ms, peak RSS ${f(y.peakRssMb)} MB; "hjälp" ${f(e.helpVsEmpty, 2)}× and check-in first presses ${f(e.checkInVsEmpty, 2)}× the empty folder's`,
    );
  }
  const failed = Object.entries(e.setupFailures ?? {});
  if (failed.length) out.push(`check-in setups the bot failed (tried again with a new group): ${failed.map(([bot, n]) => `${bot} ${n}`).join(', ')}`);
  if (e.soak) {
    const s = e.soak;
    out.push(`soak (embedded, fresh folder): ${f(s.seconds)} s, ${s.cycles} cycles of ${s.perCycle} activities (check-ins, approval answers, notes, "hjälp")${s.setupFailures ? `, ${s.setupFailures} cycles not set up (the bot failed a setup step)` : ''}; peak RSS ${f(s.peakRssMb)} MB`);
    out.push(...s.minutes.map((m) => `  minute ${m.minute}: ${f(m.perSecond)}/s, p50 ${f(m.p50Ms)} ms, p99 ${f(m.p99Ms)} ms (${m.requests} answered${m.failures ? `, ${m.failures} failed` : ''})`));
    out.push(s.drift ? `  drift, last minute ÷ first: throughput ${f(s.drift.throughput, 2)}×, p99 ${f(s.drift.p99, 2)}×` : '  drift: needs two minutes of soak at least (BENCH_SOAK_SECONDS ≥ 120)');
  }
  return out;
}

function report(extras: Extras): void {
  const f = (n: number | undefined, digits = 0) => (n === undefined ? '–' : n.toFixed(digits));
  const header = ['row', 'bot', 'per s', 'p50 ms', 'p99 ms', 'vs baseline', 'Cosmos req/op', 'RU/op', 'connector calls/op', 'new conns'];
  const lines = rows.map((r) => {
    if (r.status !== 'measured' || !r.load) return [r.label, r.target, NOT_BUILT, '', '', '', '', '', '', ''];
    const isBurst = r.id.endsWith('Burst');
    const vs = r.ratio ? `${r.ratio.value.toFixed(2)}×${isBurst ? ' p99' : ''}` : '';
    const fail = r.load.failures ? ` (${r.load.failures} failed)` : '';
    return [r.label, r.target, (isBurst ? '' : f(r.load.perSecond)) + fail, f(r.load.p50Ms), f(r.load.p99Ms), vs, f(r.cosmosPerOp, 2), f(r.ruPerOp, 2), f(r.connectorPerOp, 2), String(r.connectorConnections ?? '')];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [
    '',
    `Lokus benchmark – ${new Date().toISOString()} – node ${process.version}, ${os.cpus().length} cores, ${CONNECTIONS} connections, ${SECONDS} s per row`,
    '',
    fmt(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.map(fmt),
    '',
    `"hjälp" vs baseline messages round by round: median ${f(median(extras.roundRatios), 2)}× (${extras.roundRatios.map((r) => r.toFixed(2)).join(', ')})`,
    `cold start (spawn → first 200 on /healthz): median ${f(median(extras.coldStarts))} ms (${extras.coldStarts.map((m) => f(m)).join(', ')})`,
    `peak RSS after load (VmHWM): lokus ${f(extras.peakRss.lokusMb)} MB, baseline ${f(extras.peakRss.baselineMb)} MB`,
    `${minutesDraftRow.label}, ${minutesDraftRow.items} items: ${extras.minutesDraftMs === undefined ? NOT_BUILT : `${f(extras.minutesDraftMs, 1)} ms (median)`}`,
    ...embeddedLines(extras.embedded, f),
    '',
  ];
  const list = targets(extras);
  const tw = [Math.max(...list.map((t) => t.label.length)), Math.max(...list.map((t) => t.target.length))];
  out.push(
    'Issue targets (production path: issue 11 and the brief; embedded default: issue 22):',
    ...list.map((t) => `  ${t.label.padEnd(tw[0]!)}  ${(t.value === undefined ? '–' : `${f(t.value, t.unit === '×' ? 2 : 0)}${t.unit === '×' ? '×' : ` ${t.unit}`}`).padStart(9)}  target ${t.target.padEnd(tw[1]!)}  ${t.met === undefined ? 'not measured' : t.met ? 'met' : 'NOT MET'}`),
    '',
  );
  process.stdout.write(out.join('\n'));

  const file = path.join(ROOT, 'bench/results/latest.json');
  mkdirSync(path.dirname(file), { recursive: true });
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: LOKUS_ROOT, encoding: 'utf8' }).trim();
  } catch {
    commit = undefined;
  }
  const json = {
    date: new Date().toISOString(),
    commit,
    lokusRoot: LOKUS_ROOT === ROOT ? undefined : LOKUS_ROOT,
    node: process.version,
    cpus: os.cpus().length,
    settings: { seconds: SECONDS, connections: CONNECTIONS, soakSeconds: SOAK_SECONDS, only: ONLY ? [...ONLY] : undefined },
    rows,
    helpVsBaselineByRound: extras.roundRatios,
    coldStartMs: { median: median(extras.coldStarts), runs: extras.coldStarts },
    peakRssMb: extras.peakRss,
    minutesDraft: { items: minutesDraftRow.items, ...(extras.minutesDraftMs === undefined ? { status: NOT_BUILT } : { medianMs: extras.minutesDraftMs }) },
    embedded: {
      coldStartMs: extras.embedded.coldStarts ? { median: median(extras.embedded.coldStarts), runs: extras.embedded.coldStarts } : undefined,
      peakRssMb: extras.embedded.emptyPeakRssMb,
      threeYears: extras.embedded.threeYears,
      helpVsEmpty: extras.embedded.helpVsEmpty,
      checkInVsEmpty: extras.embedded.checkInVsEmpty,
      setupFailures: extras.embedded.setupFailures,
    },
    soak: extras.embedded.soak,
    targets: list,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
}

process.on('exit', () => {
  killAll();
  removeTempDirs();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  console.error(`bench: over its time budget during "${phase}"; stopping`);
  killAll();
  process.exit(1);
}, BUDGET_MS);
watchdog.unref();

main().then(
  async () => {
    await stopAll();
    process.exit(0);
  },
  (err: unknown) => {
    console.error(`bench failed during "${phase}":`, err);
    killAll();
    process.exit(1);
  },
);
