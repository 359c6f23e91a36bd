import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.js';
import { botFrameworkAuthConfig } from '../../src/bot/bot-app.js';

describe('loadConfig', () => {
  it('defaults to port 3978 and the embedded Cosmos with data in ./.lokus-data', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.cosmos).toEqual({ mode: 'embedded', database: 'lokus', dataDir: './.lokus-data' });
    expect(c.bot.appId).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', COSMOS_ENDPOINT: ' ' }).cosmos.mode).toBe('embedded');
  });

  it('uses a configured Cosmos account, with or without a key', () => {
    expect(loadConfig({ COSMOS_ENDPOINT: 'https://acc.documents.azure.com:443/' }).cosmos).toMatchObject({ mode: 'remote', key: undefined });
    expect(loadConfig({ COSMOS_ENDPOINT: 'https://acc.documents.azure.com:443/', COSMOS_KEY: 'k' }).cosmos).toMatchObject({ key: 'k' });
  });

  it('lets the heap grow 40 % past its live data unless told otherwise (0: V8 decides), and refuses anything but a whole percent', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(40);
    expect(loadConfig({ LOKUS_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ LOKUS_HEAP_GROWTH_PERCENT: '100' }).heapGrowthPercent).toBe(100);
    for (const bad of ['-1', '12.5', 'mycket', '301']) {
      expect(() => loadConfig({ LOKUS_HEAP_GROWTH_PERCENT: bad })).toThrow(/LOKUS_HEAP_GROWTH_PERCENT/);
    }
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'abc', MicrosoftAppId: 'not-a-guid', COSMOS_ENDPOINT: 'nope' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('MicrosoftAppId: must be a GUID');
      expect(msg).toContain('COSMOS_ENDPOINT');
    }
  });

  it('requires a link secret and public URL with an app id; locally a random secret per process', () => {
    expect(() => loadConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002' })).toThrow(/LOKUS_LINK_SECRET: is required when MicrosoftAppId is set.*\n.*LOKUS_PUBLIC_URL: is required/s);
    expect(() => loadConfig({ LOKUS_LINK_SECRET: 'short' })).toThrow(/LOKUS_LINK_SECRET: must be at least 32 characters/);
    const a = loadConfig({}).links.secret;
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).links.secret).not.toBe(a);
    expect(loadConfig({ LOKUS_PUBLIC_URL: 'https://lokus.example.se/' }).links.publicUrl).toBe('https://lokus.example.se');
  });

  it('requires the password and tenant of a single-tenant bot', () => {
    expect(() => loadConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' })).toThrow(/MicrosoftAppPassword: is required.*\n.*MicrosoftAppTenantId/s);
  });
});

describe('Bot Framework settings', () => {
  const base = { MicrosoftAppId: '6f1c9a52-3d4e-4b7a-9c2d-0e5f8a1b2c3d', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: '2b8e4c1d-7a9f-4e3b-8d6c-5f0a1e2d3c4b', LOKUS_LINK_SECRET: 'x'.repeat(32), LOKUS_PUBLIC_URL: 'https://lokus.example.se' };

  it('fills the endpoints not given with their public-cloud values, so one override cannot blank the issuer', () => {
    const conf = botFrameworkAuthConfig(loadConfig({ ...base, ToBotFromChannelOpenIdMetadataUrl: 'https://login.example/v1/.well-known/openidconfiguration' }).bot);
    expect(conf).toMatchObject({
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.example/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      MicrosoftAppType: 'SingleTenant',
    });
  });

  it('passes no endpoint settings at all when none is configured (botbuilder picks the public cloud)', () => {
    expect(Object.keys(botFrameworkAuthConfig(loadConfig(base).bot)).sort()).toEqual(['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType']);
  });

  it('accepts ValidateAuthority true or false only', () => {
    expect(loadConfig({ ...base, ValidateAuthority: 'false' }).bot.endpoints.ValidateAuthority).toBe('false');
    expect(() => loadConfig({ ...base, ValidateAuthority: 'no' })).toThrow(/ValidateAuthority/);
  });
});
