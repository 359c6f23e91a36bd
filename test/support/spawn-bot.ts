import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SpawnedBot {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `src/index.ts` as its own process, as `npm start` would, with `env` added. */
export function runBot(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** Starts the bot process and waits for its "Lokus listening" log line. */
export async function spawnBot(env: Record<string, string>, timeoutMs = 20_000): Promise<SpawnedBot> {
  const { child, output, exited } = runBot(env);
  const deadline = Date.now() + timeoutMs;
  let port: number | undefined;
  while (!port) {
    const m = output().match(/"port":(\d+)[^\n]*Lokus listening/);
    if (m) port = Number(m[1]);
    else if (child.exitCode !== null) throw new Error(`bot exited early:\n${output()}`);
    else if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bot did not start in time:\n${output()}`);
    } else await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}
