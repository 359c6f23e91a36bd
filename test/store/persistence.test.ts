import { appendFile, mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { createLogger } from '../../src/app/log.js';
import { openStore } from '../../src/store/open-store.js';
import { createCosmosClient } from '../../src/store/cosmos-client.js';
import { DataFileError } from '../../src/store/embedded/data-folder.js';
import { startEmbeddedCosmos } from '../../src/store/embedded/start.js';

const log = createLogger('silent');
const embedded = (dataDir: string) => loadConfig({ LOKUS_DATA_DIR: dataDir }).cosmos;
const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'lokus-persist-'));
/** Everything in the data folder's journals and snapshot, as text. */
async function folderText(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl'));
  return (await Promise.all(names.map((n) => readFile(path.join(dir, n), 'utf8')))).join('');
}
const journals = async (dir: string) => (await readdir(dir)).filter((n) => /^journal-\d+\.jsonl$/.test(n)).sort();

describe('the embedded default keeps its data across restarts', () => {
  it('a document written before close is there after reopening', async () => {
    const dir = await tempDir();
    const first = await openStore(embedded(dir), log);
    await first.domain.items.create({ id: 'm1', groupId: 'g1', type: 'meeting', title: 'Lokusmöte Tierp' });
    await first.close();

    const second = await openStore(embedded(dir), log);
    const { resource } = await second.domain.item('m1', 'g1').read();
    expect(resource?.title).toBe('Lokusmöte Tierp');
    await second.close();
  });

  it('has every write on disk by the time it is answered, deletes and patches included', async () => {
    const dir = await tempDir();
    const store = await openStore(embedded(dir), log);
    await store.domain.items.create({ id: 'x', groupId: 'g1', type: 't', note: 'första' });
    expect(await folderText(dir)).toContain('"note":"första"');
    await store.domain.item('x', 'g1').patch([{ op: 'set', path: '/note', value: 'andra' }]);
    expect(await folderText(dir)).toContain('"note":"andra"');
    await store.domain.items.create({ id: 'gone', groupId: 'g1', type: 't' });
    await store.domain.item('gone', 'g1').delete();
    expect(await folderText(dir)).toMatch(/"del":\["gone","g1"\]/);
    // Not closed (as after a crash): a new server on the same folder finds exactly what was answered.
    const again = await openStore(embedded(dir), log);
    expect((await again.domain.item('x', 'g1').read()).resource?.note).toBe('andra');
    expect((await again.domain.item('gone', 'g1').read()).statusCode).toBe(404);
    await again.close();
    await store.close();
  });

  it('compacts into a snapshot without losing writes made meanwhile, and drops the journals it covers', async () => {
    const dir = await tempDir();
    const first = await openStore(embedded(dir), log);
    await Promise.all(Array.from({ length: 200 }, (_, i) => first.domain.items.create({ id: `d${i}`, groupId: 'g1', type: 't', n: i })));
    await first.close();
    expect(await journals(dir)).toEqual([]);

    const server = await startEmbeddedCosmos({ dataDir: dir });
    const client = await createCosmosClient({ endpoint: server.endpoint, key: server.key });
    const domain = client.database('lokus').container('domain');
    // Writes answered while the next snapshot is being written land in the journal after it.
    const writes = Array.from({ length: 100 }, (_, i) => domain.items.upsert({ id: `d${i}`, groupId: 'g1', type: 't', n: i + 1000 }));
    await Promise.all([...writes, server.compact()]);
    client.dispose();
    await server.faultsForTests.stopServer();
    // Not closed, as after a crash: the new snapshot and the journal after it.
    const third = await openStore(embedded(dir), log);
    const { resources } = await third.domain.items.query<number>('SELECT VALUE c.n FROM c').fetchAll();
    expect(resources.length).toBe(200);
    expect(resources.filter((n) => n >= 1000)).toHaveLength(100);
    await third.close();
    await server.close();
  });

  it('drops a record torn by a crash at the end of a journal with a warning, and keeps the rest', async () => {
    const dir = await tempDir();
    const store = await openStore(embedded(dir), log);
    await store.domain.items.create({ id: 'kept', groupId: 'g1', type: 't' });
    const [journal] = await journals(dir);
    await appendFile(path.join(dir, journal!), '{"db":"lokus","c":"domain","put":{"id":"torn","groupId":"g1","ty');
    const lines: string[] = [];
    const again = await openStore(embedded(dir), createLogger('warn', { write: (l: string) => void lines.push(l) }));
    expect((await again.domain.item('kept', 'g1').read()).resource?.id).toBe('kept');
    expect((await again.domain.item('torn', 'g1').read()).statusCode).toBe(404);
    expect(lines.join('')).toContain('cut off by a crash');
    await again.close();
    await store.close();
  });

  it('refuses a journal with an unreadable line before its end, leaving every file untouched', async () => {
    const dir = await tempDir();
    const store = await openStore(embedded(dir), log);
    await store.domain.items.create({ id: 'a', groupId: 'g1', type: 't' });
    const [journal] = await journals(dir);
    const file = path.join(dir, journal!);
    await appendFile(file, 'not json\n{"db":"lokus"}\n');
    const before = await readFile(file, 'utf8');
    await expect(openStore(embedded(dir), log)).rejects.toThrow(/cannot be used: a line is not valid JSON.*left untouched/);
    expect(await readFile(file, 'utf8')).toBe(before);
    await store.close().catch(() => undefined);
  });

  it('refuses a snapshot that is not a Lokus data file', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'snapshot.jsonl'), '{"hello":"world"}\n');
    await expect(openStore(embedded(dir), log)).rejects.toThrow(/not a lokus-embedded-cosmos v2 file/);
  });

  it('imports a data file of the earlier single-file format once, and keeps it beside as .imported', async () => {
    const dir = await tempDir();
    const legacy = { format: 'lokus-embedded-cosmos', version: 1, savedAt: '2026-11-01T10:00:00Z', containers: { domain: { partitionKey: '/groupId', items: [{ id: 'm1', groupId: 'g1', type: 'meeting', title: 'Från förra versionen' }] } } };
    await writeFile(path.join(dir, 'cosmos.json'), JSON.stringify(legacy));
    const store = await openStore(embedded(dir), log);
    const { resource, etag } = await store.domain.item('m1', 'g1').read();
    expect(resource?.title).toBe('Från förra versionen');
    expect(etag).toBeTruthy();
    await store.close();
    expect(await readdir(dir)).toContain('cosmos.json.imported');
    expect(await readdir(dir)).not.toContain('cosmos.json');
    const again = await openStore(embedded(dir), log);
    expect((await again.domain.item('m1', 'g1').read()).resource?.title).toBe('Från förra versionen');
    await again.close();
  });

  it('refuses to start on a corrupt data file and leaves it untouched', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'cosmos.json');
    await writeFile(file, '{"format":"lokus-embedded-cosmos","version":1,"containers":{"domain":');
    await expect(openStore(embedded(dir), log)).rejects.toBeInstanceOf(DataFileError);
    await expect(openStore(embedded(dir), log)).rejects.toThrow(/not valid JSON.*left untouched/);
    expect(await readFile(file, 'utf8')).toBe('{"format":"lokus-embedded-cosmos","version":1,"containers":{"domain":');
  });

  it('refuses a JSON file that is not a Lokus data file', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'cosmos.json'), '{"hello":"world"}');
    await expect(openStore(embedded(dir), log)).rejects.toThrow(/not a lokus-embedded-cosmos v1 file/);
  });
});
