import { describe, expect, it } from 'vitest';
import { draftMinutes } from '../../src/minutes/domain/minutes.js';
import { markActionDone } from '../../src/follow-up/domain/follow-up.js';
import { newMinutes, regenerate } from '../../src/minutes/domain/minutes-record.js';
import { renderMinutesHtml } from '../../src/minutes/domain/minutes-html.js';
import { escapeMarkdown, itemBodyText, itemsText, parseItemBody, parseItemsText, renderMinutesText } from '../../src/minutes/domain/minutes-text.js';
import { sv } from '../../src/i18n/sv/index.js';
import { en } from '../../src/i18n/en/index.js';
import { expectGolden } from '../support/golden.js';
import { must } from '../meetings/fixtures.js';
import { SEED_000, SEED_003, seedGroup, seedMeeting, type SeedMeeting } from './minutes-seeds.js';

const L = sv.minutes.document;

function draft(s: SeedMeeting, language: 'sv' | 'en' = 'sv') {
  const group = seedGroup(s);
  return draftMinutes({ meeting: seedMeeting(s, group), group, language, labels: language === 'en' ? en.minutes.document : L });
}

/** The lines of `expected` not found in `lines` in that order (each after the previous one). */
function missingInOrder(lines: string[], expected: string[]): string[] {
  let from = 0;
  const missing: string[] = [];
  for (const e of expected) {
    const i = lines.indexOf(e, from);
    if (i === -1) missing.push(e);
    else from = i + 1;
  }
  return missing;
}

