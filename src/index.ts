import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startLokus } from './lokus.js';
import { DataFileError } from './store/snapshot.js';

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
