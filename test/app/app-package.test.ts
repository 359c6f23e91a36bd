import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageApp, PackageError } from '../../scripts/package-app.js';
import { pngInfo } from '../../scripts/lib/png.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BOT_ID = '2f1c7a52-5a55-4a4e-9c1d-0b7d3f3a9e11';
const DOMAIN = 'lokus-bot.azurewebsites.net';
const EXPECTED_FILES = ['color.png', 'en.json', 'manifest.json', 'outline.png', 'sv.json'];

/** Runs `npm run package -- args` the way an admin does; resolves with the exit code and output. */
function npmPackage(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'package', '--', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The command words of the README's command table: [svenska, english] pairs, arguments left off. */
async function commandWords(): Promise<Array<[string, string]>> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const word = (cell: string) => cell.replace(/`/g, '').replace(/\s*[<[].*$/, '').trim();
  return [...readme.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|/gm)].map((m) => [word(m[1]!), word(m[2]!)]);
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'lokus-package-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('npm run package', () => {
  it('writes a zip with exactly the Teams files, the ids filled in and a manifest that validates offline', async () => {
    const out = path.join(tmp, 'good', 'appPackage.zip');
    const r = await npmPackage(['--bot-domain', DOMAIN, '--out', out], { BOT_ID });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('validated offline');

    const zip = await JSZip.loadAsync(await readFile(out));
    expect(Object.keys(zip.files).sort()).toEqual(EXPECTED_FILES);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
    expect(manifest.manifestVersion >= '1.17').toBe(true);
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.version).toBe(JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(manifest.validDomains).toEqual([DOMAIN]);
    expect(manifest.webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://${DOMAIN}/botid-${BOT_ID}` });
    expect(JSON.stringify(manifest)).not.toContain('${{');

    const [bot] = manifest.bots;
    expect(bot.botId).toBe(BOT_ID);
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsCalling).toBe(false);
    expect(bot.commandLists.map((l: any) => l.scopes)).toEqual([['team'], ['groupChat'], ['personal']]);
    expect(manifest.authorization.permissions.resourceSpecific.map((p: any) => `${p.name}/${p.type}`).sort()).toEqual([
      'ChannelMeeting.ReadBasic.Group/Application',
      'ChannelMeetingParticipant.Read.Group/Application',
      'OnlineMeeting.ReadBasic.Chat/Application',
      'OnlineMeetingParticipant.Read.Chat/Application',
    ]);

    const color = pngInfo(await zip.file('color.png')!.async('nodebuffer'));
    const outline = pngInfo(await zip.file('outline.png')!.async('nodebuffer'));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    expect(outline.colorType).toBe(6); // RGBA: the outline's background is transparent
  });

  it('lists the design\'s command words, Swedish in the manifest and English in en.json', async () => {
    const out = path.join(tmp, 'words', 'appPackage.zip');
    await packageApp({ dir: path.join(ROOT, 'appPackage'), out, values: { BOT_ID, BOT_DOMAIN: DOMAIN, TEAMS_APP_ID: BOT_ID, APP_VERSION: '1.0.0' } });
    const zip = await JSZip.loadAsync(await readFile(out));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const en = JSON.parse(await zip.file('en.json')!.async('string'));
    const sv = JSON.parse(await zip.file('sv.json')!.async('string'));
    const english = new Map(await commandWords());
    expect(english.get('nästa punkt')).toBe('next item');
    manifest.bots[0].commandLists.forEach((list: any, i: number) => {
      expect(list.commands.length).toBeGreaterThan(0);
      list.commands.forEach((c: any, j: number) => {
        expect(english.has(c.title), `${c.title} is a command word`).toBe(true);
        expect(en[`bots[0].commandLists[${i}].commands[${j}].title`]).toBe(english.get(c.title));
        expect(en[`bots[0].commandLists[${i}].commands[${j}].description`]).toMatch(/^[A-Z]/);
      });
    });
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('sv');
    expect(sv['name.full']).toBe(manifest.name.full);
    expect(en['description.short']).toMatch(/Agendas/);
  });

  it('fails with the schema\'s error when the manifest has no bot id, and writes no zip', async () => {
    const dir = path.join(tmp, 'broken');
    await cp(path.join(ROOT, 'appPackage'), dir, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    delete manifest.bots[0].botId;
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const out = path.join(tmp, 'broken-out', 'appPackage.zip');

    const r = await npmPackage(['--bot-id', BOT_ID, '--bot-domain', DOMAIN, '--dir', dir, '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('manifest.json: schema: /bots/0 must have required property \'botId\'');
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('names the missing setting when no bot id is given', async () => {
    const r = await npmPackage(['--bot-domain', DOMAIN, '--out', path.join(tmp, 'none.zip')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('placeholder ${{BOT_ID}} has no value (pass --bot-id or set BOT_ID)');
  });
});

describe('packageApp checks', () => {
  async function copyWith(name: string, change: (dir: string) => Promise<void>): Promise<string> {
    const dir = path.join(tmp, name);
    await cp(path.join(ROOT, 'appPackage'), dir, { recursive: true });
    await change(dir);
    return dir;
  }
  const values = { BOT_ID, BOT_DOMAIN: DOMAIN, TEAMS_APP_ID: BOT_ID, APP_VERSION: '1.0.0' };
  const problemsOf = async (dir: string) => {
    try {
      await packageApp({ dir, out: path.join(dir, 'out.zip'), values });
    } catch (err) {
      if (err instanceof PackageError) return err.problems;
      throw err;
    }
    return [];
  };

  it('refuses icons of the wrong size or an outline that is not white on transparent', async () => {
    const wrongSize = await copyWith('icon-size', (d) => cp(path.join(d, 'color.png'), path.join(d, 'outline.png')));
    expect(await problemsOf(wrongSize)).toEqual(['icons.outline: outline.png is 192×192, Teams needs 32×32']);

    const { encodePng } = await import('../../scripts/lib/png.js');
    const opaque = await copyWith('icon-opaque', (d) =>
      writeFile(path.join(d, 'outline.png'), encodePng({ width: 32, height: 32, data: new Uint8Array(32 * 32 * 4).fill(255) })),
    );
    expect(await problemsOf(opaque)).toEqual(['icons.outline: outline.png has no transparent background']);
  });

  it('validates the localization files against their schema too', async () => {
    const dir = await copyWith('loc', async (d) => {
      const en = JSON.parse(await readFile(path.join(d, 'en.json'), 'utf8'));
      en['bots[0].commandLists[0].commands[12].title'] = 'one too many';
      await writeFile(path.join(d, 'en.json'), JSON.stringify(en));
    });
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^en\.json: schema: {2}must NOT have additional properties/);
  });

  it('refuses a default language file that says something else than the manifest', async () => {
    const dir = await copyWith('sv', async (d) => {
      const sv = JSON.parse(await readFile(path.join(d, 'sv.json'), 'utf8'));
      sv['name.short'] = 'Annat namn';
      await writeFile(path.join(d, 'sv.json'), JSON.stringify(sv));
    });
    expect(await problemsOf(dir)).toEqual(['sv.json: "name.short" differs from the manifest\'s name.short (the default language file must match the manifest)']);
  });
});
