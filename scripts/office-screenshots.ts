/**
 * `npm run office:screenshots`: the office's overview as kansli see it outside Teams, looked at in
 * headless Debian Chromium. Starts the real bot (embedded Cosmos) on loopback, stores a förbund's 2018
 * (the Tierp lokusgrupp, the arbetsutskott and the styrelse, meetings with attendance marked, seed
 * 002's insats), asks for `översikt` in a personal chat as the kansli would, and opens the card's
 * signed links: the report page (screen and print) and the two chart images. Writes docs/office/*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newInsats } from '../src/office/domain/insats.js';
import * as A from '../test/support/activities.js';
import { cardsOf, findNodes } from '../test/support/cards.js';
import { TestBot } from '../test/support/test-bot.js';
import { O, storeGroup, storeHeldMeetings, storeStyrelse, storeTierp } from '../test/office/office-support.js';
import { launchLocalChromium } from './lib/chromium.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'docs/office');
type Json = Record<string, unknown>;
const require = createRequire(import.meta.url);
const read = (p: string) => readFileSync(p, 'utf8');

/** The card as Teams draws it (the official renderer, Teams' light host config), as in the card gallery. */
const CARD_PAGE = `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Översikt</title>
<link rel="stylesheet" href="/adaptivecards.css">
<style>
body { margin: 0; background: #F5F5F5; font-family: 'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif; }
#frame { display: inline-block; padding: 16px; }
#card { width: 450px; background: #FFFFFF; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,0.14); overflow: hidden; }
#card p { margin: 0; }
.ac-pushButton { color: #242424; background: #FFFFFF; border: 1px solid #D1D1D1; border-radius: 4px; min-height: 32px; font-family: inherit; }
</style>
<script src="/markdown-it.js"></script><script src="/adaptivecards.js"></script><script src="/render-in-page.js"></script>
</head><body><div id="frame"><div id="card"></div></div></body></html>`;

