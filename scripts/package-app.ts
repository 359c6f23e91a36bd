/**
 * `npm run package`: builds the Teams app package build/appPackage.zip from appPackage/.
 *
 * Fills the ${{…}} placeholders, validates the manifest and its localization files offline against
 * the schemas bundled with @microsoft/app-manifest, checks the icons (192×192 colour, 32×32 white
 * on transparent outline), zips exactly the files Teams expects (flat, no folders) and reads the zip
 * back to check its file list. Any problem stops it with a non-zero exit and the schema's message.
 *
 *   npm run package -- --bot-id <guid> --bot-domain lokus.example.se [--teams-app-id <guid>]
 *                      [--version 1.2.0] [--dir appPackage] [--out build/appPackage.zip]
 *
 * Each option can come from the environment instead: BOT_ID (or MicrosoftAppId), BOT_DOMAIN,
 * TEAMS_APP_ID (default: the bot id), APP_VERSION (default: package.json's version).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { decodeRgbaPng, pngInfo } from './lib/png.js';

export interface PackageOptions {
  /** Folder holding manifest.json, its localization files and icons. */
  dir: string;
  /** Where the zip goes. */
  out: string;
  values: Partial<Record<Placeholder, string>>;
}

const PLACEHOLDERS = ['BOT_ID', 'BOT_DOMAIN', 'TEAMS_APP_ID', 'APP_VERSION'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package was not built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

type Json = Record<string, unknown>;

const root = fileURLToPath(new URL('..', import.meta.url));

/** Replaces ${{NAME}} in a JSON text; values are JSON-escaped. Unknown or unset names are problems. */
function fillPlaceholders(file: string, text: string, values: PackageOptions['values'], problems: string[]): string {
  return text.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name as Placeholder];
    if (value === undefined) {
      const problem = `${file}: placeholder \${{${name}}} has no value (${hint(name)})`;
      if (!problems.includes(problem)) problems.push(problem);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
}

function hint(name: string): string {
  const flag = `--${name.toLowerCase().replace(/_/g, '-')}`;
  return (PLACEHOLDERS as readonly string[]).includes(name) ? `pass ${flag} or set ${name}` : 'not a known placeholder';
}

/** The local copy of a Teams schema inside @microsoft/app-manifest; never fetched from the network. */
async function bundledSchema(url: unknown): Promise<object> {
  const match = typeof url === 'string' ? /\/json-schemas\/(teams\/v[\w.]+\/MicrosoftTeams(?:\.Localization)?\.schema\.json)$/.exec(url) : null;
  if (!match) throw new Error(`$schema ${JSON.stringify(url)} is not a Teams manifest or localization schema URL`);
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  const file = path.join(pkgDir, 'json-schemas', match[1]!);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`$schema ${url} is not bundled with @microsoft/app-manifest (no network is used); pick a bundled version`);
  }
  return fixPatterns(JSON.parse(text) as Json);
}

/**
 * The bundled localization schemas (1.8 and later) have patterns with a bare `]`, which ajv's
 * unicode regular expressions reject ("Lone quantifier brackets"). Escaping it keeps the meaning.
 */
function fixPatterns(schema: Json): Json {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        if (k === 'pattern' && typeof v === 'string') return [k, escapeBareBrackets(v)];
        if (k === 'patternProperties' && v && typeof v === 'object') {
          return [k, Object.fromEntries(Object.entries(v).map(([p, s]) => [escapeBareBrackets(p), walk(s)]))];
        }
        return [k, walk(v)];
      }),
    );
  };
  return walk(schema) as Json;
}

function escapeBareBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']') {
      out += inClass ? c : '\\]';
      inClass = false;
    } else {
      out += c;
    }
  }
  return out;
}

async function validate(file: string, doc: Json, problems: string[]): Promise<void> {
  let schema: object;
  try {
    schema = await bundledSchema(doc.$schema);
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message}`);
    return;
  }
  const errors = await AppManifestUtils.validateAgainstSchema(doc as never, schema as never);
  for (const e of errors) problems.push(`${file}: schema: ${e}`);
}

async function readJson(dir: string, file: string, values: PackageOptions['values'], problems: string[]): Promise<{ doc: Json; text: string } | undefined> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, file), 'utf8');
  } catch {
    problems.push(`${file}: missing`);
    return undefined;
  }
  const text = fillPlaceholders(file, raw.replace(/^\uFEFF/, ''), values, problems);
  try {
    return { doc: JSON.parse(text) as Json, text };
  } catch (err) {
    problems.push(`${file}: not valid JSON (${(err as Error).message})`);
    return undefined;
  }
}

/** Only plain file names: Teams wants every file at the root of the zip. */
function isFlatName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && !/[\\/]/.test(name) && name !== '.' && name !== '..';
}

async function checkIcon(dir: string, file: string, kind: 'color' | 'outline', problems: string[]): Promise<Buffer | undefined> {
  let png: Buffer;
  try {
    png = await readFile(path.join(dir, file));
  } catch {
    problems.push(`icons.${kind}: ${file} is missing`);
    return undefined;
  }
  const want = kind === 'color' ? 192 : 32;
  try {
    const { width, height } = pngInfo(png);
    if (width !== want || height !== want) {
      problems.push(`icons.${kind}: ${file} is ${width}×${height}, Teams needs ${want}×${want}`);
      return png;
    }
    if (kind === 'outline') {
      const { data } = decodeRgbaPng(png);
      let transparent = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) transparent++;
        else if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) {
          problems.push(`icons.outline: ${file} must be white on transparent; pixel ${(i / 4) % want},${Math.floor(i / 4 / want)} is not white`);
          return png;
        }
      }
      if (transparent === 0) problems.push(`icons.outline: ${file} has no transparent background`);
    }
  } catch (err) {
    problems.push(`icons.${kind}: ${file}: ${(err as Error).message}`);
  }
  return png;
}

/** Teams shows the default language file's strings; they must say what the manifest says. */
function checkDefaultLanguage(manifest: Json, file: string, loc: Json, problems: string[]): void {
  const name = manifest.name as Json | undefined;
  const description = manifest.description as Json | undefined;
  const pairs: Array<[string, unknown]> = [
    ['name.short', name?.short],
    ['name.full', name?.full],
    ['description.short', description?.short],
    ['description.full', description?.full],
  ];
  for (const [key, value] of pairs) {
    if (key in loc && loc[key] !== value) problems.push(`${file}: "${key}" differs from the manifest's ${key} (the default language file must match the manifest)`);
  }
}

