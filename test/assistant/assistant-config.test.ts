import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';

const AOAI = { AZURE_OPENAI_ENDPOINT: 'https://lokus-sweden.openai.azure.com/', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' };

describe('the assistant’s configuration, validated at start with the rest', () => {
  it('is off by default: no assistant without an endpoint and a deployment', () => {
    expect(loadConfig({}).assistant).toBeUndefined();
    expect(loadConfig({ AZURE_OPENAI_ENDPOINT: ' ', AZURE_OPENAI_DEPLOYMENT: '' }).assistant).toBeUndefined();
  });

  it('takes an endpoint and deployment; a key, or without one the managed identity', () => {
    expect(loadConfig(AOAI).assistant).toEqual({ endpoint: 'https://lokus-sweden.openai.azure.com', deployment: 'gpt-4o', apiVersion: '2024-10-21', timeoutMs: 3500 });
    expect(loadConfig({ ...AOAI, AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_API_VERSION: '2025-01-01-preview', LOKUS_ASSISTANT_TIMEOUT_MS: '2000' }).assistant).toMatchObject({ apiKey: 'k', apiVersion: '2025-01-01-preview', timeoutMs: 2000 });
  });

  it('refuses half a configuration, a key without an endpoint, plain http to another host and a deadline past Teams’ limit', () => {
    expect(() => loadConfig({ AZURE_OPENAI_ENDPOINT: AOAI.AZURE_OPENAI_ENDPOINT })).toThrow(/AZURE_OPENAI_DEPLOYMENT: is required/);
    expect(() => loadConfig({ AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' })).toThrow(/AZURE_OPENAI_ENDPOINT: is required/);
    expect(() => loadConfig({ AZURE_OPENAI_API_KEY: 'k' })).toThrow(/AZURE_OPENAI_API_KEY: is set but AZURE_OPENAI_ENDPOINT is not/);
    expect(() => loadConfig({ ...AOAI, AZURE_OPENAI_ENDPOINT: 'http://lokus.openai.azure.com' })).toThrow(/AZURE_OPENAI_ENDPOINT: must be https/);
    expect(() => loadConfig({ ...AOAI, AZURE_OPENAI_DEPLOYMENT: 'gpt 4o/../x' })).toThrow(/AZURE_OPENAI_DEPLOYMENT/);
    expect(() => loadConfig({ ...AOAI, LOKUS_ASSISTANT_TIMEOUT_MS: '30000' })).toThrow(/LOKUS_ASSISTANT_TIMEOUT_MS/);
    // A card press waits for the model inside Teams' ~5 s: at most 4 s, leaving time for the rest of the turn.
    expect(() => loadConfig({ ...AOAI, LOKUS_ASSISTANT_TIMEOUT_MS: '4001' })).toThrow(/LOKUS_ASSISTANT_TIMEOUT_MS/);
    expect(loadConfig({ ...AOAI, LOKUS_ASSISTANT_TIMEOUT_MS: '4000' }).assistant?.timeoutMs).toBe(4000);
    expect(loadConfig({ ...AOAI, AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:8080' }).assistant?.endpoint).toBe('http://127.0.0.1:8080');
  });
});
