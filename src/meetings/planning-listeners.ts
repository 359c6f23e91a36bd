import type { Application, TurnState } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { activeMembers, resolvePendingRoles } from '../groups/domain/group.js';
import {
  AGENDA_ITEM_KINDS,
  addItem,
  changePlan,
  currentOrNextMeeting,
  dropItem,
  isPlanning,
  itemIndex,
  itemNumber,
  moveItem,
  newMeeting,
  openActions,
  removeItem,
  updateItem,
  type AgendaItemKind,
  type Meeting,
  type MeetingError,
  type NoticeChange,
} from './domain/meeting.js';
import type { Action } from '../groups/domain/permissions.js';
import type { Result } from '../shared/result.js';
import { isLocalDate, isLocalTime, parseWhen, splitPlace, stockholmDate, toInstant } from '../shared/swedish-date.js';
import type { Deps } from '../bot/deps.js';
import { formalStart } from '../formal/formal-listeners.js';
import { cmd, commandArgs } from '../bot/command.js';
import { activityKey, allowed, cardId, domainErrorText, refusal, type GroupTurn } from '../bot/group-turn.js';
import { onCard, onCommand, type Answer, type Heard } from '../bot/listen.js';
import { agendaCard, channelReference, planCard, postPlanningCard, refreshMeetingCards, sendNotice } from './meeting-cards.js';
import { meetingView } from './meeting-view.js';

export const NEW_MEETING = cmd(['nytt möte', 'new meeting'], { args: 'optional' });
export const ITEM = cmd(['punkt', 'item'], { args: 'required' });
export const AGENDA = cmd(['dagordning', 'agenda']);

const meetingId = cardId;
const text = (max: number) => z.string().trim().max(max);
const MeetingRef = z.object({ meetingId });
const SaveData = z.object({
  meetingId,
  title: text(200).min(1),
  date: z.string().trim().refine((s) => s === '' || isLocalDate(s)).default(''),
  start: z.string().trim().refine((s) => s === '' || isLocalTime(s)).default(''),
  end: z.string().trim().refine((s) => s === '' || isLocalTime(s)).default(''),
  place: text(200).default(''),
  room: text(200).default(''),
  chairId: text(100).default(''),
  secretaryId: text(100).default(''),
  adjusterIds: z.string().max(2000).default('').transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean)),
  format: z.enum(['protokoll', 'minnesanteckningar']),
});
const AddItemData = z.object({ meetingId, itemTitle: text(200).min(1), itemKind: z.enum(AGENDA_ITEM_KINDS).default('information'), presenter: text(200).default(''), itemText: text(4000).default('') });
const ItemRef = z.object({ meetingId, itemId: cardId });
const EditItemData = ItemRef.extend({ editTitle: text(200).default(''), editKind: z.union([z.enum(AGENDA_ITEM_KINDS), z.literal('')]).default(''), editPresenter: text(200).default('') });
const MoveData = ItemRef.extend({ direction: z.enum(['up', 'down']) });

const KIND_WORDS: Record<string, AgendaItemKind> = {
  information: 'information', info: 'information', diskussion: 'diskussion', discussion: 'diskussion', beslut: 'beslut', decision: 'beslut',
};

/** "Rotation av ordförande (beslut)" → title and kind. */
export function parseItemText(s: string): { title: string; kind?: AgendaItemKind } {
  const m = /^(.*?)\s*\((information|info|diskussion|discussion|beslut|decision)\)\s*$/iu.exec(s);
  return m ? { title: m[1]!.trim(), kind: KIND_WORDS[m[2]!.toLowerCase()] } : { title: s.trim() };
}

