import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openStore } from '../../src/store/open-store.js';
import { DataFileError } from '../../src/store/snapshot.js';

const log = createLogger('silent');
const embedded = (dataDir: string) => loadConfig({ LOKUS_DATA_DIR: dataDir }).cosmos;

describe('the embedded default keeps its data across restarts', () => {
  it('a document written before close is there after reopening', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lokus-persist-'));
    const first = await openStore(embedded(dir), log);
    await first.domain.items.create({ id: 'm1', groupId: 'g1', type: 'meeting', title: 'Lokusmöte Tierp' });
    await first.close();

    const second = await openStore(embedded(dir), log);
    const { resource } = await second.domain.item('m1', 'g1').read();
    expect(resource?.title).toBe('Lokusmöte Tierp');
    await second.close();
  });

  it('saves shortly after a change, without waiting for shutdown', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lokus-persist-'));
    const store = await openStore(embedded(dir), log);
    await store.domain.items.create({ id: 'x', groupId: 'g1', type: 't' });
    await new Promise((r) => setTimeout(r, 600));
    const saved = JSON.parse(await readFile(path.join(dir, 'cosmos.json'), 'utf8'));
    expect(saved.containers.domain.items.map((i: { id: string }) => i.id)).toContain('x');
    await store.close();
  });

  it('refuses to start on a corrupt data file and leaves it untouched', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lokus-persist-'));
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'cosmos.json');
    await writeFile(file, '{"format":"lokus-embedded-cosmos","version":1,"containers":{"domain":');
    await expect(openStore(embedded(dir), log)).rejects.toBeInstanceOf(DataFileError);
    await expect(openStore(embedded(dir), log)).rejects.toThrow(/not valid JSON.*left untouched/);
    expect(await readFile(file, 'utf8')).toBe('{"format":"lokus-embedded-cosmos","version":1,"containers":{"domain":');
  });

  it('refuses a JSON file that is not a Lokus data file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lokus-persist-'));
    await writeFile(path.join(dir, 'cosmos.json'), '{"hello":"world"}');
    await expect(openStore(embedded(dir), log)).rejects.toThrow(/not a lokus-embedded-cosmos v1 file/);
  });
});
