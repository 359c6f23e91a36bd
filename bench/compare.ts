/**
 * Before/after figures for one optimisation: two built checkouts of Lokus (BEFORE=<dir>,
 * AFTER=<dir>, each with dist/ built beforehand) and the baseline echo bot, sharing one Cosmos
 * process and one connector, measured in interleaved rounds (B A base B A base …) so that other
 * load on a shared machine hits all alike. Prints each row's throughput and p99 per round and the
 * after ÷ before ratio round by round. Not a test; `npm run bench` stays the reference table.
 *
 *   BEFORE=/path/to/main AFTER=. npx tsx bench/compare.ts
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { cardAction, channel, message, person, personalChat, type Person } from '../test/support/activities.js';
import { burst, drive, summarize, type Sample } from './lib/load.js';
import { forkChild, killAll, ROOT, startServer, type ServerProcess } from './lib/proc.js';
import { benchContext, cardActionRows } from './rows.js';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS_PER_ROUND ?? 2);
/** Presses per first-presses row and round, over fresh cards. */
const FIRST_PRESSES = 800;
const before = path.resolve(process.env.BEFORE ?? ROOT);
const after = path.resolve(process.env.AFTER ?? ROOT);

const [cosmos, connector] = await Promise.all([forkChild('cosmos'), forkChild('connector')]);
const serviceUrl = `${connector.url}/`;
const env = () => ({ COSMOS_ENDPOINT: cosmos.url, COSMOS_KEY: 'bench', COSMOS_DATABASE: `cmp-${randomUUID().slice(0, 8)}`, LOG_LEVEL: 'info' });
/** BEFORE_NODE_FLAGS / AFTER_NODE_FLAGS: Node flags for that bot (e.g. the same checkout twice, with and without a flag). */
const flags = (who: 'BEFORE' | 'AFTER') => process.env[`${who}_NODE_FLAGS`]?.split(' ').filter(Boolean) ?? [];
const bots: Record<'before' | 'after', ServerProcess> = {
  before: await startServer('before', [...flags('BEFORE'), 'dist/index.js'], env(), before),
  after: await startServer('after', [...flags('AFTER'), 'dist/index.js'], env(), after),
};
const baseline = await startServer('baseline', ['--import', 'tsx', 'bench/children/baseline-bot.ts'], {});
const members = (n: number): Person[] => Array.from({ length: n }, (_, i) => person(`Medlem ${i + 1}`));
const chair = person('Anna Lindqvist');
const ctxFor = (bot: ServerProcess) => benchContext(bot.url, connector, { serviceUrl, channel: channel('cmp'), chair, members });

interface Acc { samples: Sample[]; cosmos: number }
type Who = 'before' | 'after' | 'baseline';
const results: Record<string, Record<Who, Acc>> = {};

async function row(name: string, runs: Partial<Record<Who, (url: string) => Promise<Sample>>>): Promise<void> {
  results[name] ??= { before: { samples: [], cosmos: 0 }, after: { samples: [], cosmos: 0 }, baseline: { samples: [], cosmos: 0 } };
  for (const who of ['before', 'after', 'baseline'] as const) {
    const run = runs[who];
    if (!run) continue;
    await new Promise((r) => setTimeout(r, 300));
    await cosmos.reset();
    const s = await run(who === 'baseline' ? baseline.url : bots[who].url);
    results[name]![who].samples.push(s);
    results[name]![who].cosmos += (await cosmos.stats()).requests;
  }
}

// Many personal chats: one chat asked 1000 times a second would measure the per-conversation pacing.
const help = Array.from({ length: 5_000 }, (_, i) => person(`Frågande ${i + 1}`)).map((p) => message(personalChat(p), p, serviceUrl, 'hjälp'));
const sustained = (bodies: object[]) => (url: string) => drive(url, { bodies, connections: 50, seconds: SECONDS, amount: 1e6 });
for (const bot of Object.values(bots)) await drive(bot.url, { bodies: help, connections: 50, seconds: 1, amount: 2_000 });
await drive(baseline.url, { bodies: help, connections: 50, seconds: 1, amount: 2_000 });
const prepared: Record<string, Record<'before' | 'after', object[]>> = {};
for (const r of cardActionRows) prepared[r.id] = { before: await r.prepare!(ctxFor(bots.before)), after: await r.prepare!(ctxFor(bots.after)) };
// Warm-up as in `npm run bench`: each row's code pressed through on cards of its own (first presses, then again).
for (const r of cardActionRows) {
  for (const who of ['before', 'after'] as const) {
    for (let i = 0; i < 2; i++) {
      const warm = await r.prepare!(ctxFor(bots[who]));
      await drive(bots[who].url, { bodies: warm, connections: 50, seconds: 10, amount: warm.length, exact: true });
      await drive(bots[who].url, { bodies: warm, connections: 50, seconds: 1, amount: 2_000 });
    }
  }
}
const invokes = members(200).map((m) => cardAction(channel('cmp'), m, serviceUrl, 'bench', { n: 1 }));