/** `nytt möte [datum] [tid] [plats]`: plans a meeting with the standing items and opens its planning card. */
async function planMeeting(deps: Deps, { ctx, turn }: Heard<undefined>): Promise<Answer | void> {
  const args = commandArgs(ctx.activity.text, NEW_MEETING);
  const when = parseWhen(args, stockholmDate(turn.now));
  if (!when.ok) return domainErrorText(turn.texts, when.error);
  const { place, room } = splitPlace(when.value.rest);
  const { date, time } = when.value;
  const id = activityKey(ctx, 'meeting');
  const existing = await deps.meetings.get(turn.ref.groupId, id);
  let meeting = existing;
  let group = turn.group;
  if (!meeting) {
    // Role changes "from the next meeting" take effect when this meeting begins.
    const startsAt = date ? toInstant(date, time?.start).toISOString() : undefined;
    if (startsAt && group.roleHistory.some((r) => !r.from)) {
      group = await deps.groups.update(turn.ref.groupId, (g) => {
        if (!g) return { result: turn.group };
        const next = resolvePendingRoles(g, startsAt);
        return next === g ? { result: g } : { next, result: next };
      });
    }
    const earlier = await deps.meetings.list(turn.ref.groupId, ['ended', 'minutesDrafted', 'inAdjustment', 'adjusted']);
    const made = newMeeting({
      id,
      group,
      title: turn.texts.group.meetingTitle[group.kind](group.name),
      ...(date ? { date } : {}),
      ...(time ? { time } : {}),
      ...(place ? { place } : {}),
      ...(room ? { room } : {}),
      itemIds: group.settings.standingItems.map((_, i) => `${id}-s${i}`),
      carriedActions: openActions(earlier),
      at: turn.at,
      by: turn.member?.id,
      // Chair and secretary by the roles in force when it starts (or now, for a meeting already begun).
      ...(startsAt && startsAt > turn.at ? { rolesAt: startsAt } : {}),
    });
    if (!made.ok) return domainErrorText(turn.texts, made.error);
    // Issue 26: a formal body's § numbers continue from its meetings held this year (again at the start).
    await deps.meetings.create((await formalStart(deps, group, made.value))(made.value));
    meeting = (await deps.meetings.get(turn.ref.groupId, id))!;
  }
  const view = meetingView(turn.texts, turn.language, group, meeting);
  const message = turn.texts.meeting.planned(meeting.title, meeting.date ? view.whenText : '');
  await postPlanningCard(ctx, deps, { ...turn, group }, meeting, message);
}

/** The meeting `punkt` and `dagordning` act on: the running one, else the next planned one. */
export async function currentMeeting(deps: Deps, turn: GroupTurn): Promise<Meeting | undefined> {
  const meetings = await deps.meetings.list(turn.ref.groupId, ['planned', 'noticed', 'started']);
  return currentOrNextMeeting(meetings, stockholmDate(turn.now));
}

type MeetingChange = (m: Meeting, turn: GroupTurn) => Result<{ meeting: Meeting; message: string; changed?: NoticeChange[] }, MeetingError> | { ok: true; value: { meeting?: undefined; message: string } };

interface Edited {
  meeting: Meeting;
  message: string;
  changed: NoticeChange[];
}

/**
 * The shape of every agenda and plan edit: the role in force now is checked, the pure change applied
 * under If-Match (retried on 412), and afterwards the notice (and live card) are updated in place.
 * A meeting id from another group (forged card data) finds nothing and changes nothing.
 */
export async function editMeeting(ctx: TurnContext, deps: Deps, turn: GroupTurn, id: string, action: Action, change: MeetingChange): Promise<{ ok: true; value: Edited } | { ok: false; message: string }> {
  if (!allowed(turn, action)) return { ok: false, message: refusal(turn, action) };
  const outcome = await deps.meetings.update<{ ok: true; value: Edited } | { ok: false; message: string }>(turn.ref.groupId, id, (m) => {
    if (!m) return { result: { ok: false, message: turn.texts.meeting.noMeetingFound } };
    const r = change(m, turn);
    if (!r.ok) return { result: { ok: false, message: domainErrorText(turn.texts, r.error) } };
    if (!r.value.meeting) return { result: { ok: true, value: { meeting: m, message: r.value.message, changed: [] } } };
    const value = { meeting: r.value.meeting, message: r.value.message, changed: r.value.changed ?? [] };
    return { next: r.value.meeting, result: { ok: true, value } };
  });
  // A press on the planning card is answered with the card itself; the others are redrawn.
  const answered = ctx.activity.type === 'invoke' ? ctx.activity.replyToId : undefined;
  if (outcome.ok) refreshMeetingCards(deps, turn, outcome.value.meeting, outcome.value.changed, answered);
  return outcome;
}

