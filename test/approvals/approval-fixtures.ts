import { addMember, newGroup, setRoles, type Group, type Role } from '../../src/groups/domain/group.js';
import { groupIdOf } from '../../src/bot/context.js';
import * as A from '../support/activities.js';
import type { TestBot } from '../support/test-bot.js';

/** Seed 000's lokusgrupp Tierp: four parties, plus förbund staff (kansli). */
export const P = {
  birgitta: A.person('Birgitta Olsson'),
  marikaS: A.person('Marika Söderberg'),
  wictoria: A.person('Wictoria Palmetorp'),
  nima: A.person('Nima Najafi'),
  geli: A.person('Geli Lytter'),
  marikaB: A.person('Marika Blomgren'),
};

const ROSTER: Array<[A.Person, string, Role[]]> = [
  [P.birgitta, 'Region Uppsala', ['chair']],
  [P.marikaS, 'Försäkringskassan', ['member']],
  [P.wictoria, 'Arbetsförmedlingen', ['member']],
  [P.nima, 'Tierps kommun', ['member']],
  [P.geli, 'Samordningsförbundet', ['kansli']],
];

export const memberId = (p: A.Person) => `m_${p.aadObjectId.slice(4)}`;

/** Stores the group for a conversation the way the group settings would (through the real repository). */
export async function seedGroup(bot: TestBot, conv: A.Conversation, at: Date, extra: A.Person[] = []): Promise<Group> {
  const iso = at.toISOString();
  const groupId = groupIdOf(conv.tenantId, conv.id);
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  let g = newGroup({
    groupId, tenantId: conv.tenantId, conversationId: conv.id, name: 'Tierp', kind: 'lokusgrupp', standingItems: [],
    founder: { memberId: memberId(P.marikaB), roleId: 'r0', name: P.marikaB.name, organisation: 'Samordningsförbundet', teamsId: P.marikaB.id, aadObjectId: P.marikaB.aadObjectId },
    at: iso,
  });
  const all: Array<[A.Person, string, Role[]]> = [...ROSTER, ...extra.map((p, i): [A.Person, string, Role[]] => [p, ['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun'][i % 4]!, ['member']])];
  for (const [p, organisation, roles] of all) {
    g = ok(addMember(g, { id: memberId(p), name: p.name, organisation, teamsId: p.id, aadObjectId: p.aadObjectId }, iso)).group;
    g = ok(setRoles(g, { id: `r-${memberId(p)}`, memberId: memberId(p), roles, effective: 'now', at: iso }));
  }
  g = ok(setRoles(g, { id: 'r-marikab', memberId: memberId(P.marikaB), roles: ['secretary', 'kansli'], effective: 'now', at: iso }));
  await bot.lokus.deps.groups.create(g);
  return g;
}

export const TITLE = 'Avvikelserapport: insatsstart flyttas till 1 mars 2018';
export const TEXT = 'Tierps lokusgrupp skjuter på insatsstarten till 1 mars 2018 med avslut 28 februari 2020.';
export const PARTY_REPS = [P.birgitta, P.marikaS, P.wictoria, P.nima];

export interface RequestOptions {
  title?: string;
  voters?: A.Person[];
  rule?: 'all' | 'onePerParty' | 'majority' | 'first';
  deadline?: [string, string];
  reminder?: 'none' | 'h1' | 'd1' | 'd2' | 'w1';
  signatory?: A.Person;
}

/** Marika Blomgren (kansli) asks for approval through the form; returns the channel card's activity id and the request id. */
export async function startRequest(bot: TestBot, conv: A.Conversation, o: RequestOptions = {}) {
  const asked = await bot.say(conv, P.marikaB, `godkännande ${o.title ?? TITLE}`);
  const formId = asked.replies[0]!.id as string;
  const form = bot.currentCard(formId)!;
  const r = await bot.click(conv, P.marikaB, form, 'Skicka för godkännande', {
    text: TEXT,
    voters: (o.voters ?? PARTY_REPS).map(memberId).join(','),
    rule: o.rule ?? 'onePerParty',
    deadlineDate: o.deadline?.[0] ?? '2018-02-05',
    deadlineTime: o.deadline?.[1] ?? '12:00',
    reminder: o.reminder ?? 'd1',
    signatory: o.signatory ? memberId(o.signatory) : 'none',
  });
  if (!r.card) throw new Error(`the request was not made: ${r.message ?? JSON.stringify(r.body)}`);
  await bot.idle();
  const card = bot.currentCard(formId)!;
  const approvalId = String(card.actions.find((a: { verb?: string }) => a.verb === 'approval.history').data.approvalId);
  return { formId, approvalId, card: () => bot.currentCard(formId)!, requesterView: r.card };
}
