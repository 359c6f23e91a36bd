import './app/quiet-start.js';
import { ConfigError, loadConfig } from './app/config.js';
import { limitHeapGrowth } from './app/heap-growth.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Lokus cannot start. ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  // Before the bot's modules load: the first full collection, while they load, already sets how far the heap may grow.
  limitHeapGrowth(config.heapGrowthPercent);
  const [{ createLogger }, { startLokus }, { DataFileError }] = await Promise.all([import('./app/log.js'), import('./app/lokus.js'), import('./store/embedded/data-folder.js')]);
  const log = createLogger(config.logLevel);
  let lokus;
  try {
    lokus = await startLokus(config, { log });
  } catch (err) {
    if (err instanceof DataFileError) {
      log.fatal({ file: err.file }, err.message);
      console.error(`Lokus cannot start. ${err.message}`);
      process.exit(1);
    }
    log.fatal({ err }, 'Lokus failed to start');
    process.exit(1);
  }
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    lokus.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main();
