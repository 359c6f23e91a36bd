import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newMeeting, type AttendanceMark, type Meeting } from '../../src/meetings/domain/meeting.js';
import { setRoles, type Group } from '../../src/groups/domain/group.js';
import * as A from '../support/activities.js';
import { cardsOf, cardText, findNodes } from '../support/cards.js';
import { must } from '../meetings/fixtures.js';
import { answered, groupIdFor } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';
import { O, TIERP_REPS, memberId, storeGroup, storeStyrelse, storeTierp } from './office-support.js';

type Json = Record<string, any>;
let clock = Date.parse('2018-11-30T08:00:00.000Z');
const now = () => new Date((clock += 1000));

const OTHER_TENANT = 'tenant-00000000-0000-0000-0000-000000000002';
/** Per month of 2018 (Feb–Nov), who came to the Tierp lokusgrupp: Arbetsförmedlingen missed three. */
const AF_AWAY = new Set(['2018-03', '2018-06', '2018-09']);
const MONTHS = ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11'].map((m) => `2018-${m}`);

/** Ten held lokusmöten in Tierp with attendance marked, and action items (one overdue). */
function tierpYear(group: Group): Meeting[] {
  return MONTHS.map((month, i) => {
    const day = `${month}-15`;
    const id = `meeting-tierp-${i}`;
    const m = must(newMeeting({ id, group, title: 'Lokusmöte Tierp', date: day, itemIds: [], at: `${day}T07:00:00.000Z` }));
    const attendance: Record<string, AttendanceMark> = {};
    for (const p of TIERP_REPS) {
      const away = p === O.wictoria && AF_AWAY.has(month);
      attendance[memberId(p)] = { status: away ? 'absent' : 'present', source: 'marked', at: `${day}T08:00:00.000Z` };
    }
    const actionItems = i === 8 ? [
      { id: 'a1', itemId: 'x', at: `${day}T09:00:00.000Z`, byName: 'Marika Blomgren', ownerName: 'Nima Najafi', text: 'Boka lokal', due: '2018-10-30', status: 'open' as const },
      { id: 'a2', itemId: 'x', at: `${day}T09:00:00.000Z`, byName: 'Marika Blomgren', ownerName: 'Birgitta Olsson', text: 'Skicka inbjudan', due: '2018-12-20', status: 'open' as const },
      { id: 'a3', itemId: 'x', at: `${day}T09:00:00.000Z`, byName: 'Marika Blomgren', ownerName: 'Birgitta Olsson', text: 'Klart', status: 'done' as const },
    ] : [];
    return { ...m, status: 'adjusted', startedAt: `${day}T08:00:00.000Z`, endedAt: `${day}T10:00:00.000Z`, attendance, actionItems };
  });
}

