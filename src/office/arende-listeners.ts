import type { Application, TurnState } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { currentVersion, type Approval } from '../approvals/domain/approval.js';
import { groupLanguage, type Group, type Member } from '../groups/domain/group.js';
import { addItem, itemIndex, itemNumber, removeItem, type Meeting } from '../meetings/domain/meeting.js';
import type { MeetingEnded } from '../meetings/meeting-ended.js';
import { editArende, markReturned, openArende, placeArende, recordBodyDecision, type Arende, type ArendeError, type Placement } from './domain/arende.js';
import { attLines, draftFromApproval, paragraphs, proposalText, BODY_KINDS, SECTIONS_MAX, type Signer, type Tjansteskrivelse } from './domain/tjansteskrivelse.js';
import { kansliGroups } from './overview-data.js';
import { arendeCard, decisionCard, type BodyMeetingChoice } from './arende-view.js';
import { formatDate, stockholmDate } from '../shared/swedish-date.js';
import { texts, type Texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { cmd, commandArgs } from '../bot/command.js';
import { activityKey, cardId, type GroupTurn } from '../bot/group-turn.js';
import { onCard, onCommand, type Answer, type Heard } from '../bot/listen.js';

/** `ärende [rubrik]` / `case [heading]`: the office opens an ärende (from the group's approved request, or its own). */
export const ARENDE = cmd(['ärende', 'case'], { args: 'optional' });
export const SAVE_VERB = 'office.arende.save';
export const PLACE_VERB = 'office.arende.place';

const PLANNED = ['planned', 'noticed'] as const;
const text = (max: number) => z.string().max(max).optional().default('');

const ArendeRef = z.object({ arendeId: cardId });
const EditForm = ArendeRef.extend({
  rubrik: text(200),
  body: z.enum(BODY_KINDS).optional().default('styrelse'),
  // Each at most the shared budget; checkTjansteskrivelse refuses them together over it, with its own message.
  attSatser: text(SECTIONS_MAX),
  arendetHeading: text(200),
  arendet: text(SECTIONS_MAX),
  bedomning: text(SECTIONS_MAX),
  signerName: text(200),
  signerTitle: text(200),
});
const PlaceForm = EditForm.extend({ meetingRef: z.string().regex(/^[A-Za-z0-9_-]{1,200}\|[A-Za-z0-9_-]{1,200}$/) });

const fields = (tx: Texts) => ({ rubrik: tx.office.rubrikLabel, attSatser: tx.office.attLabel, arendet: tx.office.arendetLabel, bedomning: tx.office.bedomningLabel, meetingRef: tx.office.meetingLabel });

const capitalise = (s: string) => (s ? s[0]!.toLocaleUpperCase('sv') + s.slice(1) : s);

/** Who signs: the förbundschef named in the group (by title), else the acting member. */
function signerOf(tx: Texts, group: Group, acting: Member | undefined): Signer {
  const chief = group.members.find((m) => !m.removedAt && /förbundschef/iu.test(m.title ?? ''));
  const who = chief ?? acting;
  return { name: who?.name ?? '', title: capitalise(who?.title ?? tx.office.document.defaultSignerTitle) };
}

function errorText(tx: Texts, e: ArendeError): string {
  return tx.office.errors[e.code] ?? tx.common.internalError;
}

/** The planned meetings of the bodies (styrelse, arbetsutskott) of this förbund where the person is kansli. */
async function bodyMeetings(deps: Deps, turn: Pick<GroupTurn, 'ref' | 'actor' | 'at' | 'texts'>): Promise<Array<{ group: Group; meeting: Meeting; choice: BodyMeetingChoice }>> {
  const bodies = (await kansliGroups(deps, turn.ref.tenantId, turn.actor, turn.at)).filter((g) => g.kind === 'styrelse' || g.kind === 'arbetsutskott');
  const today = stockholmDate(new Date(turn.at));
  const out = [];
  for (const group of bodies) {
    for (const meeting of await deps.meetings.list(group.groupId, PLANNED)) {
      if (meeting.date && meeting.date < today) continue;
      out.push({ group, meeting, choice: { title: turn.texts.office.meetingChoice(group.name, meeting.title, meeting.date ? formatDate(meeting.date) : ''), value: `${group.groupId}|${meeting.id}` } });
    }
  }
  return out.sort((a, b) => (a.meeting.date ?? '').localeCompare(b.meeting.date ?? ''));
}

/** The parties whose yes the request counted (förbund staff are no party). */
function partiesBehind(a: Approval): string[] {
  const yes = a.voters.filter((v) => !v.staff && v.party && a.answers[v.key]?.decision?.choice === 'approve').map((v) => v.party);
  return [...new Set(yes)];
}

async function open(deps: Deps, { ctx, turn }: Heard<undefined>): Promise<Answer> {
  const tx = turn.texts;
  const rubrik = commandArgs(ctx.activity.text, ARENDE);
  const by = turn.member?.name ?? turn.actor.name;
  let id: string;
  let draft: Tjansteskrivelse;
  let approvalFields: { approvalId?: string; partiesBehind?: string[] } = {};
  if (rubrik) {
    id = activityKey(ctx, 'arende');
    draft = { rubrik: rubrik.slice(0, 200), body: 'styrelse', attSatser: [], arendet: [], bedomning: [], signer: signerOf(tx, turn.group, turn.member) };
  } else {
    const approved = (await deps.approvals.approved(turn.group.groupId)).filter((a) => a.rule === 'onePerParty');
    let request: Approval | undefined;
    for (const a of approved) {
      if (!(await deps.office.getArende(turn.ref.tenantId, `arende-${a.id}`))) {
        request = a;
        break;
      }
    }
    if (!request) return tx.office.noApproved;
    id = `arende-${request.id}`;
    const where = tx.office.document.groupDefinite[turn.group.kind];
    draft = draftFromApproval({ title: request.title, text: currentVersion(request).text, groupName: turn.group.kind === 'annan' ? turn.group.name : where, signer: signerOf(tx, turn.group, turn.member) }, tx.office.document);
    approvalFields = { approvalId: request.id, partiesBehind: partiesBehind(request) };
  }
  const year = Number(stockholmDate(turn.now).slice(0, 4));
  const number = await deps.office.numberFor(turn.ref.tenantId, year, id);
  const arende = openArende({ id, tenantId: turn.ref.tenantId, year, number, origin: { groupId: turn.group.groupId, groupName: turn.group.name, ...approvalFields }, tjansteskrivelse: draft, by, at: turn.at });
  const { created } = await deps.office.createArende(arende, TurnContext.getConversationReference(ctx.activity) as Record<string, unknown>);
  const stored = created ? arende : (await deps.office.getArende(turn.ref.tenantId, id))?.arende ?? arende;
  const meetings = await bodyMeetings(deps, turn);
  return arendeCard(tx, turn.language, stored, meetings.map((m) => m.choice));
}

function formToTjansteskrivelse(d: z.infer<typeof EditForm>): Tjansteskrivelse {
  return {
    rubrik: d.rubrik.trim(),
    body: d.body,
    attSatser: attLines(d.attSatser),
    ...(d.arendetHeading.trim() ? { arendetHeading: d.arendetHeading.trim() } : {}),
    arendet: paragraphs(d.arendet),
    bedomning: paragraphs(d.bedomning),
    signer: { name: d.signerName.trim(), title: d.signerTitle.trim() },
  };
}

type Outcome = { ok: true; arende: Arende } | { ok: false; answer: string };

async function saveEdit(deps: Deps, turn: GroupTurn, d: z.infer<typeof EditForm>): Promise<Outcome> {
  const by = turn.member?.name ?? turn.actor.name;
  const tj = formToTjansteskrivelse(d);
  return deps.office.updateArende<Outcome>(turn.ref.tenantId, d.arendeId, (a) => {
    if (!a) return { result: { ok: false, answer: turn.texts.office.notFound } };
    const same = JSON.stringify(a.tjansteskrivelse) === JSON.stringify(tj);
    if (same) return { result: { ok: true, arende: a } };
    const r = editArende(a, tj, by, turn.at);
    return r.ok ? { next: r.value, result: { ok: true, arende: r.value } } : { result: { ok: false, answer: errorText(turn.texts, r.error) } };
  });
}

async function save(deps: Deps, { turn, data }: Heard<z.infer<typeof EditForm>>): Promise<Answer> {
  const r = await saveEdit(deps, turn, data);
  if (!r.ok) return r.answer;
  const meetings = await bodyMeetings(deps, turn);
  return arendeCard(turn.texts, turn.language, r.arende, meetings.map((m) => m.choice), turn.texts.office.saved);
}

async function place(deps: Deps, { turn, data }: Heard<z.infer<typeof PlaceForm>>): Promise<Answer> {
  const tx = turn.texts;
  const saved = await saveEdit(deps, turn, data);
  if (!saved.ok) return saved.answer;
  const [groupId, meetingId] = data.meetingRef.split('|') as [string, string];
  // Only a body of this förbund where the person is kansli, as offered on the card (placing changes none of them).
  const meetings = await bodyMeetings(deps, turn);
  const target = meetings.find((m) => m.group.groupId === groupId && m.meeting.id === meetingId);
  if (!target) return tx.office.errors.meetingGone;
  const a = saved.arende;
  const itemId = `item-${a.id}`.slice(0, 200);
  const placement = { groupId, groupName: target.group.name, meetingId, meetingTitle: target.meeting.title, ...(target.meeting.date ? { meetingDate: target.meeting.date } : {}), itemId };
  const by = turn.member?.name ?? turn.actor.name;
  // A tjänsteskrivelse that may not be placed (no att-sats, already decided) puts nothing on the agenda.
  const allowed = placeArende(a, placement, by, turn.at);
  if (!allowed.ok) return errorText(tx, allowed.error);
  const item = { id: itemId, title: tx.office.document.itemTitle(a.tjansteskrivelse.rubrik, a.diarienummer).slice(0, 200), kind: 'beslut' as const, presenter: a.tjansteskrivelse.signer.name, text: proposalText(a.tjansteskrivelse, tx.office.document).slice(0, 4000) };
  const added = await deps.meetings.update(groupId, meetingId, (m) => {
    if (!m) return { result: false };
    const r = addItem(m, item, turn.at);
    if (!r.ok) return { result: false };
    return r.value.duplicate ? { result: true } : { next: r.value.meeting, result: true };
  });
  if (!added) return tx.office.errors.meetingGone;
  let previous: Placement | undefined;
  const r = await deps.office.updateArende<Outcome>(turn.ref.tenantId, a.id, (cur) => {
    if (!cur) return { result: { ok: false, answer: tx.office.notFound } };
    if (cur.placement?.meetingId === meetingId && cur.placement.groupId === groupId) return { result: { ok: true, arende: cur } };
    previous = cur.placement;
    const p = placeArende(cur, placement, by, turn.at);
    return p.ok ? { next: p.value, result: { ok: true, arende: p.value } } : { result: { ok: false, answer: errorText(tx, p.error) } };
  });
  if (!r.ok) return r.answer;
  // Moved to another meeting: it leaves the agenda it was on, if that meeting is still being planned.
  const from = previous;
  if (from) {
    await deps.meetings.update(from.groupId, from.meetingId, (m) => {
      const removed = m ? removeItem(m, from.itemId, turn.at) : undefined;
      return removed?.ok ? { next: removed.value, result: undefined } : { result: undefined };
    });
  }
  return arendeCard(tx, turn.language, r.arende, meetings.map((m) => m.choice), tx.office.placed(target.group.name, target.meeting.title));
}

/**
 * When a body's meeting ends: each ärende placed on it takes the decision recorded under its item
 * (with its § in a protokoll) and the decision card goes to the channel of the group it came from.
 */
export async function onBodyMeetingEnded(deps: Deps, e: MeetingEnded): Promise<void> {
  const { meeting, group } = e;
  if (group.kind !== 'styrelse' && group.kind !== 'arbetsutskott') return;
  for (const { arende, originReference } of await deps.office.placedOn(group.tenantId, group.groupId, meeting.id)) {
    const itemId = arende.placement!.itemId;
    const decisions = meeting.decisions.filter((d) => d.itemId === itemId);
    if (decisions.length === 0) continue;
    const n = itemNumber(meeting, itemIndex(meeting, itemId));
    const at = meeting.endedAt ?? deps.now().toISOString();
    const decision = { text: decisions.map((d) => d.text).join('\n'), attSatser: decisions.flatMap((d) => d.attSatser), ...(meeting.format === 'protokoll' ? { paragraph: n } : {}), itemNumber: n, meetingId: meeting.id, at };
    const decided = await deps.office.updateArende<Arende | undefined>(group.tenantId, arende.id, (cur) => {
      if (!cur) return { result: undefined };
      const r = recordBodyDecision(cur, decision);
      if (!r.ok) return { result: undefined };
      return r.value.changed ? { next: r.value.arende, result: r.value.arende } : { result: r.value.arende.history.some((h) => h.kind === 'returned') ? undefined : r.value.arende };
    });
    if (!decided || !originReference) continue;
    const returned = markReturned(decided, deps.now().toISOString());
    // The card goes to the group the ärende came from: in that group's language.
    const origin = await deps.groups.get(returned.origin.groupId);
    const language = origin ? groupLanguage(origin) : 'sv';
    await deps.proactive.post(originReference, decisionCard(texts(language), language, returned));
    await deps.office.updateArende<void>(group.tenantId, arende.id, (cur) => (cur ? { next: markReturned(cur, returned.updatedAt), result: undefined } : { result: undefined }));
  }
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(ARENDE, onCommand(deps, { may: 'crossGroup.view' }, (heard) => open(deps, heard)));
  app.adaptiveCards.actionExecute(SAVE_VERB, onCard(deps, { data: EditForm, fields, may: 'crossGroup.view' }, (heard) => save(deps, heard)));
  app.adaptiveCards.actionExecute(PLACE_VERB, onCard(deps, { data: PlaceForm, fields, may: 'crossGroup.view' }, (heard) => place(deps, heard)));
  deps.meetingEnded.push((e) => onBodyMeetingEnded(deps, e));
}