for (let round = 0; round < ROUNDS; round++) {
  process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
  await row('message "hjälp" (baseline: echo)', { before: sustained(help), after: sustained(help), baseline: sustained(help) });
  for (const r of cardActionRows) {
    // First presses (each a write): every member of a few fresh cards presses once.
    const cards = Math.ceil(FIRST_PRESSES / r.members);
    const firsts = { before: [] as object[], after: [] as object[] };
    for (let i = 0; i < cards; i++) for (const who of ['before', 'after'] as const) firsts[who].push(...(await r.prepare!(ctxFor(bots[who]))));
    const once = (bodies: object[]) => (url: string) => drive(url, { bodies, connections: 50, seconds: 60, amount: bodies.length, exact: true });
    await row(`${r.id} first presses (baseline: invoke)`, { before: once(firsts.before), after: once(firsts.after), baseline: sustained(invokes) });
    await row(`${r.id} pressed again (baseline: invoke)`, { before: sustained(prepared[r.id]!.before), after: sustained(prepared[r.id]!.after), baseline: sustained(invokes) });
    const fresh = { before: await r.prepare!(ctxFor(bots.before)), after: await r.prepare!(ctxFor(bots.after)) };
    await row(`${r.id} burst of ${r.members} (p99)`, { before: (u) => burst(u, fresh.before), after: (u) => burst(u, fresh.after), baseline: (u) => burst(u, invokes.slice(0, r.members)) });
  }
}

const f = (n: number, d = 0) => n.toFixed(d);
for (const [name, by] of Object.entries(results)) {
  const isBurst = name.includes('burst');
  const s = { before: summarize(by.before.samples), after: summarize(by.after.samples), baseline: summarize(by.baseline.samples) };
  const perRound = by.after.samples.map((a, i) => {
    const b = by.before.samples[i]!;
    return isBurst ? summarize([a]).p99Ms / summarize([b]).p99Ms : a.latencies.length / a.seconds / (b.latencies.length / b.seconds);
  });
  const ops = (w: Who) => Math.max(s[w].requests + s[w].failures, 1);
  console.log(`${name}
  before: ${f(s.before.perSecond)}/s p50 ${f(s.before.p50Ms)} p99 ${f(s.before.p99Ms)} ms, Cosmos ${f(by.before.cosmos / ops('before'), 2)}/op, failed ${s.before.failures}
  after:  ${f(s.after.perSecond)}/s p50 ${f(s.after.p50Ms)} p99 ${f(s.after.p99Ms)} ms, Cosmos ${f(by.after.cosmos / ops('after'), 2)}/op, failed ${s.after.failures}
  baseline: ${f(s.baseline.perSecond)}/s p50 ${f(s.baseline.p50Ms)} p99 ${f(s.baseline.p99Ms)} ms
  after ÷ before ${isBurst ? 'p99' : 'per s'} by round: ${perRound.map((x) => f(x, 2)).join(', ')}; vs baseline: before ${f(isBurst ? s.before.p99Ms / s.baseline.p99Ms : s.before.perSecond / s.baseline.perSecond, 2)}×, after ${f(isBurst ? s.after.p99Ms / s.baseline.p99Ms : s.after.perSecond / s.baseline.perSecond, 2)}×`);
}
console.log(`peak RSS (VmHWM): before ${bots.before.peakRssMb()?.toFixed(0) ?? '?'} MB, after ${bots.after.peakRssMb()?.toFixed(0) ?? '?'} MB`);
await Promise.all([bots.before.stop(), bots.after.stop(), baseline.stop()]);
killAll();
process.exit(0);
