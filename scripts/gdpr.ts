/**
 * GDPR admin script: `npm run gdpr -- export <aadObjectId|name>` prints the register extract (JSON);
 * `npm run gdpr -- erase <aadObjectId|name>` pseudonymizes the person in every non-signed record and
 * prints what it did. Uses the bot's own configuration (COSMOS_ENDPOINT, or the embedded data in
 * LOKUS_DATA_DIR — stop the local bot first, as it keeps that data in memory).
 */
import { loadConfig } from '../src/app/config.js';
import { createLogger } from '../src/app/log.js';
import { openStore } from '../src/store/open-store.js';
import { erasePerson, exportPerson } from '../src/store/personal-data-register.js';

const [verb, ...rest] = process.argv.slice(2);
const query = rest.join(' ').trim();
if ((verb !== 'export' && verb !== 'erase') || !query) {
  process.stderr.write('usage: npm run gdpr -- export|erase <aadObjectId|name>\n');
  process.exit(2);
}
const config = loadConfig(process.env);
const store = await openStore(config.cosmos, createLogger('warn', { write: (l: string) => void process.stderr.write(l) }));
try {
  const result = verb === 'export' ? await exportPerson(store, query, new Date()) : await erasePerson(store, query);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await store.close();
}
