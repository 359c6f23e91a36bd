import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { Connector } from '../support/connector.js';
import { runBot, spawnBot } from '../support/spawn-bot.js';

describe('the bot as a process (npm start)', () => {
  it('serves /healthz and hjälp, stops on SIGTERM with exit 0 and keeps its data across a restart', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lokus-proc-'));
    const connector = await new Connector().start();
    const anna = A.person('Anna Andersson');
    const conv = A.channel('restart-team');

    const first = await spawnBot({ LOKUS_DATA_DIR: dataDir });
    expect(first.output()).toContain('embedded Cosmos DB');
    // A newcomer's first screen: Lokus's own log lines only (no dependency's deprecation warnings).
    expect(first.output()).not.toContain('Warning');
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    const help = await fetch(`${first.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(A.message(conv, anna, connector.url, 'hjälp')),
    });
    expect(help.status).toBe(200);
    expect(connector.posted(conv.id)).toHaveLength(1);
    // Installing writes the conversation reference: a document to find again after the restart.
    await fetch(`${first.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(A.botAdded(conv, anna, connector.url)),
    });
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('Lokus stopped');
    const saved = await readFile(path.join(dataDir, 'snapshot.jsonl'), 'utf8');
    expect(saved).toContain(conv.id);

    const second = await spawnBot({ LOKUS_DATA_DIR: dataDir });
    expect(second.output()).toMatch(/"documents":[1-9]/);
    // Installed before the restart: a second install event must not welcome again.
    const welcomesBefore = connector.posted(conv.id).length;
    await fetch(`${second.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(A.installationAdded(conv, anna, connector.url)),
    });
    expect(connector.posted(conv.id)).toHaveLength(welcomesBefore);
    expect(await second.stop('SIGINT')).toBe(0);
    await connector.stop();
  });

  it('refuses a bad environment variable at start, naming it, with a non-zero exit', async () => {
    const { output, exited } = runBot({ PORT: 'eighty', COSMOS_DATABASE: 'bad name!' });
    expect(await exited).toBe(1);
    expect(output()).toContain('Lokus cannot start');
    expect(output()).toContain('PORT');
    expect(output()).toContain('COSMOS_DATABASE');
  });

  it('refuses a corrupt data file at start without overwriting it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lokus-proc-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dataDir, 'cosmos.json'), 'garbage');
    const { output, exited } = runBot({ LOKUS_DATA_DIR: dataDir });
    expect(await exited).toBe(1);
    expect(output()).toContain('cannot be used');
    expect(await readFile(path.join(dataDir, 'cosmos.json'), 'utf8')).toBe('garbage');
  });
});