/** The seed's non-empty lines. */
function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('drafting the minutes from the meeting record', () => {
  it('seed 000 (minnesanteckningar): same sections in the same order as the seed', () => {
    const text = renderMinutesText(draft(SEED_000), L);
    expectGolden('minutes/seed-000.txt', text);
    expectGolden('minutes/seed-000.md', renderMinutesText(draft(SEED_000), L, { markdown: true }));
    const l = lines(text);
    // Every person with their organisation, in the seed's order.
    const present = ['Birgitta Olsson, Region Uppsala', 'Marika Söderberg, Försäkringskassan', 'Wictoria Palmetorp, Arbetsförmedlingen', 'Nima Najafi, Tierps Kommun', 'Geli Lytter, Samordningsförbundet', 'Marika Blomgren, Samordningsförbundet'];
    const titles = ['1. Föregående minnesanteckningar', '2. Rotation av ordförande', '3. Samordnare/Partsamordnare, uppdrag och start', '4. Granskning uppdrag', '5. Projektansökan, språkstödjare', '6. Övriga frågor'];
    const order = ['Plats: Regionens hus, Uppsala', 'Närvarande:', ...present, ...titles, 'Nästa möte:', '16 mars klockan 13:00-15:00 på Regionen hus, lokal: Aspnäs', 'Sekreterare', 'Marika Blomgren'];
    expect(missingInOrder(l, order)).toEqual([]);
    expect(l).not.toContain('Frånvarande:');
    expect(l).not.toContain('7. Nästa möte');
  });

  it('seed 003 (protokoll): §, roles, partial presence "§1-4", Beslut, Utgår, Vid protokollet, Justeras', () => {
    const doc = draft(SEED_003);
    const text = renderMinutesText(doc, L);
    expectGolden('minutes/seed-003.txt', text);
    expectGolden('minutes/seed-003.md', renderMinutesText(doc, L, { markdown: true }));
    expectGolden('minutes/seed-003.html', renderMinutesHtml(doc, L));
    const l = lines(text);
    const order = [
      'Protokoll',
      'fört vid planeringsdag med arbetsutskottet - Samordningsförbundet RAR i Sörmland',
      'Datum: 2016-02-04 kl. 9.00–15.00',
      'Plats: Hotell Malmköping',
      'Närvarande: Marie Svensson, ordf',
      'Ingrid Jerneborg Glimne, 1:e v ordf §1-4',
      'Britta Bergström, 2:e v ordf',
      'Anna-Lena Karlsson, Försäkringskassan',
      'Katarina Enkvist Bohlin, Arbetsförmedlingen',
      'Övriga närvarande: Ola Wiktorson, förbundschef',
      'Sekreterare: Ann Lundqvist',
      '§1 Inledning',
      '§2 Psykisk ohälsa, KUR - Information',
      '§3 AMIF projektansökan - Information',
      'Beslut: Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att i dialog med Försäkringskassan utarbeta förslag till en fördjupad kartläggning och analys avseende sjukpenningtalet i Sörmlands kommuner.',
      '§4 Vad vill RAR med medlemskapet i Nationella Nätverket för Samordningsförbund (NNS)',
      '§5 Implementering, hur ska vi förhålla oss?',
      'Beslut: Arbetsutskottet beslutade att ge Ola Wiktorson i uppdrag att formulera förslag till tydlig vägledning för utformning av projektansökningar till RAR.',
      '§6 Roller och förväntningar',
      'Utgår.',
      '§7 Övrigt',
      '§8 Avslutning',
      'Vid protokollet:',
      'Ann Lundqvist',
      'Förbundssekreterare',
      'Justeras:',
      'Marie Svensson',
      'Ordförande',
      'Britta Bergström',
      '2:e vice ordförande',
    ];
    expect(missingInOrder(l, order)).toEqual([]);
    expect(l).not.toContain('Justerat');
    expect(renderMinutesText(doc, L, { signed: { signatures: [{ name: 'Marie Svensson', at: '2016-02-10T09:00:00Z' }] } })).toContain('\n\nJusterat\n\nMarie Svensson 2016-02-10\n');
    expect(l.filter((x) => x.startsWith('Ann Lundqvist'))).toEqual(['Ann Lundqvist']);
  });

  it('writes English labels when the language is English', () => {
    const text = renderMinutesText(draft(SEED_003, 'en'), en.minutes.document);
    expect(lines(text).slice(0, 4)).toEqual(['Minutes', 'of the planeringsdag med arbetsutskottet - Samordningsförbundet RAR i Sörmland', 'Date: 2016-02-04 at 09:00–15:00', 'Place: Hotell Malmköping']);
    expect(text).toContain('Present: Marie Svensson, chair\nIngrid Jerneborg Glimne, 1st vice chair §1-4');
    expect(text).toContain('Decision: Arbetsutskottet beslutade');
    expect(text).toContain('Approved by:\n\nMarie Svensson\nChair\n\nBritta Bergström\n2nd vice chair');
  });

  it('lists absent members with their organisation and notes who sent apologies or stood in', () => {
    const group = seedGroup(SEED_000);
    const m = seedMeeting(SEED_000, group);
    const at = m.endedAt!;
    const meeting = { ...m, attendance: { ...m.attendance, m_nima: { status: 'excused' as const, at }, m_geli: { status: 'substitute' as const, substituteFor: 'm_nima', at } } };
    delete (meeting.attendance as Record<string, unknown>).m_wictoria;
    const text = renderMinutesText(draftMinutes({ meeting, group, language: 'sv', labels: L }), L);
    expect(text).toContain('Frånvarande:\n\nWictoria Palmetorp, Arbetsförmedlingen\nNima Najafi, Tierps Kommun (anmält förhinder)');
    expect(text).toContain('Geli Lytter, Samordningsförbundet (ersättare för Nima Najafi)');
  });

  it('counts a member seen only joining the Teams meeting as present; a mark wins over a join', () => {
    const group = seedGroup(SEED_000);
    const m = seedMeeting(SEED_000, group);
    const at = m.endedAt!;
    const nima = group.members.find((x) => x.id === 'm_nima')!;
    const wictoria = group.members.find((x) => x.id === 'm_wictoria')!;
    const attendance = { ...m.attendance, m_wictoria: { status: 'absent' as const, at } };
    delete (attendance as Record<string, unknown>).m_nima;
    const joined = (who: typeof nima, id: string) => ({ id, kind: 'join' as const, teamsId: who.teamsId, aadObjectId: who.aadObjectId, name: who.name, memberId: who.id, at });
    const meeting = { ...m, attendance, participantEvents: [joined(nima, 'j1'), joined(wictoria, 'j2')] };
    const text = renderMinutesText(draftMinutes({ meeting, group, language: 'sv', labels: L }), L);
    const [present, absent] = text.split('Frånvarande:');
    expect(present).toContain('Nima Najafi, Tierps Kommun');
    expect(absent).toContain('Wictoria Palmetorp, Arbetsförmedlingen');
    expect(absent).not.toContain('Nima Najafi');
  });

  it('a protokoll with the group\'s standing items keeps them all as § items, "Nästa möte" with what was noted under it', () => {
    const s: SeedMeeting = {
      ...SEED_003,
      standing: [
        { key: 'previousMinutes', title: 'Föregående protokoll', kind: 'information', position: 'start' },
        { key: 'otherBusiness', title: 'Övriga frågor', kind: 'diskussion', position: 'end' },
        { key: 'nextMeeting', title: 'Nästa möte', kind: 'information', position: 'end' },
      ],
      items: [
        { title: 'Föregående protokoll', notes: ['Protokollet från föregående möte lades till handlingarna.'] },
        ...SEED_003.items.filter((i) => i.title !== 'Övrigt' && i.title !== 'Avslutning'),
        { title: 'Övriga frågor', notes: [SEED_003.items.find((i) => i.title === 'Övrigt')!.notes[0]!] },
      ],
      nextMeeting: 'Arbetsutskottet träffas den 30 mars klockan 13-17 för diskussion om roller och förväntningar.',
    };
    const group = seedGroup(s);
    const meeting = seedMeeting(s, group);
    // With the next meeting planned too: a protokoll still writes "Nästa möte" as its own § item.
    const next = { date: '2016-03-30', time: { start: '13:00', end: '17:00' }, place: 'Kommunhuset, Eskilstuna' };
    for (const input of [{}, { next }]) {
      const doc = draftMinutes({ meeting, group, language: 'sv', labels: L, ...input });
      expect(doc.items.map((i) => `${i.number} ${i.title}`)).toEqual([
        '§1 Föregående protokoll',
        '§2 Inledning',
        '§3 Psykisk ohälsa, KUR - Information',
        '§4 AMIF projektansökan - Information',
        '§5 Vad vill RAR med medlemskapet i Nationella Nätverket för Samordningsförbund (NNS)',
        '§6 Implementering, hur ska vi förhålla oss?',
        '§7 Roller och förväntningar',
        '§8 Övriga frågor',
        '§9 Nästa möte',
      ]);
      const l = lines(renderMinutesText(doc, L));
      expect(missingInOrder(l, [
        'Protokoll',
        'Sekreterare: Ann Lundqvist',
        '§1 Föregående protokoll',
        'Protokollet från föregående möte lades till handlingarna.',
        '§2 Inledning',
        '§7 Roller och förväntningar',
        'Utgår.',
        '§8 Övriga frågor',
        'Britta Bergström informerade om att den 28 april kommer Oxelösunds kommun att visa en inspelad version av det seminarium som SKL arrangerar.',
        '§9 Nästa möte',
        'Arbetsutskottet träffas den 30 mars klockan 13-17 för diskussion om roller och förväntningar.',
        'Vid protokollet:',
        'Justeras:',
      ])).toEqual([]);
      expect(l.filter((x) => x.includes('Nästa möte'))).toEqual(['§9 Nästa möte']);
    }
  });

  it('redrafting keeps action items that were finished since, as the first draft had them', () => {
    const ola = { ownerId: 'm_ola', ownerName: 'Ola Wiktorson' };
    const s: SeedMeeting = {
      ...SEED_003,
      items: SEED_003.items.map((i) => (i.title === 'AMIF projektansökan - Information'
        ? { ...i, actions: [{ id: 'a-kartlaggning', ...ola, text: 'utarbeta förslag till fördjupad kartläggning med Försäkringskassan', due: '2016-03-01' }] }
        : i.title === 'Implementering, hur ska vi förhålla oss?'
          ? { ...i, actions: [{ id: 'a-vagledning', ...ola, text: 'formulera förslag till vägledning för projektansökningar' }, { id: 'a-styrgrupper', ownerId: 'm_britta', ownerName: 'Britta Bergström', text: 'beskriva styrgruppernas mandat', due: '2016-04-01' }] }
          : i)),
    };
    const group = seedGroup(s);
    const meeting = seedMeeting(s, group);
    const input = { group, language: 'sv' as const, labels: L };
    const first = draftMinutes({ meeting, ...input });
    expect(first.items[2]!.actions).toEqual([{ owner: 'Ola Wiktorson', text: 'utarbeta förslag till fördjupad kartläggning med Försäkringskassan', due: '2016-03-01' }]);
    expect(first.items[4]!.actions.map((a) => a.owner)).toEqual(['Ola Wiktorson', 'Britta Bergström']);
    const firstText = renderMinutesText(first, L);
    expect(firstText).toContain('Uppdrag: Ola Wiktorson – utarbeta förslag till fördjupad kartläggning med Försäkringskassan, senast 2016-03-01');
    // Two of the three are done before the secretary makes the draft again.
    let later = meeting;
    for (const [id, memberId] of [['a-kartlaggning', 'm_ola'], ['a-vagledning', 'm_ola']] as const) {
      later = must(markActionDone(later, id, { memberId, mayManage: false }, '2016-02-20T10:00:00.000Z')).meeting;
    }
    expect(later.actionItems.map((a) => [a.id, a.status])).toEqual([['a-kartlaggning', 'done'], ['a-vagledning', 'done'], ['a-styrgrupper', 'open']]);
    const again = draftMinutes({ meeting: later, ...input });
    expect(again).toEqual(first);
    expect(renderMinutesText(again, L)).toBe(firstText);
    // Through the minutes' own "regenerate" too: the new version has them all.
    const minutes = newMinutes({ id: 'minutes-3', groupId: group.groupId, meetingId: meeting.id, secretaryId: 'm_ann', doc: first, at: '2016-02-05T10:00:00.000Z' });
    const regenerated = must(regenerate(minutes, again, 'm_ann', '2016-02-21T10:00:00.000Z'));
    expect(regenerated.doc.items.flatMap((i) => i.actions)).toEqual(first.items.flatMap((i) => i.actions));
    expect(regenerated.doc.items.flatMap((i) => i.actions)).toHaveLength(3);
  });

  it('keeps att-satser as a list under the decision', () => {
    const group = seedGroup(SEED_003);
    const s = { ...SEED_003, items: [{ title: 'Budget', notes: [], decisions: ['Förbundsstyrelsen beslutar\natt godkänna budgeten\n- att uppdra åt förbundschefen att följa upp'] }] };
    const doc = draftMinutes({ meeting: seedMeeting(s, group), group, language: 'sv', labels: L });
    expect(doc.items[0]!.decisions).toEqual([{ text: 'Förbundsstyrelsen beslutar', attSatser: ['att godkänna budgeten', 'att uppdra åt förbundschefen att följa upp'] }]);
    expect(renderMinutesText(doc, L)).toContain('Beslut: Förbundsstyrelsen beslutar\n\n- att godkänna budgeten\n- att uppdra åt förbundschefen att följa upp');
    expect(renderMinutesText(doc, L, { markdown: true })).toContain('Beslut: Förbundsstyrelsen beslutar\n\n- att godkänna budgeten\n');
  });
});

