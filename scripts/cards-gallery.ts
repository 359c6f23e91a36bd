/**
 * `npm run cards:gallery`: renders every template in cards/ with its Swedish sample
 * (test/card-samples/<name>.ts) through the official `adaptivecards` renderer with the Microsoft Teams
 * light host config, in headless Chromium at Teams' chat width; checks each card (the rules of
 * test/support/card-checks.ts, the renderer's own parse and validation errors, and in the rendered
 * page that no text is cut off or sticks out of the card) and writes docs/cards/<name>.png.
 * Exits 1 when any card has a problem (the pictures are written all the same, to look at).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allCardProblems, renderSample, templateNames } from '../test/support/card-checks.js';
import { launchLocalChromium } from './lib/chromium.js';
import { serveFiles } from './lib/static-server.js';

/** The width Teams gives an Adaptive Card in a chat or channel conversation (standard width). */
const TEAMS_CHAT_WIDTH = 450;
const OVERALL_TIMEOUT_MS = 300_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'docs/cards');
const require = createRequire(import.meta.url);
const read = (p: string) => readFileSync(p, 'utf8');

const PAGE = `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Lokus cards</title>
<link rel="stylesheet" href="/adaptivecards.css"><link rel="stylesheet" href="/teams.css">
<script src="/markdown-it.js"></script><script src="/adaptivecards.js"></script><script src="/render-in-page.js"></script>
</head><body><div id="frame"><div id="card" style="width:${TEAMS_CHAT_WIDTH}px"></div></div></body></html>`;

/** A little of Teams' chrome around the card: the chat background, a rounded white card, Teams buttons. */
const TEAMS_CSS = `
body { margin: 0; background: #F5F5F5; font-family: 'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif; }
#frame { display: inline-block; padding: 16px; background: #F5F5F5; }
#card { background: #FFFFFF; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,0.14), 0 0 2px rgba(0,0,0,0.12); overflow: hidden; }
#card p { margin: 0; }
#card ul, #card ol { margin: 4px 0; padding-left: 24px; box-sizing: border-box; }
.ac-pushButton { color: #242424; background: #FFFFFF; border: 1px solid #D1D1D1; border-radius: 4px; min-height: 32px; font-family: inherit; }
.ac-pushButton.style-positive { color: #FFFFFF; background: #5B5FC7; border-color: #5B5FC7; }
.ac-pushButton.style-destructive { color: #C4314B; }
.ac-input-container input, .ac-input-container textarea, .ac-input-container select { font-family: inherit; font-size: 14px; border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 8px; }
`;

/** What scripts/gallery/render-in-page.js puts on the page. */
interface InPage {
  lokusRender(card: object, hostConfig: object): string[];
}

async function main(): Promise<number> {
  const names = templateNames();
  const hostConfig = JSON.parse(read(path.join(ROOT, 'scripts/gallery/teams-light-host-config.json')));
  const acDist = path.dirname(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
  const server = await serveFiles({
    '/': { type: 'text/html; charset=utf-8', body: PAGE },
    '/teams.css': { type: 'text/css', body: TEAMS_CSS },
    '/adaptivecards.css': { type: 'text/css', body: read(path.join(acDist, 'adaptivecards.css')) },
    '/adaptivecards.js': { type: 'text/javascript', body: read(path.join(acDist, 'adaptivecards.min.js')) },
    '/render-in-page.js': { type: 'text/javascript', body: read(path.join(ROOT, 'scripts/gallery/render-in-page.js')) },
    '/markdown-it.js': { type: 'text/javascript', body: read(require.resolve('markdown-it/dist/markdown-it.min.js')) },
  });
  const browser = await launchLocalChromium({ width: TEAMS_CHAT_WIDTH + 64, height: 800 });
  let failed = 0;
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.goto(server.url);
    mkdirSync(OUT, { recursive: true });
    for (const name of names) {
      const card = await renderSample(name);
      const problems = [...allCardProblems(card), ...(await page.evaluate((a) => (globalThis as unknown as InPage).lokusRender(a.card, a.hostConfig), { card, hostConfig }))];
      await page.evaluate('document.fonts.ready');
      writeFileSync(path.join(OUT, `${name}.png`), await page.locator('#frame').screenshot());
      if (problems.length) {
        failed++;
        console.error(`✗ ${name}\n${problems.map((p) => `    ${p}`).join('\n')}`);
      } else console.log(`✓ ${name} → docs/cards/${name}.png`);
    }
    if (browser.blocked.length) console.log(`(refused requests to other hosts: ${[...new Set(browser.blocked)].join(', ')})`);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`${names.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

const timer = setTimeout(() => {
  console.error(`cards:gallery took longer than ${OVERALL_TIMEOUT_MS / 1000} s; giving up`);
  process.exit(2);
}, OVERALL_TIMEOUT_MS);
timer.unref();
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
