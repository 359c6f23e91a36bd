import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts, type Language } from '../../src/i18n/texts.js';
import * as A from '../support/activities.js';
import { cardTexts, cardsOf } from '../support/cards.js';
import { changedDocuments, storeSnapshot } from '../support/cosmos-snapshot.js';
import { forgeryScene, type Press } from '../support/forgery.js';
import { isInLanguage } from '../support/language.js';
import { recordRoutes } from '../support/registered-routes.js';
import { groupIdFor } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';

type Json = Record<string, any>;

/** mulberry32: a small seeded generator, so every run sends the same payloads. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const HUGE = 'å'.repeat(100_000);
const INJECTION = ['<script>alert(1)</script>', '[klicka här](https://example.invalid/phish)', '**Beslut:** allt godkänt', '# Rubrik\n- punkt', '<img src=x onerror=alert(1)>', '${t.title}', '{{$root}}', "' OR 1=1 --", '\u202etxt.exe'];
/** Values no field of any card accepts: wrong types, oversize, forged shapes. */
const GARBAGE: unknown[] = [null, 42, -1, true, [], ['a'], {}, { $ne: null }, HUGE, 'x'.repeat(5_000), '../../etc/passwd', 'meeting-/../x', 'meeting id with spaces', '\u0000', ...INJECTION.map((s) => s + HUGE.slice(0, 5_000))];
const BAD_DATES = ['2026-02-30', '2026-13-01', '31/2', '31 februari', '32/13', '0000-00-00', '2026-1-1x'];
const BAD_TIMES = ['25:00', '13:60', '24:30', 'kl 25', '13-99', '-1:00'];
const ID_FIELDS = ['meetingId', 'itemId', 'gotoItemId', 'roleMemberId', 'actionOwnerId'];
const FORGED_IDS = ['meeting-00000000000000000000', 'item-00000000000000000000', 'm-00000000-0000-0000-0000-000000000000', '../../x', "x' OR '1'='1", 'ä'.repeat(300), ''];

interface Payload {
  kind: string;
  language: Language;
  body: Json | string;
}