async function addItemCommand(deps: Deps, { ctx, turn }: Heard<undefined>): Promise<Answer> {
  const { title, kind } = parseItemText(commandArgs(ctx.activity.text, ITEM));
  const meeting = await currentMeeting(deps, turn);
  if (!meeting) return turn.texts.meeting.noMeeting;
  const itemId = activityKey(ctx, 'item');
  const r = await editMeeting(ctx, deps, turn, meeting.id, 'agenda.edit', (m) => {
    const added = addItem(m, { id: itemId, title, ...(kind ? { kind } : {}) }, turn.at);
    if (!added.ok) return added;
    const n = itemNumber(added.value.meeting, itemIndex(added.value.meeting, itemId));
    const message = added.value.duplicate ? turn.texts.meeting.itemAlreadyAdded(added.value.item.title) : turn.texts.meeting.itemAdded(n, added.value.item.title, m.title);
    return { ok: true, value: { meeting: added.value.meeting, message } };
  });
  return r.ok ? r.value.message : r.message;
}

async function showAgenda(deps: Deps, { ctx, turn }: Heard<undefined>): Promise<Answer | void> {
  const meeting = await currentMeeting(deps, turn);
  if (!meeting) return turn.texts.meeting.noMeeting;
  // Those who plan get the agenda with its forms (the planning card); everyone else reads it.
  if (isPlanning(meeting) && allowed(turn, 'plan.meeting')) return postPlanningCard(ctx, deps, turn, meeting);
  return agendaCard(turn, meeting, 'agenda');
}


/** A card action on a meeting: parse the data, edit, answer with the refreshed planning card. */
function cardEdit<T extends { meetingId: string }>(
  deps: Deps,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  action: Action,
  change: (d: T, m: Meeting, turn: GroupTurn, ctx: TurnContext) => ReturnType<MeetingChange>,
  precheck?: (d: T, turn: GroupTurn) => string | undefined,
) {
  return onCard(deps, { data: schema, may: action }, async ({ ctx, turn, data }) => {
    const problem = precheck?.(data, turn);
    if (problem) return problem;
    const r = await editMeeting(ctx, deps, turn, data.meetingId, action, (m, tt) => change(data, m, tt, ctx));
    if (!r.ok) return r.message;
    return planCard(turn, r.value.meeting, r.value.message);
  });
}

