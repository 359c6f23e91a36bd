/**
 * A fast loopback Bot Connector for the benchmark: keep-alive, answers every call 200 at once
 * (reads the body, never parses it). Counts requests and new connections for the parent.
 *
 * For the setup of the card-action rows it also does what a group needs from Teams: it answers
 * roster calls (`roster` sets a conversation's members) and, while `record` is on, keeps the
 * activities the bot posts and updates so the parent can press the cards a real member would see
 * (`posted`). Under load recording is off, so the connector stays as cheap as before.
 */
import http from 'node:http';
import { serveChild } from './ipc.js';

interface Member {
  id: string;
  name: string;
  aadObjectId?: string;
}

let requests = 0;
let connections = 0;
let seq = 0;
let recording = false;
const rosters = new Map<string, Member[]>();
/** Posted (POST) and updated (PUT) activities, in order, while recording. */
let posted: Array<{ conversationId: string; activityId: string; kind: 'post' | 'update'; activity: unknown }> = [];

function send(res: http.ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  requests++;
  const parts = recording || req.method === 'GET' ? (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent) : [];
  // GET /v3/conversations/:cid/members[/:mid] | /pagedmembers
  if (req.method === 'GET' && (parts[3] === 'members' || parts[3] === 'pagedmembers')) {
    req.resume();
    const roster = (rosters.get(parts[2] ?? '') ?? []).map((p) => ({ ...p, objectId: p.aadObjectId, userPrincipalName: `${p.aadObjectId}@example.se` }));
    const one = parts[4] ? roster.find((m) => m.id === parts[4]) : undefined;
    if (parts[4] && !one) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end('{"error":{"code":"MemberNotFoundInConversation"}}');
    }
    return send(res, JSON.stringify(one ?? (parts[3] === 'pagedmembers' ? { members: roster } : roster)));
  }
  const id = `bench-${++seq}`;
  if (!recording || parts[3] !== 'activities' || (req.method !== 'POST' && req.method !== 'PUT')) {
    req.resume();
    req.on('end', () => send(res, `{"id":"${id}"}`));
    return;
  }
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (d: string) => (raw += d));
  req.on('end', () => {
    const update = req.method === 'PUT';
    const activityId = update ? parts[4]! : id;
    posted.push({ conversationId: parts[2] ?? '', activityId, kind: update ? 'update' : 'post', activity: raw ? JSON.parse(raw) : undefined });
    send(res, JSON.stringify({ id: activityId }));
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
  (cmd, args) => {
    if (cmd === 'record') {
      recording = Boolean(args);
      if (!recording) posted = [];
      return recording;
    }
    if (cmd === 'roster') {
      const { conversationId, members } = args as { conversationId: string; members: Member[] };
      rosters.set(conversationId, members);
      return members.length;
    }
    if (cmd === 'posted') return posted.filter((p) => p.conversationId === String(args));
    return undefined;
  },
);