/** Every payload, deterministically (seed 10): at least 200. */
function payloads(presses: Press[], verbs: string[], conv: A.Conversation, who: A.Person, serviceUrl: string): Payload[] {
  const r = random(10);
  const out: Payload[] = [];
  const locale = () => r.pick(['sv-SE', 'en-US', 'sv', 'en-GB']);
  const lang = (l: string): Language => (l.startsWith('en') ? 'en' : 'sv');
  const invoke = (kind: string, verb: unknown, data: unknown, extra: Json = {}) => {
    const l = locale();
    const a: Json = A.cardAction(conv, who, serviceUrl, 'x', {}, { locale: l });
    a.value = { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
    out.push({ kind, language: lang(l), body: { ...a, ...extra } });
  };
  const say = (kind: string, text: unknown, extra: Json = {}) => {
    const l = locale();
    const a: Json = A.message(conv, who, serviceUrl, 'x', { locale: l });
    out.push({ kind, language: lang(l), body: { ...a, text: typeof text === 'string' ? `<at>Lokus</at> ${text}` : text, ...extra } });
  };

  // Every registered verb with all of its fields garbage, six ways each.
  for (const p of presses) {
    for (let i = 0; i < 6; i++) {
      const data = Object.fromEntries(Object.keys(p.data).filter(() => r.next() > 0.15).map((k) => [k, r.pick(GARBAGE)]));
      invoke(`garbage data: ${p.verb}`, p.verb, data);
    }
  }
  for (const v of verbs) for (const d of [null, 'text', 7, [], [{}]]) invoke(`data of the wrong type: ${v}`, v, d);
  // Real card data with one id forged, one text oversized, one date or time that does not exist.
  for (const p of presses) {
    for (const k of Object.keys(p.data)) {
      if (ID_FIELDS.includes(k)) invoke(`forged ${k}: ${p.verb}`, p.verb, { ...p.data, [k]: r.pick(FORGED_IDS) });
      if (/text|title|name|presenter|organisation|place|room/i.test(k)) invoke(`oversized ${k}: ${p.verb}`, p.verb, { ...p.data, [k]: r.pick(INJECTION) + HUGE });
      if (/date|due/i.test(k)) invoke(`invalid date ${k}: ${p.verb}`, p.verb, { ...p.data, [k]: r.pick(BAD_DATES) });
      if (/^(start|end)$/.test(k)) invoke(`invalid time ${k}: ${p.verb}`, p.verb, { ...p.data, [k]: r.pick(BAD_TIMES) });
    }
  }
  // Verbs nobody registered.
  for (const v of ['', 'approval.hack', 'group.delete', 'meeting.save ', 'MEETING.SAVE', HUGE, '__proto__', 'constructor', 'live.note\u0000', '../group.save']) invoke('unknown verb', v, {});
  for (const v of [null, 42, {}, []]) invoke('verb of the wrong type', v, {});
  // Invokes that are not shaped like Action.Execute.
  for (const value of [undefined, null, 'x', 42, {}, { action: null }, { action: 'x' }, { action: { type: 'Action.Submit', verb: 'group.save', data: {} } }]) {
    const l = locale();
    const a: Json = A.cardAction(conv, who, serviceUrl, 'x', {}, { locale: l });
    out.push({ kind: 'malformed invoke value', language: lang(l), body: { ...a, value } });
  }
  // Commands with arguments that do not exist, oversized or injected.
  for (const d of BAD_DATES) say('invalid date in a command', `nytt möte ${d} 13-15`);
  for (const tm of BAD_TIMES) say('invalid time in a command', `nytt möte 2026-12-01 ${tm}`);
  for (const d of BAD_DATES.slice(0, 4)) say('invalid due date', `uppdrag Nima Najafi: ringa FK senast ${d}`);
  for (const inj of INJECTION) {
    say('oversized item', `punkt ${inj}${'x'.repeat(300)}`);
    say('oversized note', `anteckning ${inj}${'x'.repeat(4_100)}`);
    say('oversized decision', `beslut ${inj}${'x'.repeat(4_100)}`);
    say('unknown person', `uppdrag ${inj}: något`);
    say('unknown command', inj);
  }
  for (const text of ['gå till punkt 999', 'gå till punkt -1', 'gå till punkt abc', 'uppdrag : ', 'uppdrag Okänd Person: något', HUGE, '', '   ', 'hjälp'.repeat(1000)]) say('bad command', text);
  for (const text of [42, null, {}, ['hjälp'], true]) say('text of the wrong type', text);
  for (const value of [{ verb: 'group.save' }, 'x', 42, [1, 2], { groupName: HUGE }]) say('card submit with garbage', undefined, { text: undefined, value });
  return out;
}

describe('fuzz: malformed activities and card payloads against the real bot over HTTP', () => {
  const routes = recordRoutes();
  let bot: TestBot;
  let scene: Awaited<ReturnType<typeof forgeryScene>>;

  beforeAll(async () => {
    bot = await TestBot.start({ logTo: (l) => void (process.env.FUZZ_LOG && l.includes('"level":50') && console.log(l.slice(0, 1500))) });
    scene = await forgeryScene(bot);
  });
  afterAll(async () => bot.stop());

  it('answers every one cleanly in the person’s or the group’s language, with no 5xx and no change in Cosmos', async () => {
    const all = payloads(scene.presses, routes.verbs, scene.a, scene.secretary, bot.serviceUrl);
    const before = await storeSnapshot(bot.lokus.store);
    const counts = { tried: 0, refusedCleanly: 0, answeredWithCard: 0, rejectedAtHttp: 0, status5xx: 0, documentsChanged: 0 };
    const problems: string[] = [];
    for (const p of all) {
      counts.tried++;
      const body = JSON.stringify(p.body);
      const res = await bot.post(JSON.parse(body));
      if (res.status >= 500) counts.status5xx++;
      if (res.status >= 500 || res.status === 0) problems.push(`${p.kind}: HTTP ${res.status}`);
      const messages = [
        ...(res.body?.type === 'application/vnd.microsoft.activity.message' ? [String(res.body.value)] : []),
        ...res.replies.filter((a) => a.text).map((a) => String(a.text)),
      ];
      const cards = res.body?.type === 'application/vnd.microsoft.card.adaptive' || res.replies.some((a) => cardsOf(a).length > 0);
      if (messages.length > 0) {
        counts.refusedCleanly++;
        for (const m of messages) {
          if (m === texts(p.language).common.internalError) problems.push(`${p.kind}: internal error`);
          // In the group's channel Lokus speaks the group's language (Swedish here) once it has read the
          // group; what it refuses before that (malformed data at the edge), in the person's.
          else if (!isInLanguage(m, p.language) && !isInLanguage(m, 'sv')) problems.push(`${p.kind}: in neither ${p.language} nor the group's sv: ${m.slice(0, 120)}`);
        }
      } else if (cards) counts.answeredWithCard++;
      else if (res.status >= 400) counts.rejectedAtHttp++;
      else problems.push(`${p.kind}: no answer (HTTP ${res.status})`);
    }
    await bot.settle();
    // Oversized bodies are refused before any listener runs.
    for (const size of [1_100_000, 5_000_000]) {
      counts.tried++;
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...A.message(scene.a, scene.secretary, bot.serviceUrl, 'x'), text: 'x'.repeat(size) }) });
      if (res.status >= 500) counts.status5xx++;
      if (res.status === 413) counts.rejectedAtHttp++;
      else problems.push(`oversized body: HTTP ${res.status}`);
    }
    for (const raw of ['{', 'null', '[]', '"x"', '']) {
      counts.tried++;
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
      if (res.status >= 500) counts.status5xx++;
      if (res.status >= 400 && res.status < 500) counts.rejectedAtHttp++;
      else problems.push(`malformed JSON ${JSON.stringify(raw)}: HTTP ${res.status}`);
    }
    const changed = changedDocuments(before, await storeSnapshot(bot.lokus.store));
    counts.documentsChanged = changed.length;
    console.log(`fuzz: ${counts.tried} payloads tried, ${counts.refusedCleanly} refused cleanly with a message, ${counts.answeredWithCard} answered with an unchanged card, ${counts.rejectedAtHttp} rejected at HTTP (4xx), 5xx = ${counts.status5xx}, documents changed = ${counts.documentsChanged}`);
    expect(changed).toEqual([]);
    expect(problems).toEqual([]);
    expect(counts.tried).toBeGreaterThanOrEqual(200);
    expect(counts.status5xx).toBe(0);
    expect(counts.documentsChanged).toBe(0);
    // The bot is still there and works.
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect((await bot.say(scene.a, scene.secretary, 'dagordning')).replies).toHaveLength(1);
  }, 60_000);
});

describe('text users enter cannot become a link or markup on a card', () => {
  let bot: TestBot;
  afterAll(async () => bot.stop());

  it('shows an injected Markdown link as typed but not as a link, and stores it exactly as typed', async () => {
    bot = await TestBot.start();
    const scene = await forgeryScene(bot);
    const link = '[Officiellt beslut](https://example.invalid/phish)';
    await bot.say(scene.a, scene.secretary, `anteckning Se ${link} <script>alert(1)</script>`);
    await bot.say(scene.a, scene.secretary, `punkt ${link}`);
    await bot.settle();
    const cards = [...bot.connector.posted(scene.a.id), ...bot.connector.updates(scene.a.id).map((u) => u.body)].flatMap((a) => cardsOf(a));
    const shown = cards.flatMap((c) => cardTexts(c)).filter((s) => s.includes('Officiellt beslut'));
    expect(shown.length).toBeGreaterThan(0);
    for (const s of shown) expect(s).not.toMatch(/\]\(/);
    expect(shown.some((s) => s.includes('[Officiellt beslut]\u200B(https://example.invalid/phish)'))).toBe(true);
    // Stored exactly as typed.
    expect(JSON.stringify(await bot.documents(groupIdFor(scene.a)))).toContain(link);
  });
});
