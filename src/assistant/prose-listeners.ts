import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Deps } from '../bot/deps.js';
import { cardId } from '../bot/group-turn.js';
import { validated } from '../bot/listen.js';
import { renderCard, type CardJson } from '../bot/render-card.js';
import { texts, type Texts } from '../i18n/texts.js';
import { isEditor, type Minutes } from '../minutes/domain/minutes-record.js';
import type { MinutesItem } from '../minutes/domain/minutes.js';
import { itemBodyText, itemHeading } from '../minutes/domain/minutes-text.js';
import { minutesTurn } from '../minutes/minutes-listeners.js';
import { parseProse, proseRequest } from './domain/prose-request.js';

export const PROSE_VERB = 'assistant.prose';

const ProseData = z.object({ groupId: cardId, minutesId: cardId, index: z.string().regex(/^\d{1,3}$/).transform(Number) });

/**
 * The suggestion beside the original. "Spara förslaget" is the secretary's own item edit
 * (`minutes.editItem`): the same checks, a new version, refused once the minutes are sent or signed.
 * The suggestion replaces the item's running text only; decisions and action items stay as recorded.
 */
export function proseCardData(ui: Texts, m: Pick<Minutes, 'groupId' | 'id' | 'doc'>, item: MinutesItem, suggestion: string) {
  const L = texts(m.doc.language).minutes.document;
  const rest = itemBodyText({ ...item, paragraphs: [] }, L);
  const itemBody = rest.trim() ? `${suggestion}\n\n${rest}` : suggestion;
  return {
    t: ui.assistant,
    heading: ui.assistant.proseTitle(itemHeading(item)),
    now: itemBodyText(item, L).split('\n').filter((l) => l.trim()).join('\n\n'),
    suggestion: itemBody.split('\n').filter((l) => l.trim()).join('\n\n'),
    ref: { groupId: m.groupId, minutesId: m.id },
    number: item.number,
    itemTitle: item.title,
    itemBody,
  };
}

async function propose(ctx: TurnContext, deps: Deps, raw: unknown): Promise<CardJson | string> {
  const d = validated(ctx, ProseData, raw);
  if (!d.ok) return d.answer;
  const turn = await minutesTurn(ctx, deps, d.value.groupId);
  if (typeof turn === 'string') return turn;
  const tx = turn.ui.assistant;
  if (!deps.assistant || turn.group.settings.assistantOff) return turn.group.settings.assistantOff ? tx.off : tx.notConfigured;
  const m = await deps.minutes.get(d.value.groupId, d.value.minutesId);
  if (!m) return turn.ui.minutes.errors['MINUTES.NOT_FOUND']();
  if (!isEditor(m, turn.member.id)) return turn.ui.minutes.errors['MINUTES.NOT_SECRETARY']();
  // Never for minutes sent for justering or signed: those are changed only by a correction.
  if (m.status !== 'draft') return turn.ui.minutes.errors[m.status === 'inAdjustment' ? 'MINUTES.IN_ADJUSTMENT' : 'MINUTES.LOCKED']();
  const item = m.doc.items[d.value.index];
  if (!item) return turn.ui.minutes.errors['MINUTES.ITEM_NOT_FOUND']({ number: String(d.value.index) });
  if (item.paragraphs.every((p) => !p.trim())) return tx.proseNothing;
  const r = await deps.assistant.model.ask(proseRequest({ title: item.title, notes: item.paragraphs, decisions: item.decisions.map((x) => x.text) }), parseProse);
  if (!r.ok || !('text' in r)) return tx.proseFailed;
  return renderCard('assistant-prose', proseCardData(turn.ui, m, item, r.text));
}

export function register(app: Application<TurnState>, deps: Deps): void {
  app.adaptiveCards.actionExecute(PROSE_VERB, (ctx, _state, raw) => propose(ctx, deps, raw));
}
