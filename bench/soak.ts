/**
 * The soak: minutes of mixed traffic against one bot while its data grows, reported minute by
 * minute. Traffic comes in cycles, each set up through the bot's own commands (not measured) and
 * then sent at once over 50 connections, mixed (measured):
 *
 * - a check-in group (200 members; three take turns) ends its last meeting (`avsluta möte`, which
 *   drafts the minutes), plans and starts a new one: every member presses "Närvarande" (first presses);
 * - the chair writes 50 notes on it (`anteckning …`) while they check in;
 * - the approval group (100 members) gets a new request (`godkännande`): everyone presses "Godkänn";
 * - 150 members ask for `hjälp` in their personal chats.
 *
 * So every cycle leaves a meeting with its attendance, notes and minutes, an approval with its
 * answers, and 500 activity claims behind. Every loop is bounded by count and time.
 */
import { message, personalChat, type Person } from '../test/support/activities.js';
import { drive, summarize, type Sample } from './lib/load.js';
import { askAll, newGroup, startWithCheckIn, type BenchContext, type Setup } from './rows.js';

export interface SoakMinute {
  minute: number;
  cycles: number;
  requests: number;
  failures: number;
  /** Answered requests per second of load (the setup between cycles not counted). */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface SoakResult {
  seconds: number;
  /** Measured cycles (after two to warm up), and the activities each sends. */
  cycles: number;
  perCycle: number;
  /** Cycles whose setup through the bot failed (not sent, not counted). */
  setupFailures: number;
  minutes: SoakMinute[];
  /** Last minute ÷ first minute (targets: throughput ≥ 0.9, p99 ≤ 1.5); undefined with less than two minutes. */
  drift?: { throughput: number; p99: number };
  /** What the traffic left in the bot's data. */
  written: { meetings: number; approvals: number; checkIns: number; approvalAnswers: number; notes: number; activities: number };
}

const CHECK_IN_GROUPS = 3;
const CHECK_IN_MEMBERS = 200;
const APPROVAL_MEMBERS = 100;
const NOTES = 50;
const HELP = 150;
const CONNECTIONS = 50;
/** At most this many cycles, whatever the time (a bound on the loop, far above what 5 minutes allow). */
const MAX_CYCLES = 5_000;
const WARM_CYCLES = 2;

/** Spreads the kinds through each other (a, b, c, a, b, …) so every part of a cycle sees the others' load. */
function interleave(lists: object[][]): object[] {
  const out: object[] = [];
  const total = lists.reduce((n, l) => n + l.length, 0);
  const at = lists.map(() => 0);
  while (out.length < total) {
    for (const [i, l] of lists.entries()) {
      // Each list advances in proportion to its length.
      const due = Math.ceil(((out.length + 1) / total) * l.length);
      while (at[i]! < due && at[i]! < l.length) out.push(l[at[i]!++]!);
    }
  }
  return out;
}

export async function runSoak(botUrl: string, ctx: BenchContext, seconds: number, log: (text: string) => void): Promise<SoakResult> {
  // Setup (not measured): the groups, and the first cycle's meeting in each check-in group.
  const checkInGroups: Array<{ setup: Setup; people: Person[]; running: boolean }> = [];
  for (let i = 0; i < CHECK_IN_GROUPS; i++) checkInGroups.push({ ...(await newGroup(ctx, CHECK_IN_MEMBERS)), running: false });
  await ctx.connector.record(false);
  const approvals = await newGroup(ctx, APPROVAL_MEMBERS);
  await ctx.connector.record(false);
  const helpers = ctx.members(HELP).map((p) => message(personalChat(p), p, ctx.serviceUrl, 'hjälp'));

  const written = { meetings: 0, approvals: 0, checkIns: 0, approvalAnswers: 0, notes: 0, activities: 0 };
  let cycle = 0;
  /** Sets one cycle up and sends it; returns when it was sent (ms, performance.now()) and what it saw. */
  let setupFailures = 0;
  const runCycle = async (): Promise<{ at: number; sample: Sample } | undefined> => {
    const g = checkInGroups[cycle % CHECK_IN_GROUPS]!;
    let checkIns: object[];
    let answers: object[];
    try {
      await ctx.connector.record(true);
      if (g.running) await g.setup.say(ctx.chair, 'avsluta möte');
      // Running from here on, as far as the next cycle knows (a failed setup may have started it).
      g.running = true;
      checkIns = await startWithCheckIn(ctx, g.setup, g.people);
      await ctx.connector.record(true);
      answers = await askAll(ctx, approvals.setup, approvals.people, `Soak ${cycle + 1}: avvikelserapport`);
    } catch (err) {
      // A setup step the bot did not do in time (it answered, but e.g. with "the database is
      // unavailable"): counted and reported; the next cycle sets up afresh.
      setupFailures++;
      cycle++;
      log(`soak: cycle ${cycle} could not be set up: ${String(err).split('\n')[0]}`);
      await ctx.connector.record(false);
      return undefined;
    }
    const notes = Array.from({ length: NOTES }, (_, i) => message(g.setup.conv, ctx.chair, ctx.serviceUrl, `anteckning Cykel ${cycle + 1}, anteckning ${i + 1}: läget hos parterna gicks igenom och gruppen enades om nästa steg.`));
    const bodies = interleave([checkIns, answers, notes, helpers]);
    const at = performance.now();
    const sample = await drive(botUrl, { bodies, connections: CONNECTIONS, seconds: 60, amount: bodies.length, exact: true });
    written.meetings++;
    written.approvals++;
    written.checkIns += checkIns.length;
    written.approvalAnswers += answers.length;
    written.notes += notes.length;
    written.activities += bodies.length;
    cycle++;
    return { at, sample };
  };

  // Warm-up, not measured: the bot's code for each kind compiled before the first minute.
  for (let i = 0; i < WARM_CYCLES; i++) await runCycle();
  const segments: Array<{ at: number; sample: Sample }> = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let lastLog = started;
  while (performance.now() < deadline && cycle < MAX_CYCLES) {
    const done = await runCycle();
    if (!done) continue;
    segments.push({ at: done.at - started, sample: done.sample });
    if (performance.now() - lastLog > 30_000) {
      lastLog = performance.now();
      const recent = summarize(segments.slice(-5).map((s) => s.sample));
      log(`soak ${((lastLog - started) / 1000).toFixed(0)} s: ${cycle} cycles, last cycles ${recent.perSecond.toFixed(0)}/s, p99 ${recent.p99Ms.toFixed(0)} ms`);
    }
  }

  const minutes: SoakMinute[] = [];
  for (let m = 0; m * 60_000 < seconds * 1000; m++) {
    const inMinute = segments.filter((s) => s.at >= m * 60_000 && s.at < (m + 1) * 60_000).map((s) => s.sample);
    if (inMinute.length === 0) continue;
    const load = summarize(inMinute);
    minutes.push({ minute: m + 1, cycles: inMinute.length, requests: load.requests, failures: load.failures, perSecond: load.perSecond, p50Ms: load.p50Ms, p99Ms: load.p99Ms });
  }
  const first = minutes[0];
  const last = minutes.at(-1);
  return {
    seconds: (performance.now() - started) / 1000,
    cycles: segments.length,
    perCycle: CHECK_IN_MEMBERS + APPROVAL_MEMBERS + NOTES + HELP,
    setupFailures,
    minutes,
    // Drift needs two minutes at least (BENCH_SOAK_SECONDS ≥ 120).
    drift: first && last && last !== first ? { throughput: last.perSecond / first.perSecond, p99: last.p99Ms / first.p99Ms } : undefined,
    written,
  };
}
