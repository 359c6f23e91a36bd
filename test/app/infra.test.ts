import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkInfra } from '../support/check-infra.js';

const INFRA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../infra');
const bicep = readFileSync(path.join(INFRA, 'main.bicep'), 'utf8');
const parameters = readFileSync(path.join(INFRA, 'main.parameters.json'), 'utf8');

/** Removes the `{ name: '<setting>' value: … }` entry from the web app's appSettings. */
function withoutSetting(text: string, setting: string): string {
  const out = text.replace(new RegExp(`\\n\\s*\\{\\s*\\n\\s*name: '${setting}'\\s*\\n\\s*value: .+\\n\\s*\\}`), '');
  expect(out, `the Bicep has an app setting ${setting}`).not.toBe(text);
  return out;
}

function replaced(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  expect(out, `the Bicep contains ${from}`).not.toBe(text);
  return out;
}

describe('infra/main.bicep against the code', () => {
  it('sets every setting the config needs in production, deploys the store\'s containers and holds no secret', () => {
    expect(checkInfra(bicep, parameters)).toEqual([]);
  });

  it('deploys the defaults the issue asks for', () => {
    expect(bicep).toMatch(/^param location string = 'swedencentral'$/m);
    expect(bicep).toMatch(/^param cosmosCapacityMode string = 'serverless'$/m);
    expect(bicep).toContain("name: 'EnableServerless'");
    expect(bicep).toMatch(/backupPolicy: \{\s*type: 'Continuous'/);
    expect(bicep).toContain("linuxFxVersion: 'NODE|20-lts'");
    expect(bicep).toContain("healthCheckPath: '/healthz'");
    expect(bicep).toContain("msaAppType: 'SingleTenant'");
    expect(bicep).toContain("channelName: 'MsTeamsChannel'");
    expect(bicep).toContain("endpoint: 'https://${app.properties.defaultHostName}/api/messages'");
    expect(bicep).toMatch(/resource appInsights 'Microsoft.Insights\/components@/);
  });

  describe('fails on a mutated copy', () => {
    it.each([
      ['a required app setting removed (MicrosoftAppTenantId)', () => withoutSetting(bicep, 'MicrosoftAppTenantId'), /^app settings: MicrosoftAppTenantId: is required when MicrosoftAppType is SingleTenant$/],
      ['the bot secret removed (MicrosoftAppPassword)', () => withoutSetting(bicep, 'MicrosoftAppPassword'), /^app settings: MicrosoftAppPassword: is required when MicrosoftAppId is set$/],
      ['the link secret removed (LOKUS_LINK_SECRET)', () => withoutSetting(bicep, 'LOKUS_LINK_SECRET'), /^app settings: LOKUS_LINK_SECRET: is required when MicrosoftAppId is set$/],
      ['COSMOS_ENDPOINT removed', () => withoutSetting(bicep, 'COSMOS_ENDPOINT'), /COSMOS_ENDPOINT is not set, so the bot would start an embedded/],
      ['MicrosoftAppId removed', () => withoutSetting(bicep, 'MicrosoftAppId'), /MicrosoftAppId is not set, so the bot would accept unauthenticated traffic/],
      ['COSMOS_DATABASE removed (default lokus vs the deployed parameter)', () => withoutSetting(bicep, 'COSMOS_DATABASE'), /^COSMOS_DATABASE \(not set\) is not the deployed database \(cosmosDatabaseName\)$/],
      ['a partition key changed', () => replaced(bicep, "'/groupId'", "'/tenantId'"), /^containers: Bicep has \[bot \/pk ttl -1, domain \/tenantId\], the code uses \[bot \/pk ttl -1, domain \/groupId\]$/],
      ['per-item TTL off on the bot container', () => replaced(bicep, '      defaultTtl: -1\n', ''), /^containers: Bicep has \[bot \/pk, domain \/groupId\], the code uses \[bot \/pk ttl -1, domain \/groupId\]$/],
      ['a container missing', () => replaced(bicep, /\/\/ Bot-framework-level[\s\S]*?\n\}\n/, ''), /^containers: Bicep has \[domain \/groupId\]/],
      ['a Cosmos key in the app settings', () => replaced(bicep, "name: 'LOG_LEVEL'", "name: 'COSMOS_KEY'\n          value: cosmos.listKeys().primaryMasterKey\n        }\n        {\n          name: 'LOG_LEVEL'"), /COSMOS_KEY is set; the bot must reach Cosmos DB with its managed identity/],
      ['a hard-coded key literal', () => replaced(bicep, "value: '0.0.0.0'", "value: 'C2y6yDjf5R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=='"), /^main.bicep has a literal that looks like a key$/],
      ['a default value on the secure parameter', () => replaced(bicep, 'param botAppPassword string', "param botAppPassword string = 'hunter2'"), /^param botAppPassword is @secure\(\) but has a default value$/],
      ['key auth switched back on', () => replaced(bicep, 'disableLocalAuth: true', 'disableLocalAuth: false'), /key auth is not disabled/],
      ['the data-plane role assignment gone', () => replaced(bicep, 'principalId: app.identity.principalId\n    scope: cosmos.id', 'principalId: botAppId\n    scope: cosmos.id'), /no Cosmos DB Built-in Data Contributor role assignment/],
    ])('%s', (_what, mutate, problem) => {
      const problems = checkInfra(mutate(), parameters);
      expect(problems.some((p) => problem.test(p)), problems.join('\n')).toBe(true);
    });

    it('a secret in the parameters file', () => {
      const withSecret = JSON.parse(parameters);
      withSecret.parameters.botAppPassword = { value: 'not-here' };
      expect(checkInfra(bicep, JSON.stringify(withSecret))).toEqual(['parameters file holds botAppPassword: secrets are passed at deployment, never stored']);
    });
  });
});