/** Every `step`th day of 2018 from `first`, skipping July (semester). */
function days(first: string, step: number): string[] {
  const out: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d.getUTCFullYear() === 2018 && d <= new Date('2018-12-07T00:00:00Z'); d = new Date(d.getTime() + step * 86400_000)) {
    if (d.getUTCMonth() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

async function main(): Promise<void> {
  const bot = await TestBot.start({ now: () => new Date('2018-12-10T09:00:00.000Z') });
  try {
    const at = '2018-01-25T09:00:00.000Z';
    const tierp = await storeTierp(bot, A.channel('lokus-tierp'), at);
    const styrelse = await storeStyrelse(bot, A.channel('forbundsstyrelsen'), at);
    const au = await storeGroup(bot, A.channel('arbetsutskottet'), {
      name: 'Arbetsutskottet', kind: 'arbetsutskott', at,
      founder: { person: O.marikaB, organisation: 'Samordningsförbundet', roles: ['secretary', 'kansli'] },
      seats: [{ person: O.lars, organisation: 'Region Uppsala', roles: ['chair'] }, { person: O.kenny, organisation: 'Tierps kommun', roles: ['member'] }, { person: O.marikaS, organisation: 'Försäkringskassan', roles: ['member'] }],
    });
    await storeHeldMeetings(bot, tierp, { days: days('2018-02-01', 7), seed: 2018, title: (d, i) => (i % 4 === 3 ? 'Lokusmöte Tierp' : `Individmöte ${d}`), chance: { 'Region Uppsala': 0.96, Försäkringskassan: 0.92, Arbetsförmedlingen: 0.72, 'Tierps kommun': 0.98 }, items: (d) => (d.startsWith('2018-09') ? ['Granskning uppdrag'] : []) });
    await storeHeldMeetings(bot, au, { days: days('2018-02-06', 35), seed: 7, title: () => 'Arbetsutskottets sammanträde', chance: { 'Region Uppsala': 1, 'Tierps kommun': 0.8, Försäkringskassan: 0.95 } });
    await storeHeldMeetings(bot, styrelse, { days: days('2018-02-20', 56), seed: 3, title: () => 'Förbundsstyrelsens sammanträde', chance: { 'Region Uppsala': 1, 'Tierps kommun': 0.9 } });
    const insats = newInsats({
      id: 'insats-tierp', tenantId: A.TENANT, name: 'Samordnare och partsamordnare Tierp', groupIds: [tierp.groupId], from: '2018-01-01', to: '2019-12-31', createdBy: 'Marika Blomgren', at,
      goals: [{ kind: 'meetingCount', titleWord: 'individ', minParties: 2, target: 60 }, { kind: 'attendance', percent: 85 }, { kind: 'regularMeetings', titleWord: 'partsamordnare', perYear: 4 }, { kind: 'yearlyReview', itemTitle: 'Granskning uppdrag' }],
    });
    if (!insats.ok) throw new Error(JSON.stringify(insats.error));
    await bot.lokus.deps.office.createInsats(insats.value);

    const answer = await bot.say(A.personalChat(O.marikaB), O.marikaB, 'översikt');
    const card = cardsOf(answer.replies[0])[0];
    if (!card) throw new Error(`no overview card: ${JSON.stringify(answer.replies[0])}`);
    const report = findNodes(card as Json, (n) => n.type === 'Action.OpenUrl' && n.title === 'Öppna rapporten')[0]!.url as string;
    const images = findNodes(card as Json, (n) => n.type === 'Image').map((n) => n.url as string);

    mkdirSync(OUT, { recursive: true });
    const browser = await launchLocalChromium({ width: 1000, height: 900 });
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(report);
      await page.evaluate('document.fonts.ready');
      await page.screenshot({ path: path.join(OUT, 'report.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: path.join(OUT, 'report-print.png'), fullPage: true });
      await page.pdf({ path: path.join(OUT, 'report.pdf'), format: 'A4', printBackground: true }).catch((e: unknown) => console.log(`(no PDF: ${String(e)})`));
      await page.emulateMedia({ media: 'screen' });
      // The overview card itself, with the chart images loaded from the bot's signed links.
      const acDist = path.dirname(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
      // Served by the page's own route (restify, in this process with the bot, patches node's http server).
      const files: Record<string, { contentType: string; body: string }> = {
        '/': { contentType: 'text/html; charset=utf-8', body: CARD_PAGE },
        '/adaptivecards.css': { contentType: 'text/css', body: read(path.join(acDist, 'adaptivecards.css')) },
        '/adaptivecards.js': { contentType: 'text/javascript', body: read(path.join(acDist, 'adaptivecards.min.js')) },
        '/render-in-page.js': { contentType: 'text/javascript', body: read(path.join(ROOT, 'scripts/gallery/render-in-page.js')) },
        '/markdown-it.js': { contentType: 'text/javascript', body: read(require.resolve('markdown-it/dist/markdown-it.min.js')) },
      };
      const CARD_ORIGIN = 'http://localhost:9';
      await page.route(`${CARD_ORIGIN}/**`, (route) => {
        const file = files[new URL(route.request().url()).pathname];
        return file ? route.fulfill({ status: 200, ...file }) : route.fulfill({ status: 404, body: '' });
      });
      await page.goto(`${CARD_ORIGIN}/`);
      const hostConfig = JSON.parse(read(path.join(ROOT, 'scripts/gallery/teams-light-host-config.json')));
      // The chart images as the bot serves them behind the signed links, inlined (the page is on another origin).
      const inlined = JSON.parse(JSON.stringify(card)) as Json;
      for (const img of findNodes(inlined, (n) => n.type === 'Image')) {
        const res = await fetch(img.url as string);
        if (res.status !== 200) throw new Error(`chart ${String(img.url)}: HTTP ${res.status}`);
        img.url = `data:image/png;base64,${Buffer.from(await res.arrayBuffer()).toString('base64')}`;
      }
      await page.evaluate((a) => (globalThis as unknown as { lokusRender(c: object, h: object): string[] }).lokusRender(a.card, a.hostConfig), { card: inlined, hostConfig });
      await page.waitForFunction(`document.images.length === ${images.length} && [...document.images].every((i) => i.complete && i.naturalWidth > 0)`);
      await page.locator('#frame').screenshot({ path: path.join(OUT, 'overview-card.png') });
      console.log('✓ the översikt card with its charts → docs/office/overview-card.png');
      for (const [i, url] of images.entries()) {
        await page.goto(url);
        const name = i === 0 ? 'chart-attendance.png' : 'chart-meetings.png';
        await page.locator('img').screenshot({ path: path.join(OUT, name) });
        console.log(`✓ ${url.split('?')[0]} → docs/office/${name}`);
      }
      console.log('✓ report.html → docs/office/report.png, report-print.png');
    } finally {
      await browser.close();
    }
  } finally {
    await bot.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