describe('escaping user text', () => {
  it('Markdown: markup in names and notes is shown as typed, not interpreted', () => {
    expect(escapeMarkdown('**fet** <script>x</script> [länk](http://x) # rubrik')).toBe('\\*\\*fet\\*\\* \\<script\\>x\\</script\\> \\[länk\\](http://x) \\# rubrik');
    expect(escapeMarkdown('1. inte en lista\n- inte heller')).toBe('1\\. inte en lista\n\\- inte heller');
  });

  it('HTML: a note with markup is escaped', () => {
    const group = seedGroup(SEED_003);
    const s = { ...SEED_003, items: [{ title: '<b>Punkt</b>', notes: ['<img src=x onerror=alert(1)> & "citat"'] }] };
    const html = renderMinutesHtml(draftMinutes({ meeting: seedMeeting(s, group), group, language: 'sv', labels: L }), L);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;citat&quot;');
    expect(html).toContain('<h2>§1 &lt;b&gt;Punkt&lt;/b&gt;</h2>');
    expect(html).not.toContain('<img');
  });
});

describe('the secretary\'s edit forms', () => {
  it('an item body reads back to the same item', () => {
    const doc = draft(SEED_003);
    for (const item of doc.items) {
      const back = parseItemBody(itemBodyText(item, L), L);
      expect({ paragraphs: back.paragraphs, decisions: back.decisions, actions: back.actions, dropped: back.dropped }).toEqual({
        paragraphs: item.paragraphs,
        decisions: item.decisions,
        actions: item.actions,
        dropped: !!item.dropped,
      });
    }
    expect(parseItemBody('Uppdrag: Ola Wiktorson – skriva förslag, senast 2016-03-01', L).actions).toEqual([{ owner: 'Ola Wiktorson', text: 'skriva förslag', due: '2016-03-01' }]);
  });

  it('the whole text reads back to the same items; text before the first heading is refused', () => {
    const doc = draft(SEED_003);
    expect(parseItemsText(itemsText(doc, L), doc, L)).toEqual(doc.items);
    expect(parseItemsText('lös text\n§1 Inledning', doc, L)).toBeUndefined();
  });
});
