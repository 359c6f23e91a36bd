#!/usr/bin/env node
// Starts the Microsoft 365 Agents Playground (a local Teams client, offline, no login) against the
// local bot. Start the bot first with `npm start` (or `npm run dev`) in another terminal.
import { spawn } from 'node:child_process';

const port = process.env.PORT || '3978';
const endpoint = process.env.LOKUS_ENDPOINT || `http://127.0.0.1:${port}/api/messages`;
const child = spawn('agentsplayground', ['-e', endpoint, '-c', 'msteams', '--disable-telemetry', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
child.on('exit', (code) => process.exit(code ?? 0));
