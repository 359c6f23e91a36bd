import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { TokenCredential } from '@azure/identity';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { Scheduler } from './scheduler.js';
import { ApprovalRepo } from '../approvals/approval-repo.js';
import { ActivityClaims } from '../store/activity-claims.js';
import { ConversationRepo } from '../store/conversation-repo.js';
import { GroupRepo } from '../groups/group-repo.js';
import { MeetingRepo } from '../meetings/meeting-repo.js';
import { LeaseRepo } from '../store/lease-repo.js';
import { MinutesRepo } from '../minutes/minutes-repo.js';
import { openStore, type Store } from '../store/open-store.js';
import { PersonalLinkRepo } from '../store/personal-link-repo.js';
import { FollowUpRepo } from '../follow-up/follow-up-repo.js';
import { Background } from '../bot/background.js';
import { onMeetingEndedAttendance } from '../attendance/attendance-listeners.js';
import { AttendanceLinks } from '../attendance/attendance-links.js';
import { registerAttendanceExport } from '../attendance/attendance-export.js';
import { createAdapter, createBotApp, SELF_DEDUPLICATING_VERBS } from '../bot/bot-app.js';
import { ConversationPacing, type PaceLimit } from '../bot/conversation-pacing.js';
import { createPersonalChat } from '../bot/personal-chat.js';
import { createProactive } from '../bot/proactive.js';
import { handleActivityRequest } from '../bot/channel-auth.js';
import { runOnce } from '../bot/run-once.js';
import { shapeActivity } from '../bot/activity-shape.js';
import type { Deps } from '../bot/deps.js';
import { registerMinutesExport } from '../minutes/minutes-export.js';
import { LinkSigner } from './signed-link.js';
import { createAssistant } from '../assistant/assistant.js';
import { OfficeRepo } from '../office/office-repo.js';
import { OfficeLinks } from '../office/office-links.js';
import { registerOfficeExport } from '../office/office-export.js';

export interface Lokus {
  /** Base URL the server listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  port: number;
  store: Store;
  deps: Deps;
  /** Graceful stop: refuse new requests, finish turns in flight, save data, close Cosmos. */
  close(): Promise<void>;
}

export interface StartOptions {
  log: Logger;
  now?: () => Date;
  /** Entra credential for Cosmos when no key is configured (defaults to DefaultAzureCredential). */
  cosmosCredential?: TokenCredential;
  /** How often the scheduler looks for due work (reminders, deadlines); 0 = never (tests call tick()). Default 30 s. */
  schedulerIntervalMs?: number;
  /** Limits of what the bot sends per conversation; Teams' own by default (a test may lift them). */
  paceLimits?: readonly PaceLimit[];
}

/** Wires configuration, Cosmos, the Teams app and the HTTP server, and starts listening. */
export async function startLokus(config: Config, options: StartOptions): Promise<Lokus> {
  const { log } = options;
  const store = await openStore(config.cosmos, log, options.cosmosCredential);
  const adapter = createAdapter(config.bot, new ConversationPacing(options.paceLimits));
  const now = options.now ?? (() => new Date());
  const deps: Deps = {
    store,
    log,
    now,
    conversations: new ConversationRepo(store.domain),
    groups: new GroupRepo(store.domain),
    meetings: new MeetingRepo(store.domain),
    proactive: createProactive(adapter, config.bot.appId),
    background: new Background(log),
    approvals: new ApprovalRepo(store.domain),
    personalLinks: new PersonalLinkRepo(store.domain),
    personalChat: createPersonalChat(adapter, config.bot.appId),
    followUps: new FollowUpRepo(store.domain),
    scheduler: new Scheduler({ leases: new LeaseRepo(store.bot), holder: `lokus-${randomUUID()}`, now, log }),
    meetingEnded: [],
    activityClaims: new ActivityClaims(store.bot),
    minutes: new MinutesRepo(store.domain),
    links: new LinkSigner(config.links.secret),
    attendanceLinks: new AttendanceLinks(config.links.secret),
    ...(config.assistant ? { assistant: createAssistant(config.assistant, store.bot, log) } : {}),
    office: new OfficeRepo(store.domain),
    officeLinks: new OfficeLinks(config.links.secret),
  };
  // Issue 5: the check-in card shows the meeting as ended (no more "Närvarande").
  deps.meetingEnded.push((e) => onMeetingEndedAttendance(deps, e));
  const app = createBotApp(adapter, deps);
  deps.scheduler.start(options.schedulerIntervalMs ?? 30_000);

  const server = restify.createServer({ name: 'lokus', handleUncaughtExceptions: false });
  server.server.keepAliveTimeout = 65_000;
  server.use(restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false }));

  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Connection', 'close');
      res.send(503, { error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      await handleActivityRequest(adapter, req, res, (ctx) => runOnce(ctx, deps, SELF_DEDUPLICATING_VERBS, async () => void ((await shapeActivity(ctx)) && (await app.run(ctx)))), log);
    } catch (err) {
      log.error({ err }, '/api/messages failed');
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight--;
      if (draining && inFlight === 0) idle?.();
    }
  });

  registerMinutesExport(server, deps);
  registerAttendanceExport(server, deps);
  registerOfficeExport(server, deps);

  server.get('/healthz', async (_req, res) => {
    const ok = await store.ping();
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'cosmos unreachable' });
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  deps.links.baseUrl = config.links.publicUrl ?? `http://${host}:${port}`;
  deps.attendanceLinks.baseUrl = config.links.publicUrl ?? `http://${host}:${port}`;
  deps.officeLinks.baseUrl = config.links.publicUrl ?? `http://${host}:${port}`;
  log.info({ port, cosmos: store.describe(), auth: config.bot.appId ? 'Bot Framework JWT' : 'off (local mode)' }, `Lokus listening on port ${port}`);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    deps,
    close() {
      closing ??= (async () => {
        draining = true;
        const stopped = new Promise<void>((r) => server.server.close(() => r()));
        server.server.closeIdleConnections();
        if (inFlight > 0) {
          await Promise.race([new Promise<void>((r) => (idle = r)), new Promise((r) => setTimeout(r, 10_000).unref())]);
        }
        server.server.closeAllConnections();
        await stopped;
        await deps.scheduler.stop();
        await deps.background.idle();
        await store.close();
        log.info('Lokus stopped');
      })();
      return closing;
    },
  };
}