/** Builds the package; throws PackageError listing every problem found. */
export async function packageApp(opts: PackageOptions): Promise<{ zip: string; files: string[] }> {
  const problems: string[] = [];
  const values = { ...opts.values };
  const manifestFile = await readJson(opts.dir, 'manifest.json', values, problems);
  if (!manifestFile) throw new PackageError(problems);
  const manifest = manifestFile.doc;
  await validate('manifest.json', manifest, problems);

  const entries = new Map<string, Buffer>([['manifest.json', Buffer.from(manifestFile.text)]]);
  const icons = (manifest.icons ?? {}) as Json;
  for (const kind of ['color', 'outline'] as const) {
    const file = icons[kind];
    if (!isFlatName(file)) {
      problems.push(`icons.${kind}: must name a file beside manifest.json (got ${JSON.stringify(file)})`);
      continue;
    }
    const png = await checkIcon(opts.dir, file, kind, problems);
    if (png) entries.set(file, png);
  }

  const info = (manifest.localizationInfo ?? {}) as Json;
  const languages: Array<{ file: unknown; isDefault: boolean }> = [
    ...(info.defaultLanguageFile !== undefined ? [{ file: info.defaultLanguageFile, isDefault: true }] : []),
    ...((info.additionalLanguages ?? []) as Json[]).map((l) => ({ file: l.file, isDefault: false })),
  ];
  for (const { file, isDefault } of languages) {
    if (!isFlatName(file)) {
      problems.push(`localizationInfo: language files must sit beside manifest.json (got ${JSON.stringify(file)})`);
      continue;
    }
    const loc = await readJson(opts.dir, file, values, problems);
    if (!loc) continue;
    await validate(file, loc.doc, problems);
    if (isDefault) checkDefaultLanguage(manifest, file, loc.doc, problems);
    entries.set(file, Buffer.from(loc.text));
  }
  if (problems.length > 0) throw new PackageError(problems);

  // A fixed date keeps the zip byte-for-byte reproducible.
  const zip = new JSZip();
  const date = new Date(Date.UTC(2020, 0, 1));
  for (const [name, data] of entries) zip.file(name, data, { date, createFolders: false });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });

  // Read the zip back: exactly the expected files, all at the root, byte for byte.
  const back = await JSZip.loadAsync(bytes);
  const listed = Object.keys(back.files).sort();
  const expected = [...entries.keys()].sort();
  if (JSON.stringify(listed) !== JSON.stringify(expected)) {
    throw new PackageError([`the zip holds ${listed.join(', ')}; expected exactly ${expected.join(', ')}`]);
  }
  for (const [name, data] of entries) {
    if (!(await back.file(name)!.async('nodebuffer')).equals(data)) throw new PackageError([`${name} changed inside the zip`]);
  }

  await mkdir(path.dirname(opts.out), { recursive: true });
  await writeFile(opts.out, bytes);
  return { zip: opts.out, files: expected };
}

/** Options from the command line, then the environment, then defaults. */
export async function optionsFrom(argv: string[], env: NodeJS.ProcessEnv): Promise<PackageOptions> {
  const { values: a } = parseArgs({
    args: argv,
    options: {
      'bot-id': { type: 'string' },
      'bot-domain': { type: 'string' },
      'teams-app-id': { type: 'string' },
      version: { type: 'string' },
      dir: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const pick = (...xs: Array<string | undefined>) => xs.find((x) => x !== undefined && x.trim() !== '')?.trim();
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const botId = pick(a['bot-id'], env.BOT_ID, env.MicrosoftAppId);
  const domain = pick(a['bot-domain'], env.BOT_DOMAIN);
  if (domain !== undefined && !/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) {
    throw new PackageError([`BOT_DOMAIN must be a host name such as lokus.example.se, without https:// or a path (got ${JSON.stringify(domain)})`]);
  }
  return {
    dir: path.resolve(pick(a.dir) ?? path.join(root, 'appPackage')),
    out: path.resolve(pick(a.out) ?? path.join(root, 'build', 'appPackage.zip')),
    values: {
      BOT_ID: botId,
      BOT_DOMAIN: domain,
      TEAMS_APP_ID: pick(a['teams-app-id'], env.TEAMS_APP_ID) ?? botId,
      APP_VERSION: pick(a.version, env.APP_VERSION) ?? pkg.version,
    },
  };
}

async function main(): Promise<void> {
  try {
    const opts = await optionsFrom(process.argv.slice(2), process.env);
    const { zip, files } = await packageApp(opts);
    console.log(`wrote ${path.relative(process.cwd(), zip) || zip}: ${files.join(', ')} (manifest and localization validated offline)`);
  } catch (err) {
    console.error(err instanceof PackageError || err instanceof TypeError ? err.message : err);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main();
