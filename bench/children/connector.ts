/**
 * A fast loopback Bot Connector for the benchmark: keep-alive, answers every call 200 at once
 * (reads the body, never parses it). Counts requests and new connections for the parent.
 */
import http from 'node:http';
import { serveChild } from './ipc.js';

let requests = 0;
let connections = 0;
let seq = 0;

const server = http.createServer((req, res) => {
  requests++;
  req.resume();
  req.on('end', () => {
    const body = `{"id":"bench-${++seq}"}`;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.on('connection', () => connections++);

await serveChild(
  server,
  () => ({ requests, connections }),
  () => {
    requests = 0;
    connections = 0;
  },
);
