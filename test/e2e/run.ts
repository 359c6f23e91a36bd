/**
 * `npm run test:e2e`: the scenario of test/e2e/steps.ts in the Microsoft 365 Agents Playground (a
 * local Teams client), driven in headless Debian Chromium. Starts the bot with a fresh embedded
 * Cosmos DB and the Playground on random loopback ports, runs the steps in order (stopping at the
 * first failure), saves test/e2e/screenshots/NN-<step>.png after each, and stops everything it
 * started on the way out, also on Ctrl-C and when the whole run takes too long.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchLocalChromium, type LocalBrowser } from '../../scripts/lib/chromium.js';
import { startBot, startLocaleProxy, startPlayground, Teams } from './harness.js';
import { steps } from './steps.js';

const OVERALL_TIMEOUT_MS = 240_000;
const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

const cleanups: Array<() => Promise<unknown>> = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of cleanups.reverse()) await c().catch((err) => console.error(`cleanup: ${String(err)}`));
  })();
  return cleaning;
}
function bail(code: number, why: string): void {
  console.error(why);
  const hard = setTimeout(() => process.exit(code), 10_000);
  hard.unref();
  void cleanup().finally(() => process.exit(code));
}
process.once('SIGINT', () => bail(130, 'interrupted'));
process.once('SIGTERM', () => bail(143, 'terminated'));
setTimeout(() => bail(2, `test:e2e took longer than ${OVERALL_TIMEOUT_MS / 1000} s; stopped`), OVERALL_TIMEOUT_MS).unref();

async function main(): Promise<number> {
  mkdirSync(SHOTS, { recursive: true });
  for (const f of readdirSync(SHOTS)) if (f.endsWith('.png')) rmSync(path.join(SHOTS, f));

  const bot = await startBot();
  cleanups.push(async () => {
    await bot.stop();
    rmSync(bot.dataDir, { recursive: true, force: true });
  });
  const proxy = await startLocaleProxy(bot.url);
  cleanups.push(() => proxy.close());
  const playground = await startPlayground(`${proxy.url}/api/messages`);
  cleanups.push(() => playground.stop());
  const browser: LocalBrowser = await launchLocalChromium({ width: 1280, height: 1300 });
  cleanups.push(() => browser.close());

  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(playground.url);
  const hideLog = page.getByRole('button', { name: 'Hide log panel' });
  if (await hideLog.isVisible().catch(() => false)) await hideLog.click();
  const teams = new Teams(page);

  let passed = 0;
  let failed = 0;
  for (const [i, step] of steps.entries()) {
    const shot = path.join(SHOTS, `${String(i + 1).padStart(2, '0')}-${step.name}.png`);
    const started = Date.now();
    try {
      await step.run(teams);
      const problems = await teams.renderedCardProblems();
      if (problems.length) throw new Error(problems.join('\n'));
      await teams.screenshot(shot);
      passed++;
      console.log(`✓ ${step.name} (${Date.now() - started} ms)`);
    } catch (err) {
      await teams.screenshot(shot).catch(() => undefined);
      failed++;
      console.error(`✗ ${step.name}\n  ${String(err instanceof Error ? err.message : err).replace(/\n/g, '\n  ')}`);
      console.error(`  screenshot: ${path.relative(process.cwd(), shot)}`);
      console.error(`  bot log (last lines):\n${bot.output().split('\n').slice(-10).join('\n')}`);
      console.error(`  to the bot:\n${proxy.traffic.slice(-10).join('\n')}`);
      console.error(`  Playground log (last lines):\n${playground.log().split('\n').slice(-25).join('\n')}`);
      break;
    }
  }
  if (pageErrors.length) console.log(`(errors in the Playground page: ${pageErrors.slice(0, 3).join(' | ')})`);
  const skipped = steps.length - passed - failed;
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed ? 1 : 0;
}

main()
  .catch((err) => {
    console.error(err);
    return 1;
  })
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  });
