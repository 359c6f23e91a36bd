import { ConfigError, loadConfig } from '../../src/app/config.js';
import { CONTAINERS } from '../../src/store/containers.js';

/**
 * Reads infra/main.bicep (and its parameters file) as text and checks it against the code, since
 * no Bicep compiler can run here. Returns the problems found; none means the deployment gives the
 * bot every setting src/app/config.ts needs in production, the containers src/store expects, and
 * holds no secret.
 */
export function checkInfra(bicep: string, parametersJson: string): string[] {
  const problems: string[] = [];
  const params = bicepParams(bicep);
  const settings = appSettings(bicep);
  if (settings.size === 0) problems.push('no appSettings block found on the web app');

  // 1. The config the deployed bot would load: literal values as written, parameters by their
  //    default, anything computed in Azure (ids, endpoints, secret references) by a sample value.
  const env: Record<string, string> = {};
  for (const [name, expr] of settings) env[name] = valueOf(name, expr, params);
  try {
    const config = loadConfig(env);
    if (config.cosmos.mode !== 'remote') problems.push('app settings: COSMOS_ENDPOINT is not set, so the bot would start an embedded, in-memory Cosmos DB');
    else if (config.cosmos.key !== undefined) problems.push('app settings: COSMOS_KEY is set; the bot must reach Cosmos DB with its managed identity');
    if (!config.bot.appId) problems.push('app settings: MicrosoftAppId is not set, so the bot would accept unauthenticated traffic');
    if (config.bot.appType !== 'SingleTenant') problems.push(`app settings: MicrosoftAppType is ${config.bot.appType}; the bot is registered single tenant`);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const p of err.problems) problems.push(`app settings: ${p}`);
  }
  if (settings.has('COSMOS_KEY')) problems.push('app settings: COSMOS_KEY must not be an app setting (managed identity only)');

  // 2. The database the bot opens is the one deployed.
  const databaseName = resourceBlocks(bicep, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases')[0]?.match(/^\s*name: (.+)$/m)?.[1]?.trim();
  if (databaseName !== settings.get('COSMOS_DATABASE')) {
    problems.push(`COSMOS_DATABASE (${settings.get('COSMOS_DATABASE') ?? 'not set'}) is not the deployed database (${databaseName})`);
  }

  // 3. Containers and partition keys as in src/store/containers.ts, no more, no fewer.
  const deployed = resourceBlocks(bicep, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers').map((block) => ({
    id: block.match(/^\s*id: '([^']+)'/m)?.[1],
    partitionKey: block.match(/paths: \[\s*'([^']+)'/)?.[1],
    defaultTtl: block.match(/^\s*defaultTtl: (-?\d+)$/m)?.[1],
  }));
  const ttlOf = (c: object) => ('defaultTtl' in c ? ` ttl ${String(c.defaultTtl)}` : '');
  const wanted = Object.values(CONTAINERS).map((c) => `${c.id} ${c.partitionKey}${ttlOf(c)}`).sort();
  const got = deployed.map((c) => `${c.id} ${c.partitionKey}${c.defaultTtl !== undefined ? ` ttl ${c.defaultTtl}` : ''}`).sort();
  if (JSON.stringify(got) !== JSON.stringify(wanted)) problems.push(`containers: Bicep has [${got.join(', ')}], the code uses [${wanted.join(', ')}]`);

  // 4. Managed identity with the Cosmos DB data-plane role, and key auth switched off.
  if (!/identity: \{\s*type: 'SystemAssigned'\s*\}/.test(resourceBlocks(bicep, 'Microsoft.Web/sites')[0] ?? '')) problems.push('the web app has no system-assigned managed identity');
  const role = resourceBlocks(bicep, 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments')[0] ?? '';
  if (!/principalId: app\.identity\.principalId/.test(role) || !/sqlRoleDefinitions\/\$\{cosmosDataContributorRoleId\}/.test(role) || !/cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'/.test(bicep)) {
    problems.push('no Cosmos DB Built-in Data Contributor role assignment for the web app identity');
  }
  if (!/disableLocalAuth: true/.test(bicep)) problems.push('Cosmos DB key auth is not disabled (disableLocalAuth: true)');

  // 5. No secret in the Bicep or the parameters file.
  for (const [pattern, what] of [
    [/listKeys\(|listConnectionStrings\(|primaryMasterKey|AccountKey=/, 'reads or embeds an account key'],
    [/'[A-Za-z0-9+/]{40,}={0,2}'/, 'has a literal that looks like a key'],
  ] as const) {
    if (pattern.test(bicep)) problems.push(`main.bicep ${what}`);
  }
  for (const p of params.values()) {
    if (p.secure && p.default !== undefined) problems.push(`param ${p.name} is @secure() but has a default value`);
    if (/password|secret|key/i.test(p.name) && !p.secure) problems.push(`param ${p.name} looks like a secret but is not @secure()`);
  }
  const parameters = (JSON.parse(parametersJson) as { parameters: Record<string, { value?: unknown }> }).parameters;
  for (const [name, { value }] of Object.entries(parameters)) {
    if (!params.has(name)) problems.push(`parameters file sets ${name}, which main.bicep does not declare`);
    if (params.get(name)?.secure || /password|secret|key/i.test(name)) problems.push(`parameters file holds ${name}: secrets are passed at deployment, never stored`);
    if (typeof value === 'string' && /^[A-Za-z0-9+/]{40,}={0,2}$/.test(value)) problems.push(`parameters file: ${name} looks like a key`);
  }
  return problems;
}

interface Param {
  name: string;
  secure: boolean;
  default?: string;
}

function bicepParams(bicep: string): Map<string, Param> {
  const out = new Map<string, Param>();
  const lines = bicep.split('\n');
  lines.forEach((line, i) => {
    const m = /^param (\w+) \w+(?: = (.+))?$/.exec(line.trim());
    if (!m) return;
    let secure = false;
    for (let j = i - 1; j >= 0 && lines[j]!.trim().startsWith('@'); j--) if (lines[j]!.trim() === '@secure()') secure = true;
    out.set(m[1]!, { name: m[1]!, secure, default: m[2]?.trim() });
  });
  return out;
}

/** name → Bicep expression of each entry of the web app's appSettings. */
function appSettings(bicep: string): Map<string, string> {
  const block = /appSettings: \[([\s\S]*?)\n\s*\]/.exec(bicep)?.[1] ?? '';
  return new Map([...block.matchAll(/name: '([^']+)'\s*\n\s*value: (.+)/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** The bodies of every `resource … '<type>@version' = { … }`. */
function resourceBlocks(bicep: string, type: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`^resource \\w+ '${type.replace(/[/.]/g, '\\$&')}@[^']+' = \\{`, 'gm');
  for (const m of bicep.matchAll(re)) {
    let depth = 0;
    const start = m.index + m[0].length - 1;
    for (let i = start; i < bicep.length; i++) {
      if (bicep[i] === '{') depth++;
      else if (bicep[i] === '}' && --depth === 0) {
        out.push(bicep.slice(start, i + 1));
        break;
      }
    }
  }
  return out;
}

/** Values only Azure knows at deployment time, in the shape the config expects. */
const SAMPLES: Record<string, string> = {
  MicrosoftAppId: '2f1c7a52-5a55-4a4e-9c1d-0b7d3f3a9e11',
  MicrosoftAppTenantId: '7d0b2a1e-3c4f-4e5a-8b9c-0d1e2f3a4b5c',
  MicrosoftAppPassword: 'resolved-from-key-vault',
  COSMOS_ENDPOINT: 'https://lokus.documents.azure.com:443/',
  LOKUS_LINK_SECRET: 'resolved-from-key-vault-32-characters-or-more',
  LOKUS_PUBLIC_URL: 'https://lokusabc123-bot.azurewebsites.net',
};

function valueOf(name: string, expr: string, params: Map<string, Param>): string {
  const literal = /^'([^'$]*)'$/.exec(expr);
  if (literal) return literal[1]!;
  const param = params.get(expr);
  const fromDefault = param?.default && /^'([^'$]*)'$/.exec(param.default);
  if (fromDefault) return fromDefault[1]!;
  return SAMPLES[name] ?? 'set-by-azure';
}
