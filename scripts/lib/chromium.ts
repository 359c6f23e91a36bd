/**
 * Headless Debian Chromium for the card gallery and the end-to-end test: installed with apt-get when
 * missing, no sandbox (CI runs as root), no background networking, and every request to a host other
 * than this machine refused, so nothing ever leaves the machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Installs Debian's chromium package when /usr/bin/chromium is missing (needs root, as on CI). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  console.log('Chromium is missing: apt-get install -y chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) => execFileSync('apt-get', args, { stdio: 'inherit', env, timeout: 600_000 });
  apt(['update']);
  apt(['install', '-y', 'chromium', 'fonts-dejavu-core', 'fonts-liberation']);
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get ran but ${CHROMIUM} is still missing`);
}

export interface LocalBrowser {
  context: BrowserContext;
  /** Requests refused because they went to another host (for the log). */
  blocked: string[];
  close(): Promise<void>;
}

/** A fresh persistent profile in a temporary folder, removed on close. */
export async function launchLocalChromium(options: { width: number; height: number; locale?: string }): Promise<LocalBrowser> {
  ensureChromium();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lokus-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    viewport: { width: options.width, height: options.height },
    locale: options.locale ?? 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOCAL_HOSTS.has(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(url.origin);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    blocked,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
