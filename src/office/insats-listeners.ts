import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { HELD_STATUSES } from '../attendance/domain/attendance.js';
import { insatsProgress, newInsats, type Goal, type Insats } from './domain/insats.js';
import { goalLines } from './goal-lines.js';
import { formatDate, stockholmDate } from '../shared/swedish-date.js';
import type { Texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { cmd, commandArgs } from '../bot/command.js';
import { activityKey, cardId, cardNumber } from '../bot/group-turn.js';
import { onCard, onCommand, type Answer, type Heard } from '../bot/listen.js';
import { renderCard, type CardJson } from '../bot/render-card.js';

/** `ny insats [namn]` / `new initiative [name]`: the office records a decided insats and its goals (seed 002). */
export const NEW_INSATS = cmd(['ny insats', 'new initiative'], { args: 'optional' });
export const SAVE_INSATS_VERB = 'office.insats.save';

const day = (iso: string) => stockholmDate(new Date(iso));
const word = z.string().max(100).optional().default('');
/** A number field as Teams sends it (a string); empty means the insats has no such goal. */
const count = (max: number) => z.union([z.literal(''), cardNumber.pipe(z.number().int().min(1).max(max))]).optional().default('');
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const InsatsForm = z.object({
  insatsId: cardId,
  name: z.string().max(200),
  from: DAY,
  to: DAY,
  meetingWord: word,
  meetingTarget: count(10000),
  minParties: count(20),
  attendancePercent: count(100),
  regularWord: word,
  regularPerYear: count(366),
  reviewTitle: z.string().max(200).optional().default(''),
});

const fields = (tx: Texts) => ({ ...tx.office.insatsFields });

export function insatsCardData(texts: Texts, view: { insats?: Insats; lines?: ReturnType<typeof goalLines>; form?: Record<string, string | number>; insatsId?: string; notice?: string }) {
  const o = texts.office;
  const colour = (met: boolean) => (met ? 'Good' : 'Warning');
  return {
    t: o,
    heading: view.insats ? o.insatsTitle(view.insats.name) : o.insatsNewTitle,
    notice: view.notice ?? '',
    hasNotice: !!view.notice,
    editable: !view.insats,
    form: view.form ?? {},
    insatsId: view.insatsId ?? '',
    period: view.insats ? o.insatsPeriod(formatDate(view.insats.from), formatDate(view.insats.to)) : '',
    lines: (view.lines ?? []).map((l) => ({ text: l.shown, verdict: l.verdict, color: colour(l.met) })),
  };
}

const insatsCard = (texts: Texts, view: Parameters<typeof insatsCardData>[1]): CardJson => renderCard('office-insats', insatsCardData(texts, view));

async function showForm(_deps: Deps, { ctx, turn }: Heard<undefined>): Promise<Answer> {
  const year = Number(stockholmDate(turn.now).slice(0, 4));
  const form = {
    name: commandArgs(ctx.activity.text, NEW_INSATS).slice(0, 200),
    from: `${year}-01-01`,
    to: `${year + 1}-12-31`,
    meetingWord: 'individ',
    meetingTarget: 60,
    minParties: 2,
    attendancePercent: 85,
    regularWord: 'partsamordnare',
    regularPerYear: 4,
    reviewTitle: 'Granskning uppdrag',
  };
  return insatsCard(turn.texts, { form, insatsId: activityKey(ctx, 'insats') });
}

async function save(deps: Deps, { turn, data }: Heard<z.infer<typeof InsatsForm>>): Promise<Answer> {
  const tx = turn.texts;
  const goals: Goal[] = [];
  if (data.meetingWord.trim() || data.meetingTarget !== '') goals.push({ kind: 'meetingCount', titleWord: data.meetingWord.trim(), minParties: data.minParties === '' ? 1 : data.minParties, target: data.meetingTarget === '' ? 0 : data.meetingTarget });
  if (data.attendancePercent !== '') goals.push({ kind: 'attendance', percent: data.attendancePercent });
  if (data.regularWord.trim() || data.regularPerYear !== '') goals.push({ kind: 'regularMeetings', titleWord: data.regularWord.trim(), perYear: data.regularPerYear === '' ? 0 : data.regularPerYear });
  if (data.reviewTitle.trim()) goals.push({ kind: 'yearlyReview', itemTitle: data.reviewTitle.trim() });
  const made = newInsats({ id: data.insatsId, tenantId: turn.ref.tenantId, name: data.name, groupIds: [turn.group.groupId], from: data.from, to: data.to, goals, createdBy: turn.member?.name ?? turn.actor.name, at: turn.at });
  if (!made.ok) return tx.office.insatsErrors[made.error.code];
  // A second press of the same card (its id) shows the insats as first stored.
  const { created } = await deps.office.createInsats(made.value);
  const insats = created ? made.value : (await deps.office.getInsats(turn.ref.tenantId, made.value.id)) ?? made.value;
  // Progress counts held meetings only (insatsProgress), so only those are read.
  const meetings = await deps.meetings.list(turn.group.groupId, HELD_STATUSES);
  const progress = insatsProgress(insats, [{ group: turn.group, meetings }], stockholmDate(turn.now), day);
  return insatsCard(tx, { insats, lines: goalLines(tx, progress), notice: tx.office.insatsSaved });
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.message(NEW_INSATS, onCommand(deps, { may: 'crossGroup.view' }, (heard) => showForm(deps, heard)));
  app.adaptiveCards.actionExecute(SAVE_INSATS_VERB, onCard(deps, { data: InsatsForm, fields, may: 'crossGroup.view' }, (heard) => save(deps, heard)));
}
