/**
 * The pieces `npm run test:e2e` runs: the real bot (embedded Cosmos, random port), a loopback proxy in
 * front of it that makes the Playground a Swedish Teams client, the Microsoft 365 Agents Playground,
 * and a `Teams` object that drives the Playground's web page the way a person does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { spawnBot, type SpawnedBot } from '../support/spawn-bot.js';
import { englishIn } from '../support/card-checks.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** How long one thing a person waits for (a reply, a card, a button) may take. */
export const WAIT_MS = 15_000;
/** A network-like delay before the bot gets an activity; see startLocaleProxy. */
const MESSAGE_DELAY_MS = 250;

// ---------------------------------------------------------------------------------------------
// The bot

export async function startBot(): Promise<SpawnedBot & { dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lokus-e2e-data-'));
  const bot = await spawnBot({ LOKUS_DATA_DIR: dataDir, TZ: 'Europe/Stockholm' }, 30_000);
  return { ...bot, dataDir };
}

/**
 * The Playground always sends `locale: "en-US"` (and an en-US clientInfo entity); a Swedish Teams
 * client sends sv-SE. This proxy on 127.0.0.1 passes everything to the bot unchanged except that
 * locale, so the scenario sees what Swedish users see.
 */
export async function startLocaleProxy(botUrl: string, locale = 'sv-SE'): Promise<{ url: string; traffic: string[]; close(): Promise<void> }> {
  const target = new URL(botUrl);
  /** One line per request passed on (activity type and the bot's status), for the failure report. */
  const traffic: string[] = [];
  const relocale = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(relocale);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'locale' && typeof v === 'string' ? locale : relocale(v)]));
  };
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    let activity: { type?: string; text?: string } = {};
    try {
      activity = JSON.parse(body.toString('utf8')) as typeof activity;
      body = Buffer.from(JSON.stringify(relocale(activity)));
    } catch {
      // not JSON: pass it on as it came
    }
    const what = `${req.method} ${req.url} ${activity.type ?? ''} ${activity.text ? `"${activity.text.slice(0, 40)}"` : ''}`;
    const started = Date.now();
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    const out = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (answer) => {
      traffic.push(`${new Date().toISOString()} ${what} → ${answer.statusCode} in ${Date.now() - started} ms`);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', (err) => {
      traffic.push(`${new Date().toISOString()} ${what} → ${err.message}`);
      res.writeHead(502).end();
    });
    out.end(body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    // Real Teams takes a moment to deliver an activity to the bot; the Playground does it at once and
    // now and then fails to show a reply that comes back within milliseconds of the post (about one
    // run in ten, the bot's reply sent and accepted, nothing on the page). A network-like delay on
    // everything sent to the bot avoids that race in the Playground.
    req.on('end', () => setTimeout(() => forward(req, res, Buffer.concat(chunks)), MESSAGE_DELAY_MS));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    traffic,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------------------------
// The Playground

export interface RunningPlayground {
  url: string;
  child: ChildProcess;
  output(): string;
  /** The Playground's own log file (what it sent and received). */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Kills a process started with `detached: true` and everything it started. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * `agentsplayground -e <endpoint> -c msteams -p <port>` with the tenant of test/e2e/playground.yml,
 * run in a temporary folder (it writes a log there), never opening a browser of its own.
 */
export async function startPlayground(endpoint: string): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const work = mkdtempSync(path.join(os.tmpdir(), 'lokus-e2e-playground-'));
  const port = await freePort();
  const child = spawn(process.execPath, [cli, '-e', endpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    cwd: work,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: work,
      LANG: 'sv_SE.UTF-8',
      TZ: 'Europe/Stockholm',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(here, 'playground.yml'),
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(work, 'playground.log'),
      TEAMSAPPTESTER_BROWSER: 'none',
    },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const stop = async () => {
    killGroup(child);
    const gone = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
    await gone;
    clearTimeout(timer);
    rmSync(work, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = out.match(/Listening on (\d+)/);
    const log = () => {
      try {
        return readFileSync(path.join(work, 'playground.log'), 'utf8');
      } catch {
        return '';
      }
    };
    if (m) return { url: `http://127.0.0.1:${m[1]}/`, child, output: () => out, log, stop };
    if (child.exitCode !== null) throw new Error(`the Playground exited:\n${out}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Playground did not start in 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------
// A person in the Playground

/** Drives the Playground page as the current user (Birgitta Olsson in playground.yml). */
export class Teams {
  constructor(readonly page: Page) {}

  /** Opens a conversation from the left list, e.g. 'Lokus Tierp - General' or 'Personal Chat'. */
  async open(conversation: string): Promise<void> {
    await this.page.getByRole('treeitem', { name: conversation }).click();
    // Its messages are shown once its compose box is (channels: "Post", chats: "Send Message") and
    // the page has stopped loading.
    const channel = / - /.test(conversation);
    const post = this.page.getByRole('button', { name: 'Post' });
    if (channel) await post.waitFor();
    else await post.waitFor({ state: 'detached' });
    await this.page.getByRole('button', { name: channel ? 'Post' : 'Send Message' }).last().waitFor();
    await this.page.waitForLoadState('networkidle');
  }

  private composer(): Locator {
    const post = this.page.getByRole('button', { name: /^(Post|Send Message)$/ });
    return this.page.getByRole('group').filter({ has: post }).first();
  }

  /** Starts a new post in the open channel: "@Lokus <text>" with a real mention picked from the list. */
  async mention(text: string, bot = 'Lokus'): Promise<void> {
    const composer = this.composer();
    await composer.getByRole('textbox').click();
    await this.page.keyboard.type('@');
    await this.page.getByRole('menuitem', { name: new RegExp(`^${bot}\\b`) }).click();
    await this.page.keyboard.type(` ${text}`);
    await composer.getByRole('button', { name: /^(Post|Send Message)$/ }).click();
  }

  /** Sends `text` as a message in the open personal or group chat (no mention needed there). */
  async say(text: string): Promise<void> {
    // A chat has one compose box, at the bottom; Enter sends, as in Teams.
    await this.page.getByRole('textbox').last().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Every Adaptive Card rendered on the page. */
  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** Runs `action` and returns the card it made appear: the next new card whose heading is `heading`. */
  async newCard(heading: string | RegExp, action: () => Promise<void>): Promise<Locator> {
    return this.appears(this.cards().filter({ has: this.page.getByRole('heading', { name: heading }) }), action);
  }

  /** Runs `action` and waits until `text` appears once more on the page than before; returns it. */
  async newText(text: string | RegExp, action: () => Promise<void>): Promise<Locator> {
    return this.appears(this.page.getByText(text), action);
  }

  /** The first match of `matching` that `action` added to the page (waits up to WAIT_MS for it). */
  private async appears(matching: Locator, action: () => Promise<void>): Promise<Locator> {
    const before = await matching.count();
    await action();
    const found = matching.nth(before);
    await found.waitFor({ timeout: WAIT_MS });
    await found.scrollIntoViewIfNeeded();
    return found;
  }

  /** Presses a button on a rendered card, as a person clicks it. */
  async press(card: Locator, title: string | RegExp): Promise<void> {
    await card.getByRole('button', { name: title }).click();
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file, fullPage: false });
  }

  /** What a person would notice is wrong on any rendered card: raw `${…}` or English text. */
  async renderedCardProblems(): Promise<string[]> {
    const problems: string[] = [];
    for (const text of await this.cards().allInnerTexts()) {
      const raw = text.match(/\$\{[^}]*\}/);
      if (raw) problems.push(`raw template text ${raw[0]} on a card`);
      for (const line of text.split('\n')) {
        const english = englishIn(line);
        if (english) problems.push(`English on a card: "${english}"`);
      }
    }
    return problems;
  }
}

/** Text of a rendered element, whitespace collapsed (for readable assertions). */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** Fails with a readable message naming what was expected and what a person sees instead. */
export function expectContains(seen: string, expected: string[], what: string): void {
  const missing = expected.filter((e) => !seen.includes(e));
  if (missing.length) throw new Error(`${what}: missing ${missing.map((m) => `"${m}"`).join(', ')}\n  seen: ${seen.slice(0, 500)}`);
}