describe('the office’s overview for kansli, over real HTTP', () => {
  let bot: TestBot;
  const tierp = A.channel('lokus-tierp');
  const styrelse = A.channel('forbundsstyrelsen');
  const sug = A.channel('strategiska');
  const otherForbund = A.channel('annat-forbund', OTHER_TENANT);
  let card: Json;

  beforeAll(async () => {
    bot = await TestBot.start({ now });
    const g = await storeTierp(bot, tierp, '2018-01-25T09:00:00.000Z');
    for (const m of tierpYear(g)) await bot.lokus.deps.meetings.create(m);
    await storeStyrelse(bot, styrelse, '2018-01-25T09:00:00.000Z');
    // A group where Marika Blomgren sits without the kansli role, and another förbund where she is kansli.
    await storeGroup(bot, sug, { name: 'Strategiska utvecklingsgruppen', kind: 'strategisk-utvecklingsgrupp', at: '2018-01-25T09:00:00.000Z', founder: { person: O.lars, organisation: 'Region Uppsala', roles: ['chair'] }, seats: [{ person: O.marikaB, organisation: 'Region Uppsala', roles: ['member'] }] });
    await storeTierp(bot, otherForbund, '2018-01-25T09:00:00.000Z');
  });
  afterAll(async () => bot.stop());

  it('an approval waiting, a styrelse meeting whose minutes wait for justering, and seed 002’s insats are set up through the bot', async () => {
    const asked = await bot.say(tierp, O.marikaB, 'godkännande Avvikelserapport: insatsstart');
    const sent = await bot.click(tierp, O.marikaB, cardsOf(asked.replies[0])[0]!, 'Skicka för godkännande', { text: 'Start flyttas.', voters: TIERP_REPS.map(memberId).join(','), rule: 'onePerParty', deadlineDate: '2018-12-20', deadlineTime: '12:00', reminder: 'none', signatory: 'none' });
    expect(sent.card, sent.message).toBeDefined();
    await bot.say(styrelse, O.marikaB, 'nytt möte idag 9-10 Regionens hus');
    await bot.say(styrelse, O.lars, 'starta möte');
    await bot.say(styrelse, O.lars, 'avsluta möte');
    await bot.idle();
    const form = cardsOf((await bot.say(tierp, O.marikaB, 'ny insats Samordnare och partsamordnare Tierp')).replies[0])[0]!;
    const saved = answered(await bot.click(tierp, O.marikaB, form, 'Spara insatsen', { meetingWord: 'Lokusmöte', meetingTarget: '60' }));
    const text = cardText(saved);
    expect(text).toContain('Insatsen är sparad.');
    expect(text).toContain('Möten (Lokusmöte) med minst 2 parter: 10 av 60 – ▲ under målet');
    expect(text).toContain('Arbetsförmedlingen (Tierp): 7 av 10 möten, 70 % (varje part på minst 85 % av kallade möten) – ▲ under målet');
    expect(text).toContain('Region Uppsala (Tierp): 10 av 10 möten, 100 % (varje part på minst 85 % av kallade möten) – ✓ når målet');
    // The same form pressed again (a retry, or a changed figure) records nothing new: the insats as first stored.
    const again = cardText(answered(await bot.click(tierp, O.marikaB, form, 'Spara insatsen', { meetingWord: 'Lokusmöte', meetingTarget: '30' })));
    expect(again).toContain('Möten (Lokusmöte) med minst 2 parter: 10 av 60 – ▲ under målet');
    // A plain member cannot record an insats.
    expect((await bot.say(tierp, O.nima, 'ny insats X')).replies[0]!.text).toMatch(/^Du kan inte/);
  });

  it('kansli see every group of their förbund where they are kansli: meetings, attendance per party, action items, approvals, minutes', async () => {
    const r = await bot.say(A.personalChat(O.marikaB), O.marikaB, 'översikt');
    card = cardsOf(r.replies[0])[0]!;
    const text = cardText(card);
    expect(text).toContain('Förbundets översikt 2018');
    expect(text).toContain('2 grupper och 1 insats där du är kansli.');
    expect(text).toContain('Tierp');
    expect(text).toContain('Förbundsstyrelsen');
    expect(text).not.toContain('Strategiska utvecklingsgruppen');
    expect(text).toContain('10 möten hållna i år');
    expect(text).toContain('Arbetsförmedlingen: 7 av 10, 70 % – ▲ under målet');
    expect(text).toContain('Försäkringskassan: 10 av 10, 100 % – ✓ når målet');
    expect(text).toContain('Öppna uppdrag: 2, varav försenade: 1');
    expect(text).toContain('Godkännanden som väntar på svar: 1');
    expect(text).toContain('Protokoll som väntar på justering: 1');
    const images = findNodes(card, (n) => n.type === 'Image');
    expect(images.map((i) => i.altText)).toEqual([expect.stringContaining('närvaro per part'), expect.stringContaining('möten per månad')]);
  });

  it('the chart images are PNGs behind the signed link; the report page has the same charts and tables', async () => {
    // The charting libraries' warnings must not reach the console (the bot logs JSON lines only).
    const warned = vi.spyOn(console, 'warn');
    for (const img of findNodes(card, (n) => n.type === 'Image')) {
      const res = await fetch(img.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await res.arrayBuffer());
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThan(400);
    }
    const report = await fetch(urlOf(card, 'Öppna rapporten'));
    expect(report.headers.get('content-type')).toContain('text/html');
    const html = await report.text();
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('<td>Arbetsförmedlingen</td><td>10</td><td>7</td><td>70 %</td><td>85</td><td>▲ under målet</td>');
    expect(html).not.toContain('Strategiska utvecklingsgruppen');
    expect(warned).not.toHaveBeenCalled();
    warned.mockRestore();
  });

  it('the Excel file is a real .xlsx: its cells read back with a reader library', async () => {
    const res = await fetch(urlOf(card, 'Ladda ned Excel (.xlsx)'));
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = XLSX.read(Buffer.from(await res.arrayBuffer()), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['Grupper', 'Närvaro', 'Möten per månad', 'Insatser']);
    const rows = (name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1 });
    expect(rows('Grupper')).toEqual([
      ['Grupp', 'Slag', 'Hållna möten', 'Öppna uppdrag', 'Försenade uppdrag', 'Godkännanden som väntar', 'Protokoll som väntar på justering'],
      ['Förbundsstyrelsen', 'Förbundsstyrelse', 1, 0, 0, 0, 1],
      ['Tierp', 'Lokusgrupp', 10, 2, 1, 1, 0],
    ]);
    const attendance = rows('Närvaro');
    expect(attendance).toContainEqual(['Tierp', 'Arbetsförmedlingen', 10, 7, 70, 85, '▲ under målet']);
    expect(attendance).toContainEqual(['Tierp', 'Tierps kommun', 10, 10, 100, 85, '✓ når målet']);
    // Cell by cell, as Excel addresses them: a number is a number.
    const sheet = wb.Sheets['Närvaro']!;
    const afRow = attendance.findIndex((r) => r[1] === 'Arbetsförmedlingen') + 1;
    expect(sheet[`E${afRow}`]).toMatchObject({ t: 'n', v: 70 });
    const months = rows('Möten per månad').filter((r) => r[0] === 'Tierp');
    expect(months).toHaveLength(12);
    expect(months.map((r) => r[2])).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(rows('Insatser')).toContainEqual(['Samordnare och partsamordnare Tierp', 'Möten (Lokusmöte) med minst 2 parter: 10 av 60', '10 / 60', '▲ under målet']);
  });

  it('a changed or expired link gives nothing, and neither does one whose person is no longer kansli', async () => {
    const url = new URL(urlOf(card, 'Ladda ned Excel (.xlsx)'));
    const forged = new URL(url);
    // Another person's link, made by changing who it is for.
    forged.searchParams.set('p', O.nima.aadObjectId);
    expect((await fetch(forged)).status).toBe(403);
    const otherFile = new URL(url);
    otherFile.pathname = '/office/secrets.json';
    expect((await fetch(otherFile)).status).toBe(403);
    clock += 8 * 24 * 3600 * 1000;
    expect((await fetch(url)).status).toBe(403);
    clock -= 8 * 24 * 3600 * 1000;
    expect((await fetch(url)).status).toBe(200);
    // Marika Blomgren gives up the kansli role in both groups: her link shows nothing any more.
    for (const conv of [tierp, styrelse]) {
      await bot.lokus.deps.groups.update(groupIdFor(conv), (g) => ({ next: must(setRoles(g!, { id: `r-drop-${conv.id}`, memberId: memberId(O.marikaB), roles: ['secretary'], effective: 'now', at: new Date(clock).toISOString() })), result: undefined }));
    }
    expect((await fetch(url)).status).toBe(403);
    expect((await bot.say(A.personalChat(O.marikaB), O.marikaB, 'översikt')).replies[0]!.text).toContain('Du har inte rollen kansli');
  });

  it('a plain member, or kansli of another förbund, get nothing across groups; in a channel the overview is refused', async () => {
    const member = await bot.say(A.personalChat(O.nima), O.nima, 'översikt');
    expect(member.replies[0]!.text).toBe('Översikten visar förbundets grupper för förbundets kansli. Du har inte rollen kansli i någon grupp här, så det finns inget att visa.');
    expect(cardsOf(member.replies[0])).toHaveLength(0);
    // Marika Blomgren is kansli in the other förbund too: there she sees that förbund's group only.
    const other = cardText(cardsOf((await bot.say(A.personalChat(O.marikaB, OTHER_TENANT), O.marikaB, 'översikt')).replies[0])[0]!);
    expect(other).toContain('1 grupp och 0 insatser');
    expect(other).not.toContain('Förbundsstyrelsen');
    expect(other).not.toContain('Arbetsförmedlingen: 7 av 10');
    const inChannel = await bot.say(tierp, O.marikaB, 'översikt');
    expect(inChannel.replies[0]!.text).toBe('Översikten visas i en personlig chatt med Lokus. Skriv översikt där.');
  });
});

function urlOf(card: Json, title: string): string {
  const a = findNodes(card, (n) => n.type === 'Action.OpenUrl' && n.title === title)[0];
  if (!a) throw new Error(`no link ${title}`);
  return a.url;
}
