import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftMinutes } from '../../src/minutes/domain/minutes.js';
import { newMinutes, sendForAdjustment, sign, sha256 } from '../../src/minutes/domain/minutes-record.js';
import { renderMinutesText } from '../../src/minutes/domain/minutes-text.js';
import { sv } from '../../src/i18n/sv/index.js';
import { minutesIdOf } from '../../src/minutes/minutes-repo.js';
import { must } from '../meetings/fixtures.js';
import { SEED_003, seedGroup, seedMeeting } from './minutes-seeds.js';
import { TestBot } from '../support/test-bot.js';

const L = sv.minutes.document;
let now = new Date('2016-02-04T16:00:00Z');
let bot: TestBot;
const group = seedGroup(SEED_003);
const meeting = seedMeeting(SEED_003, group);
const id = minutesIdOf(meeting.id);

/** Paragraph texts of word/document.xml. */
async function docxParagraphs(buf: ArrayBuffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((t) => (t[0] === '<w:br/>' ? '\n' : t[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'))).join(''),
  );
}

beforeAll(async () => {
  bot = await TestBot.start({ now: () => now });
  const doc = draftMinutes({ meeting, group, language: 'sv', labels: L });
  let m = newMinutes({ id, groupId: group.groupId, meetingId: meeting.id, date: meeting.date, secretaryId: 'm_ann', doc, at: now.toISOString() });
  await bot.lokus.deps.minutes.create(m);
  m = must(sendForAdjustment(m, 'm_ann', now.toISOString()));
  m = must(sign(m, { memberId: 'm_marie', name: 'Marie Svensson' }, 1, L, '2016-02-10T09:00:00.000Z')).minutes;
  m = must(sign(m, { memberId: 'm_britta', name: 'Britta Bergström' }, 1, L, '2016-02-11T09:00:00.000Z')).minutes;
  const final = m;
  await bot.lokus.deps.minutes.update(group.groupId, id, () => ({ next: final, result: undefined }));
});

afterAll(async () => {
  await bot?.stop();
});

describe('GET /minutes/{id}.{md|html|docx} behind a signed, expiring link', () => {
  it('serves the signed minutes as Markdown, HTML and a Word file with the expected paragraphs', async () => {
    const links = bot.lokus.deps.links.links({ groupId: group.groupId, minutesId: id }, now);
    expect(links.md.startsWith(`${bot.url}/minutes/${id}.md?`)).toBe(true);

    const md = await fetch(links.md);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    const mdText = await md.text();
    expect(mdText).toContain('## §3 AMIF projektansökan - Information');
    expect(mdText).toContain('Justerat\n\nMarie Svensson 2016-02-10\\\nBritta Bergström 2016-02-11');

    const html = await fetch(links.html);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<h2>§6 Roller och förväntningar</h2>\n<p>Utgår.</p>');

    const docx = await fetch(links.docx);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toBe('attachment; filename="protokoll-2016-02-04-v1.docx"');
    const paragraphs = await docxParagraphs(await docx.arrayBuffer());
    expect(paragraphs.slice(0, 4)).toEqual(['Protokoll', 'fört vid planeringsdag med arbetsutskottet - Samordningsförbundet RAR i Sörmland', 'Datum: 2016-02-04 kl. 9.00–15.00', 'Plats: Hotell Malmköping']);
    for (const p of ['§1 Inledning', '§8 Avslutning', 'Vid protokollet:', 'Ann Lundqvist\nFörbundssekreterare', 'Justeras:', 'Britta Bergström\n2:e vice ordförande', 'Justerat']) expect(paragraphs).toContain(p);
    expect(paragraphs.filter((p) => p.startsWith('Beslut: Arbetsutskottet beslutade att ge Ola Wiktorson'))).toHaveLength(2);
    expect(paragraphs).toContain('Närvarande: Marie Svensson, ordf\nIngrid Jerneborg Glimne, 1:e v ordf §1-4\nBritta Bergström, 2:e v ordf\nAnna-Lena Karlsson, Försäkringskassan\nKatarina Enkvist Bohlin, Arbetsförmedlingen');
    expect(paragraphs).toContain('Övriga närvarande: Ola Wiktorson, förbundschef');
  });

  it('keeps the signed text with its SHA-256', async () => {
    const m = (await bot.lokus.deps.minutes.get(group.groupId, id))!;
    expect(m.status).toBe('adjusted');
    const signed = m.signed[0]!;
    expect(signed.text).toBe(renderMinutesText(m.doc, L));
    expect(signed.sha256).toBe(sha256(signed.text));
    expect(signed.signatures.map((s) => s.name)).toEqual(['Marie Svensson', 'Britta Bergström']);
  });

  it('refuses a tampered, foreign or expired link with 403', async () => {
    const links = bot.lokus.deps.links.links({ groupId: group.groupId, minutesId: id }, now);
    const url = new URL(links.docx);
    const tampered = (k: string, v: string) => {
      const u = new URL(url);
      u.searchParams.set(k, v);
      return u.toString();
    };
    const sig = url.searchParams.get('sig')!;
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    for (const bad of [
      tampered('sig', flipped),
      tampered('exp', String(Number(url.searchParams.get('exp')) + 3600)),
      tampered('g', 'g_someone_else'),
      tampered('v', '2'),
      links.docx.replace(`/minutes/${id}.`, '/minutes/minutes-other.'),
      `${bot.url}/minutes/${id}.docx`,
    ]) {
      expect((await fetch(bad)).status, bad).toBe(403);
    }
    now = new Date(now.getTime() + 31 * 24 * 3600 * 1000);
    expect((await fetch(links.md)).status).toBe(403);
    const fresh = bot.lokus.deps.links.links({ groupId: group.groupId, minutesId: id, version: 1 }, now);
    expect((await fetch(fresh.md)).status).toBe(200);
  });
});
