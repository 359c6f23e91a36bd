import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildStats } from '../children/ipc.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every child this run started; killed on exit, error or Ctrl-C. */
const children = new Set<ChildProcess>();

export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
}

/** Lets the IPC children end by themselves (so a CPU profile gets written), then kills the rest. */
export async function stopAll(): Promise<void> {
  const ending = [...children].filter((c) => c.connected).map((c) => new Promise((r) => {
    c.once('exit', r);
    c.disconnect();
  }));
  await Promise.race([Promise.all(ending), new Promise((r) => setTimeout(r, 3_000))]);
  killAll();
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A bench child (`bench/children/*.ts`) that talks IPC: port on start, stats on request. */
export interface IpcChild {
  child: ChildProcess;
  port: number;
  url: string;
  stats(): Promise<ChildStats>;
  reset(): Promise<ChildStats>;
  /** A command of this child's own (the connector's `roster`, `posted`, …). */
  call<T = unknown>(cmd: string, args?: unknown): Promise<T>;
}

export async function forkChild(name: string): Promise<IpcChild> {
  const child = track(fork(path.join(ROOT, 'bench/children', `${name}.ts`), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profile'] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  }));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench child ${name} exited early (${code})`)));
    child.on('message', (m: { ready?: boolean; port?: number }) => m.ready && resolve(m.port!));
  });
  let seq = 0;
  const ask = <T>(cmd: string, args?: unknown) =>
    new Promise<T>((resolve) => {
      const id = ++seq;
      const onMessage = (m: { id?: number; stats?: ChildStats; result?: unknown }) => {
        if (m.id !== id) return;
        child.off('message', onMessage);
        resolve((m.stats ?? m.result) as T);
      };
      child.on('message', onMessage);
      child.send({ id, cmd, args });
    });
  return { child, port, url: `http://127.0.0.1:${port}`, stats: () => ask<ChildStats>('stats'), reset: () => ask<ChildStats>('reset'), call: ask };
}

/** An HTTP server process (the bot or the baseline) started the way production starts it. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Process spawn → first 200 on /healthz, in ms. */
  coldStartMs: number;
  /** Peak resident set size so far (VmHWM from /proc), in MB; undefined where /proc is missing. */
  peakRssMb(): number | undefined;
  stop(): Promise<void>;
}

export async function startServer(label: string, args: string[], env: Record<string, string>, cwd = ROOT, timeoutMs = 30_000): Promise<ServerProcess> {
  const started = performance.now();
  const child = track(spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const deadline = started + timeoutMs;
  let port: number | undefined;
  while (!port) {
    const m = out.match(/"port":(\d+)[^\n]*listening/);
    if (m) port = Number(m[1]);
    else if (child.exitCode !== null) throw new Error(`${label} exited early:\n${out}`);
    else if (performance.now() > deadline) throw new Error(`${label} did not start in time:\n${out}`);
    else await new Promise((r) => setTimeout(r, 2));
  }
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (performance.now() > deadline) throw new Error(`${label} /healthz never answered 200:\n${out}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  const coldStartMs = performance.now() - started;
  return {
    child,
    url,
    coldStartMs,
    peakRssMb: () => peakRssMb(child.pid!),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function peakRssMb(pid: number): number | undefined {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
