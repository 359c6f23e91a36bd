import type { Application, TurnState } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { findMember, memberById, type Group, type Member } from '../groups/domain/group.js';
import { canTransition, meetingSortKey, onlySecretaryAdjusts, transition, type Meeting, type MeetingEvent } from '../meetings/domain/meeting.js';
import { draftMinutes, type MinutesLanguage } from './domain/minutes.js';
import {
  editAllItems,
  editHeader,
  editItem,
  isEditor,
  newMinutes,
  pendingSignatories,
  regenerate,
  requestChange,
  sendForAdjustment,
  sign,
  startCorrection,
  signatoriesOf,
  type Minutes,
  type MinutesError,
} from './domain/minutes-record.js';
import type { DomainError, Result } from '../shared/result.js';
import { parseDate, stockholmDate } from '../shared/swedish-date.js';
import { texts, type Texts } from '../i18n/texts.js';
import { minutesIdOf } from './minutes-repo.js';
import type { Deps } from '../bot/deps.js';
import { cmd, commandArgs } from '../bot/command.js';
import { actor, groupRef, t, tenantIdOf } from '../bot/context.js';
import { activityKey, loadGroupTurn } from '../bot/group-turn.js';
import { validated } from '../bot/listen.js';
import { channelReference } from '../meetings/meeting-cards.js';
import { cardAttachment, type CardJson } from '../bot/render-card.js';
import { editCard, secretaryCard, signerCard, statusCard, type EditPart, type Typed } from './minutes-cards.js';
import { withinBudget } from './minutes-pages.js';

export const MINUTES = cmd(['protokoll', 'minutes'], { args: 'optional' });

const id = z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/);
const Ref = z.object({ groupId: id, minutesId: id });
const text = (max: number) => z.string().max(max);
const HeaderData = Ref.extend({
  heading: text(500).default(''),
  title: text(500).default(''),
  date: text(10).default(''),
  place: text(500).default(''),
  present: text(20_000).default(''),
  substitutes: text(20_000).optional(),
  others: text(20_000).optional(),
  absent: text(20_000).default(''),
  nextMeeting: text(4000).default(''),
});
const ItemData = Ref.extend({ number: z.string().min(1).max(20), itemTitle: text(500).default(''), itemBody: text(60_000).optional() });
const OpenData = Ref.extend({ part: z.enum(['header', 'item', 'all']), index: z.string().regex(/^\d{1,3}$/).transform(Number).optional() });
const AllData = Ref.extend({ allText: text(60_000) });
const COMMENT_ID = /^c_(\d{1,3}|all)$/;
/** Comments typed on other pages of a signatory's card, carried in the card's buttons as JSON. */
const KeptComments = z
  .string()
  .max(64_000)
  .transform((s, ctx) => {
    if (!s) return {};
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().regex(COMMENT_ID), z.string().max(4000)).refine((r) => Object.keys(r).length <= 200));
const SignData = Ref.extend({ version: z.string().regex(/^\d{1,6}$/).transform(Number), kept: KeptComments.optional() }).passthrough();
const PageData = Ref.extend({ as: z.enum(['draft', 'sign']), from: z.string().regex(/^\d{1,3}$/).transform(Number), kept: KeptComments.optional() }).passthrough();