/** An empty choice, or an active member of this group (never someone from card data alone). */
const isMember = (turn: GroupTurn, id: string): boolean => id === '' || activeMembers(turn.group).some((m) => m.id === id);

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(NEW_MEETING, onCommand(deps, { may: 'plan.meeting' }, (heard) => planMeeting(deps, heard)));
  app.message(ITEM, onCommand(deps, { may: 'agenda.edit' }, (heard) => addItemCommand(deps, heard)));
  app.message(AGENDA, onCommand(deps, {}, (heard) => showAgenda(deps, heard)));

  app.adaptiveCards.actionExecute(
    'meeting.save',
    cardEdit(
      deps,
      SaveData,
      'plan.meeting',
      (d, m, turn) => {
        const plan = {
          title: d.title,
          format: d.format,
          date: d.date || null,
          time: d.start ? { start: d.start, ...(d.end ? { end: d.end } : {}) } : null,
          place: d.place || null,
          room: d.room || null,
          chairId: d.chairId || null,
          secretaryId: d.secretaryId || null,
          adjusterIds: d.adjusterIds,
        };
        const r = changePlan(m, plan, turn.at);
        return r.ok ? { ok: true, value: { meeting: r.value.meeting, message: turn.texts.meeting.saved, changed: r.value.changed } } : r;
      },
      (d, turn) => {
        const mt = turn.texts.meeting;
        const bad = !isMember(turn, d.chairId)
          ? 'chairId'
          : !isMember(turn, d.secretaryId)
            ? 'secretaryId'
            : d.adjusterIds.some((a) => !isMember(turn, a))
              ? 'adjusterIds'
              : d.end && !d.start
                ? 'start'
                : undefined;
        return bad ? mt.invalidField(mt.fields[bad]!) : undefined;
      },
    ),
  );

  app.adaptiveCards.actionExecute(
    'meeting.addItem',
    cardEdit(deps, AddItemData, 'agenda.edit', (d, m, turn, ctx) => {
      const r = addItem(m, { id: activityKey(ctx, 'item'), title: d.itemTitle, kind: d.itemKind, presenter: d.presenter, text: d.itemText }, turn.at);
      if (!r.ok) return r;
      const n = itemNumber(r.value.meeting, itemIndex(r.value.meeting, r.value.item.id));
      return { ok: true, value: { meeting: r.value.meeting, message: turn.texts.meeting.itemAdded(n, r.value.item.title, m.title) } };
    }),
  );

  app.adaptiveCards.actionExecute(
    'meeting.editItem',
    cardEdit(deps, EditItemData, 'agenda.edit', (d, m, turn) => {
      const r = updateItem(m, d.itemId, { ...(d.editTitle ? { title: d.editTitle } : {}), ...(d.editKind ? { kind: d.editKind } : {}), ...(d.editPresenter ? { presenter: d.editPresenter } : {}) }, turn.at);
      return r.ok ? { ok: true, value: { meeting: r.value, message: turn.texts.meeting.itemSaved } } : r;
    }),
  );

  app.adaptiveCards.actionExecute(
    'meeting.moveItem',
    cardEdit(deps, MoveData, 'agenda.edit', (d, m, turn) => {
      const i = itemIndex(m, d.itemId);
      const r = moveItem(m, d.itemId, d.direction === 'up' ? i - 1 : i + 1, turn.at);
      return r.ok ? { ok: true, value: { meeting: r.value, message: turn.texts.meeting.itemMoved } } : r;
    }),
  );

  app.adaptiveCards.actionExecute(
    'meeting.removeItem',
    cardEdit(deps, ItemRef, 'agenda.edit', (d, m, turn) => {
      const title = m.items.find((i) => i.id === d.itemId)?.title ?? '';
      const r = removeItem(m, d.itemId, turn.at);
      return r.ok ? { ok: true, value: { meeting: r.value, message: turn.texts.meeting.itemRemoved(title) } } : r;
    }),
  );

  app.adaptiveCards.actionExecute(
    'meeting.dropItem',
    cardEdit(deps, ItemRef, 'agenda.edit', (d, m, turn) => {
      const item = m.items.find((i) => i.id === d.itemId);
      const r = dropItem(m, d.itemId, !item?.dropped, turn.at);
      if (!r.ok) return r;
      return { ok: true, value: { meeting: r.value, message: item?.dropped ? turn.texts.meeting.itemRestored(item.title) : turn.texts.meeting.itemDropped(item?.title ?? '') } };
    }),
  );

  app.adaptiveCards.actionExecute('meeting.notice', onCard(deps, { data: MeetingRef, may: 'plan.meeting' }, async ({ ctx, turn, data }) => {
    const texts = turn.texts;
    const meeting = await deps.meetings.get(turn.ref.groupId, data.meetingId);
    if (!meeting) return texts.meeting.noMeetingFound;
    if (!isPlanning(meeting)) return domainErrorText(texts, { code: 'MEETING.LOCKED' });
    const reference = channelReference(TurnContext.getConversationReference(ctx.activity));
    deps.background.run('notice', () => sendNotice(deps, turn, meeting.id, reference), `meeting-cards:${meeting.id}`);
    return planCard(turn, meeting, meeting.notice ? texts.meeting.noticeUpdated : texts.meeting.noticeSent);
  }));
}