/** The comments a signatory has typed: those carried from other pages, then those on this page's inputs. */
function typedComments(kept: Record<string, string> | undefined, raw: unknown): Record<string, string> {
  const out: Record<string, string> = { ...kept };
  for (const [id, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) if (COMMENT_ID.test(id) && typeof v === 'string') out[id] = v.slice(0, 4000);
  return out;
}

/** Where a card action on the minutes acts: the group named on the card, if the actor is in it. */
export interface MinutesTurn {
  group: Group;
  member: Member;
  ui: Texts;
  now: Date;
  at: string;
}

function errorText(ui: Texts, e: DomainError): string {
  const f = (ui.minutes.errors as Record<string, ((d: Record<string, string | number>) => string) | undefined>)[e.code];
  return f ? f(e.details ?? {}) : ui.common.internalError;
}

/**
 * A card in a personal chat carries the group and minutes ids; they only select: the actor (from
 * the activity) must be a member of that group in the same tenant, and the domain checks their role.
 */
export async function minutesTurn(ctx: TurnContext, deps: Deps, groupId: string): Promise<MinutesTurn | string> {
  const ui = t(ctx);
  const group = await deps.groups.get(groupId);
  // Pressed in a personal chat (where the bot sends these cards) or in the group's own conversation;
  // from another group's channel or chat the ids are forged or misplaced.
  const here = groupRef(ctx);
  const placeOk = here.conversationType === 'personal' || here.groupId === groupId;
  const member = group && placeOk && group.tenantId === tenantIdOf(ctx) ? findMember(group, actor(ctx)) : undefined;
  if (!group || !member) return ui.minutes.errors['MINUTES.NOT_MEMBER']();
  const now = deps.now();
  return { group, member, ui, now, at: now.toISOString() };
}

/** Keeps the meeting's lifecycle in step with its minutes (best effort: a meeting may be gone). */
async function meetingStep(deps: Deps, m: Minutes, event: MeetingEvent, at: string, by?: string): Promise<void> {
  await deps.meetings.update(m.groupId, m.meetingId, (meeting) => {
    if (!meeting || !canTransition(meeting, event)) return { result: undefined };
    const r = transition(meeting, event, at, by);
    return r.ok ? { next: r.value, result: undefined } : { result: undefined };
  });
}

/** Where the group's channel is: the reference the bot stored when it was installed. */
async function groupReference(deps: Deps, groupId: string): Promise<Record<string, unknown> | undefined> {
  const channel = await deps.conversations.get(groupId);
  return channel ? channelReference(channel.reference) : undefined;
}

/** Posts a card to a person's 1:1 chat, opening it when needed; returns where it went. */
async function toPersonalChat(deps: Deps, group: Group, member: Member, card: CardJson, at: string, from?: Record<string, unknown>) {
  const base = from ?? (await groupReference(deps, group.groupId));
  if (!base || !member.teamsId) return undefined;
  const reference = await deps.personalChat.open(base, { teamsId: member.teamsId }, group.tenantId);
  const activityId = await deps.proactive.post(reference, card);
  if (!activityId) return undefined;
  return { activityId, conversationId: String((reference.conversation as { id?: string } | undefined)?.id ?? ''), reference, postedAt: at };
}

async function postToChannel(deps: Deps, groupId: string, content: CardJson | string, reference?: Record<string, unknown>): Promise<void> {
  const to = reference ?? (await groupReference(deps, groupId));
  if (to) await deps.proactive.post(to, content);
}

/**
 * The hook `avsluta möte` calls (issue 4): drafts the minutes from the ended meeting and sends the
 * draft to the secretary in a personal chat. Idempotent: a second call finds the same minutes and
 * sends nothing new.
 */
export async function draftAndSendMinutes(deps: Deps, groupId: string, meetingId: string, language: MinutesLanguage, reference?: Record<string, unknown>): Promise<Minutes | undefined> {
  const [group, meeting] = await Promise.all([deps.groups.get(groupId), deps.meetings.get(groupId, meetingId)]);
  if (!group || !meeting || meeting.status === 'planned' || meeting.status === 'noticed' || meeting.status === 'started') return undefined;
  const now = deps.now();
  const at = now.toISOString();
  const doc = draftMinutes({ meeting, group, language, labels: texts(language).minutes.document, formal: texts(language).formal, ...nextOf(await deps.meetings.list(groupId, ['planned', 'noticed']), meeting) });
  const channel = reference ?? (await groupReference(deps, groupId));
  const { created, minutes } = await deps.minutes.create(
    newMinutes({ id: minutesIdOf(meeting.id), groupId, meetingId, ...(meeting.date ? { date: meeting.date } : {}), ...(meeting.secretaryId ? { secretaryId: meeting.secretaryId } : {}), doc, ...(channel ? { channel } : {}), at }),
  );
  if (!created) return minutes;
  await meetingStep(deps, minutes, 'draftMinutes', at);
  const ui = texts(language);
  const secretary = memberById(group, meeting.secretaryId);
  const sent = secretary ? await toPersonalChat(deps, group, secretary, secretaryCard(deps, ui, minutes, group, now), at, channel) : undefined;
  if (!sent) {
    await postToChannel(deps, groupId, ui.minutes.noSecretary(meeting.title), channel);
    return minutes;
  }
  const { minutes: saved } = await deps.minutes.update(groupId, minutes.id, (m) => (m ? { next: { ...m, cards: { ...m.cards, secretary: sent } }, result: undefined } : { result: undefined }));
  await postToChannel(deps, groupId, ui.minutes.draftSentToSecretary(secretary!.name), channel);
  return saved ?? minutes;
}

function nextOf(planned: Meeting[], after: Meeting): { next?: Meeting } {
  const next = planned.filter((m) => m.id !== after.id && meetingSortKey(m) > meetingSortKey(after)).sort((a, b) => meetingSortKey(a).localeCompare(meetingSortKey(b)))[0];
  return next ? { next } : {};
}

type Edit = (m: Minutes, turn: MinutesTurn) => Result<Minutes, MinutesError>;

/** A secretary's edit: apply on fresh data (412 → re-apply), answer with the updated card. */
/** On a refused save from an edit form: that form again, with what was typed and why. */
type Retry = { edit: EditPart; typed: Typed };

async function secretaryEdit(ctx: TurnContext, deps: Deps, ref: z.infer<typeof Ref>, edit: Edit, after?: (m: Minutes, turn: MinutesTurn) => Promise<void>, retry?: Retry): Promise<CardJson | string> {
  const turn = await minutesTurn(ctx, deps, ref.groupId);
  if (typeof turn === 'string') return turn;
  const { result } = await deps.minutes.update<Result<Minutes, MinutesError> | undefined>(ref.groupId, ref.minutesId, (m) => {
    if (!m) return { result: undefined };
    const r = edit(m, turn);
    return r.ok ? { next: r.value, result: r } : { result: r };
  });
  if (!result) return turn.ui.minutes.errors['MINUTES.NOT_FOUND']();
  if (!result.ok) {
    const current = await deps.minutes.get(ref.groupId, ref.minutesId);
    const why = errorText(turn.ui, result.error);
    if (!current) return why;
    const formStillFits = retry && current.status === 'draft' && (retry.edit.part !== 'item' || current.doc.items[retry.edit.index]);
    return formStillFits ? editCard(turn.ui, current, retry.edit, why, retry.typed) : secretaryCard(deps, turn.ui, current, turn.group, turn.now, why);
  }
  if (after) deps.background.run('minutes.after', () => after(result.value, turn), `minutes:${ref.minutesId}`);
  const message = result.value.status === 'inAdjustment' ? adjustmentMessage(turn.ui, result.value) : turn.ui.minutes.saved(result.value.version);
  // Back on the page of the item just saved.
  const near = retry?.edit.part === 'item' ? { near: retry.edit.index } : {};
  return secretaryCard(deps, turn.ui, result.value, turn.group, turn.now, message, near);
}

/** "Skickat för justering till …", with a warning when the secretary would check her own minutes (issue 25). */
function adjustmentMessage(ui: Texts, m: Minutes): string {
  const signatories = signatoriesOf(m);
  const sent = ui.minutes.sentForAdjustment(signatories.map((s) => s.name).join(', '));
  const chairId = signatories.find((s) => s.role === 'chair')?.memberId;
  const adjusterIds = signatories.filter((s) => s.role === 'adjuster').map((s) => s.memberId);
  return onlySecretaryAdjusts({ chairId, adjusterIds, secretaryId: m.doc.secretary?.memberId }) ? `${sent} ${ui.minutes.onlySecretaryAdjusts}` : sent;
}

/** Card data validated at the edge (`validated`), or the message that says what was wrong. */
function parse<T extends z.ZodTypeAny>(ctx: TurnContext, schema: T, data: unknown): z.infer<T> | string {
  const r = validated<z.infer<T>>(ctx, schema, data);
  return r.ok ? r.value : r.answer;
}

/** A minutes card action: the data validated, then the acting member of the group the card names (`minutesTurn`). */
function onMinutesCard<D extends { groupId: string }>(deps: Deps, schema: z.ZodType<D, z.ZodTypeDef, unknown>, handle: (turn: MinutesTurn, d: D, ctx: TurnContext, raw: unknown) => Promise<CardJson | string>) {
  return async (ctx: TurnContext, _s: TurnState, data: unknown): Promise<CardJson | string> => {
    const d = validated(ctx, schema, data);
    if (!d.ok) return d.answer;
    const turn = await minutesTurn(ctx, deps, d.value.groupId);
    return typeof turn === 'string' ? turn : handle(turn, d.value, ctx, data);
  };
}

/** After "Skicka för justering": each signatory gets their card in a personal chat. */
async function sendToSignatories(deps: Deps, m: Minutes, turn: MinutesTurn): Promise<void> {
  await meetingStep(deps, m, 'sendForAdjustment', turn.at, turn.member.id);
  const language = m.doc.language;
  for (const s of pendingSignatories(m)) {
    const member = memberById(turn.group, s.memberId);
    if (!member) continue;
    const sent = await toPersonalChat(deps, turn.group, member, signerCard(deps, texts(language), m, turn.group, member.id, turn.now), turn.at, m.cards.channel);
    if (sent) await deps.minutes.update(m.groupId, m.id, (x) => (x ? { next: { ...x, cards: { ...x.cards, signers: { ...x.cards.signers, [member.id]: sent } } }, result: undefined } : { result: undefined }));
  }
}

async function refreshSecretary(deps: Deps, m: Minutes, group: Group, now: Date, message = ''): Promise<void> {
  if (m.cards.secretary) await deps.proactive.updateCard(m.cards.secretary, secretaryCard(deps, texts(m.doc.language), m, group, now, message));
}

async function signAction(deps: Deps, turn: MinutesTurn, d: z.infer<typeof SignData>): Promise<CardJson | string> {
  const { result } = await deps.minutes.update(d.groupId, d.minutesId, (m) => {
    if (!m) return { result: undefined };
    const r = sign(m, { memberId: turn.member.id, name: turn.member.name }, d.version, texts(m.doc.language).minutes.document, turn.at);
    return r.ok && !r.value.duplicate ? { next: r.value.minutes, result: r } : { result: r };
  });
  if (!result) return turn.ui.minutes.errors['MINUTES.NOT_FOUND']();
  const current = result.ok ? result.value.minutes : await deps.minutes.get(d.groupId, d.minutesId);
  if (!result.ok) return current ? signerCard(deps, turn.ui, current, turn.group, turn.member.id, turn.now, errorText(turn.ui, result.error)) : errorText(turn.ui, result.error);
  const m = result.value.minutes;
  if (result.value.locked && !result.value.duplicate) {
    deps.background.run(
      'minutes.locked',
      async () => {
        await meetingStep(deps, m, 'adjust', turn.at, turn.member.id);
        await postToChannel(deps, m.groupId, statusCard(deps, texts(m.doc.language), m, turn.now, 'signed'), m.cards.channel);
        await refreshSecretary(deps, m, turn.group, turn.now);
      },
      `minutes:${m.id}`,
    );
  } else if (!result.value.duplicate) {
    deps.background.run('minutes.signed', () => refreshSecretary(deps, m, turn.group, turn.now), `minutes:${m.id}`);
  }
  return signerCard(deps, turn.ui, m, turn.group, turn.member.id, turn.now, result.value.locked ? turn.ui.minutes.lockedNow : turn.ui.minutes.signedByYou);
}

async function requestChangeAction(ctx: TurnContext, deps: Deps, turn: MinutesTurn, d: z.infer<typeof SignData>, data: unknown): Promise<CardJson | string> {
  const raw = typedComments(d.kept, data);
  const requestId = activityKey(ctx, 'change');
  const { result } = await deps.minutes.update<Result<Minutes, MinutesError> | undefined>(d.groupId, d.minutesId, (m) => {
    if (!m) return { result: undefined };
    const comments = [
      ...m.doc.items.map((item, i) => ({ number: item.number, text: typeof raw[`c_${i}`] === 'string' ? (raw[`c_${i}`] as string) : '' })),
      { number: '', text: typeof raw.c_all === 'string' ? raw.c_all : '' },
    ];
    const r = requestChange(m, { id: requestId, memberId: turn.member.id, name: turn.member.name, version: d.version, comments }, turn.at);
    return r.ok ? { next: r.value, result: r } : { result: r };
  });
  if (!result) return turn.ui.minutes.errors['MINUTES.NOT_FOUND']();
  if (!result.ok) {
    const current = await deps.minutes.get(d.groupId, d.minutesId);
    return current ? signerCard(deps, turn.ui, current, turn.group, turn.member.id, turn.now, errorText(turn.ui, result.error)) : errorText(turn.ui, result.error);
  }
  const m = result.value;
  deps.background.run(
    'minutes.changeRequested',
    async () => {
      await meetingStep(deps, m, 'returnToDraft', turn.at, turn.member.id);
      const ui = texts(m.doc.language);
      const secretary = memberById(turn.group, m.secretaryId);
      // A new card, so the secretary is notified; it replaces the old one as the card to update.
      const sent = secretary ? await toPersonalChat(deps, turn.group, secretary, secretaryCard(deps, ui, m, turn.group, turn.now, ui.minutes.changeRequestedMessage(turn.member.name, m.doc.header.title)), turn.at, m.cards.channel) : undefined;
      if (sent) await deps.minutes.update(m.groupId, m.id, (x) => (x ? { next: { ...x, cards: { ...x.cards, secretary: sent } }, result: undefined } : { result: undefined }));
    },
    `minutes:${m.id}`,
  );
  return signerCard(deps, turn.ui, m, turn.group, turn.member.id, turn.now, turn.ui.minutes.requestSent);
}

/** `protokoll [datum]`: the latest minutes of the group (or that date's), status and links. */
async function showMinutes(ctx: TurnContext, deps: Deps): Promise<void> {
  const ui = t(ctx);
  const turn = await loadGroupTurn(ctx, deps);
  const ref = groupRef(ctx);
  const args = commandArgs(ctx.activity.text ?? '', MINUTES);
  const now = deps.now();
  let date: string | undefined;
  if (args) {
    const d = parseDate(args, stockholmDate(now));
    if (!d.ok) {
      await ctx.sendActivity(ui.minutes.badDate(args));
      return;
    }
    date = d.value;
  }
  const all = turn ? await deps.minutes.list(ref.groupId) : [];
  const pick = all.filter((m) => !date || m.date === date).sort((a, b) => `${a.date ?? ''}|${a.createdAt}`.localeCompare(`${b.date ?? ''}|${b.createdAt}`)).at(-1);
  if (!pick) {
    await ctx.sendActivity(date ? ui.minutes.noMinutesOn(date) : ui.minutes.noMinutes);
    return;
  }
  await ctx.sendActivity(MessageFactory.attachment(cardAttachment(statusCard(deps, ui, pick, now, 'status'))));
}

export function register(app: Application<TurnState>, deps: Deps): void {
  // `avsluta möte` (or the Teams meeting's end): draft and send to the secretary, after the reply.
  deps.meetingEnded.push(async (e) => {
    await draftAndSendMinutes(deps, e.group.groupId, e.meeting.id, e.language, e.reference);
  });

  app.message(MINUTES, (ctx) => showMinutes(ctx, deps));

  app.adaptiveCards.actionExecute('minutes.editHeader', async (ctx, _s, data) => {
    const d = parse(ctx, HeaderData, data);
    if (typeof d === 'string') return d;
    const typed = { heading: d.heading, title: d.title, date: d.date, place: d.place, present: d.present, substitutes: d.substitutes ?? '', others: d.others ?? '', absent: d.absent, nextMeeting: d.nextMeeting };
    return secretaryEdit(
      ctx,
      deps,
      d,
      (m, turn) => editHeader(m, { heading: d.heading, ...(d.title.trim() ? { title: d.title } : {}), date: d.date, place: d.place, present: d.present, ...(d.substitutes !== undefined ? { substitutes: d.substitutes } : {}), ...(d.others !== undefined ? { others: d.others } : {}), absent: d.absent, nextMeeting: d.nextMeeting }, turn.member.id, turn.at),
      undefined,
      { edit: { part: 'header' }, typed: { header: typed } },
    );
  });

  app.adaptiveCards.actionExecute('minutes.editItem', async (ctx, _s, data) => {
    const d = parse(ctx, ItemData, data);
    if (typeof d === 'string') return d;
    const current = await deps.minutes.get(d.groupId, d.minutesId);
    const index = current?.doc.items.findIndex((i) => i.number === d.number) ?? -1;
    return secretaryEdit(
      ctx,
      deps,
      d,
      (m, turn) => editItem(m, d.number, { ...(d.itemTitle.trim() ? { title: d.itemTitle } : {}), ...(d.itemBody !== undefined ? { body: d.itemBody } : {}) }, texts(m.doc.language).minutes.document, turn.member.id, turn.at),
      undefined,
      index >= 0 ? { edit: { part: 'item', index }, typed: { item: { title: d.itemTitle, ...(d.itemBody !== undefined ? { body: d.itemBody } : {}) } } } : undefined,
    );
  });

  // "Ändra …": the form for one part replaces the card for the secretary; saving brings the draft back.
  app.adaptiveCards.actionExecute('minutes.open', onMinutesCard(deps, OpenData, async (turn, d) => {
    const m = await deps.minutes.get(d.groupId, d.minutesId);
    if (!m) return turn.ui.minutes.errors['MINUTES.NOT_FOUND']();
    const refused: DomainError | undefined = !isEditor(m, turn.member.id)
      ? { code: 'MINUTES.NOT_SECRETARY' }
      : m.status === 'adjusted'
        ? { code: 'MINUTES.LOCKED' }
        : m.status === 'inAdjustment'
          ? { code: 'MINUTES.IN_ADJUSTMENT' }
          : d.part === 'item' && (d.index === undefined || !m.doc.items[d.index])
            ? { code: 'MINUTES.ITEM_NOT_FOUND', details: { number: String(d.index ?? '') } }
            : undefined;
    if (refused) return secretaryCard(deps, turn.ui, m, turn.group, turn.now, errorText(turn.ui, refused));
    return editCard(turn.ui, m, d.part === 'item' ? { part: 'item', index: d.index! } : { part: d.part });
  }));

  // A long card a page at a time; a signatory's comments typed on other pages come along.
  app.adaptiveCards.actionExecute('minutes.page', onMinutesCard(deps, PageData, async (turn, d, _ctx, raw) => {
    const m = await deps.minutes.get(d.groupId, d.minutesId);
    if (!m) return turn.ui.minutes.errors['MINUTES.NOT_FOUND']();
    if (d.as === 'draft') return secretaryCard(deps, turn.ui, m, turn.group, turn.now, '', { from: d.from });
    const card = signerCard(deps, turn.ui, m, turn.group, turn.member.id, turn.now, '', { from: d.from }, typedComments(d.kept, raw));
    // Comments too long to carry to another page: a text answer leaves the pressed card, and what is
    // typed on it, as it is, and its "Skicka begäran" sends it all.
    return withinBudget(card) ? card : turn.ui.minutes.keptTooLong;
  }));

  app.adaptiveCards.actionExecute('minutes.view', onMinutesCard(deps, Ref, async (turn, d) => {
    const m = await deps.minutes.get(d.groupId, d.minutesId);
    return m ? secretaryCard(deps, turn.ui, m, turn.group, turn.now) : turn.ui.minutes.errors['MINUTES.NOT_FOUND']();
  }));

  app.adaptiveCards.actionExecute('minutes.editAll', async (ctx, _s, data) => {
    const d = parse(ctx, AllData, data);
    if (typeof d === 'string') return d;
    return secretaryEdit(ctx, deps, d, (m, turn) => editAllItems(m, d.allText, texts(m.doc.language).minutes.document, turn.member.id, turn.at), undefined, { edit: { part: 'all' }, typed: { allText: d.allText } });
  });

  app.adaptiveCards.actionExecute('minutes.regenerate', async (ctx, _s, data) => {
    const d = parse(ctx, Ref, data);
    if (typeof d === 'string') return d;
    const head = await deps.minutes.get(d.groupId, d.minutesId);
    const [group, meeting] = head ? await Promise.all([deps.groups.get(d.groupId), deps.meetings.get(d.groupId, head.meetingId)]) : [];
    if (!head || !group || !meeting) return t(ctx).minutes.errors['MINUTES.NOT_FOUND']();
    const planned = await deps.meetings.list(d.groupId, ['planned', 'noticed']);
    const doc = draftMinutes({ meeting, group, language: head.doc.language, labels: texts(head.doc.language).minutes.document, formal: texts(head.doc.language).formal, ...nextOf(planned, meeting) });
    return secretaryEdit(ctx, deps, d, (m, turn) => regenerate(m, doc, turn.member.id, turn.at));
  });

  app.adaptiveCards.actionExecute('minutes.send', async (ctx, _s, data) => {
    const d = parse(ctx, Ref, data);
    if (typeof d === 'string') return d;
    return secretaryEdit(ctx, deps, d, (m, turn) => sendForAdjustment(m, turn.member.id, turn.at), (m, turn) => sendToSignatories(deps, m, turn));
  });

  // A correction of locked minutes: a new version to be signed on its own; the signed one stays.
  app.adaptiveCards.actionExecute('minutes.correct', async (ctx, _s, data) => {
    const d = parse(ctx, Ref, data);
    if (typeof d === 'string') return d;
    return secretaryEdit(ctx, deps, d, (m, turn) => startCorrection(m, turn.member.id, turn.at));
  });

  app.adaptiveCards.actionExecute('minutes.sign', onMinutesCard(deps, SignData, (turn, d) => signAction(deps, turn, d)));
  app.adaptiveCards.actionExecute('minutes.requestChange', onMinutesCard(deps, SignData, (turn, d, ctx, raw) => requestChangeAction(ctx, deps, turn, d, raw)));
}
