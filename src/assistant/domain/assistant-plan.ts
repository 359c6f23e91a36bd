import { z } from 'zod';
import type { Action } from '../../groups/domain/permissions.js';
import { AGENDA_ITEM_KINDS, MAX_TEXT, MAX_TITLE } from '../../meetings/domain/meeting.js';
import { isLocalDate, isLocalTime } from '../../shared/swedish-date.js';

/**
 * What the model may ask Lokus to do: the same operations the commands offer, one per tool. The
 * model only proposes; nothing here runs anything. A write becomes a confirmation card.
 */
const id = z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/);
const date = z.string().trim().refine(isLocalDate, 'a date YYYY-MM-DD');
const time = z.string().trim().refine(isLocalTime, 'a time HH:MM');

const ARGS = {
  add_agenda_item: z.object({ meeting_id: id, title: z.string().trim().min(1).max(MAX_TITLE), kind: z.enum(AGENDA_ITEM_KINDS).optional() }).strict(),
  move_meeting: z.object({ meeting_id: id, date, start: time, end: time.optional() }).strict(),
  record_note: z.object({ meeting_id: id, text: z.string().trim().min(1).max(MAX_TEXT) }).strict(),
  who_has_not_answered: z.object({ approval_id: id }).strict(),
  search_decisions: z.object({ query: z.string().trim().min(1).max(200) }).strict(),
} as const;

export type ToolName = keyof typeof ARGS;

export type Plan =
  | { tool: 'add_agenda_item'; meetingId: string; title: string; kind?: (typeof AGENDA_ITEM_KINDS)[number] }
  | { tool: 'move_meeting'; meetingId: string; date: string; start: string; end?: string }
  | { tool: 'record_note'; meetingId: string; text: string }
  | { tool: 'who_has_not_answered'; approvalId: string }
  | { tool: 'search_decisions'; query: string };

export type WritePlan = Extract<Plan, { tool: 'add_agenda_item' | 'move_meeting' | 'record_note' }>;

/** What the asker must be allowed to do for each plan: the permission row the command checks. */
export const PLAN_ACTION: Record<ToolName, Action> = {
  add_agenda_item: 'agenda.edit',
  move_meeting: 'plan.meeting',
  record_note: 'record.note',
  who_has_not_answered: 'group.view',
  search_decisions: 'stats.view',
};

export function isWrite(plan: Plan): plan is WritePlan {
  return plan.tool === 'add_agenda_item' || plan.tool === 'move_meeting' || plan.tool === 'record_note';
}

/** The meeting a plan names, if any (it must be one of the asking group's own). */
export function meetingOf(plan: Plan): string | undefined {
  return 'meetingId' in plan ? plan.meetingId : undefined;
}

/** The tool definitions sent with every request (Azure OpenAI chat completions, `tools`). */
export const TOOLS = [
  tool('add_agenda_item', 'Add an item to the agenda of one of the listed meetings.', {
    meeting_id: { type: 'string', description: 'id of a listed meeting' },
    title: { type: 'string', description: 'the item title, in the words of the request' },
    kind: { type: 'string', enum: [...AGENDA_ITEM_KINDS] },
  }, ['meeting_id', 'title']),
  tool('move_meeting', 'Move one of the listed planned meetings to another date and time.', {
    meeting_id: { type: 'string' },
    date: { type: 'string', description: 'YYYY-MM-DD' },
    start: { type: 'string', description: 'HH:MM (24 h)' },
    end: { type: 'string', description: 'HH:MM (24 h), if said' },
  }, ['meeting_id', 'date', 'start']),
  tool('record_note', 'Record a note on the current item of the listed running meeting.', {
    meeting_id: { type: 'string' },
    text: { type: 'string' },
  }, ['meeting_id', 'text']),
  tool('who_has_not_answered', 'Who has not yet answered one of the listed open approval requests.', {
    approval_id: { type: 'string' },
  }, ['approval_id']),
  tool('search_decisions', "Search the group's decision log.", {
    query: { type: 'string', description: 'one or two search words' },
  }, ['query']),
];

export function tool(name: string, description: string, properties: Record<string, unknown>, required: string[]) {
  return { type: 'function' as const, function: { name, description, parameters: { type: 'object', properties, required, additionalProperties: false } } };
}

/** The part of a chat-completions message Lokus reads: its tool calls. */
export interface ModelMessage {
  tool_calls?: Array<{ type?: string; function?: { name?: string; arguments?: string } }> | null;
}

/** The arguments of the model's first tool call, if it called `name`. */
export function toolArguments(message: ModelMessage | undefined, name: string): unknown {
  const call = message?.tool_calls?.[0]?.function;
  if (call?.name !== name) return undefined;
  try {
    return JSON.parse(call.arguments ?? '');
  } catch {
    return undefined;
  }
}

export type Parsed = { ok: true; plan: Plan } | { ok: false; reason: 'noTool' | 'unknownTool' | 'badArguments' };

/**
 * The model's answer as a plan: exactly the first tool call, its arguments valid JSON of that tool's
 * shape. Anything else (free text, an unknown tool, arguments that do not parse) is no plan at all.
 */
export function parsePlan(message: ModelMessage | undefined): Parsed {
  const call = message?.tool_calls?.[0]?.function;
  if (!call?.name) return { ok: false, reason: 'noTool' };
  if (!Object.hasOwn(ARGS, call.name)) return { ok: false, reason: 'unknownTool' };
  const name = call.name as ToolName;
  let json: unknown;
  try {
    json = JSON.parse(call.arguments ?? '');
  } catch {
    return { ok: false, reason: 'badArguments' };
  }
  const r = ARGS[name].safeParse(json);
  if (!r.success) return { ok: false, reason: 'badArguments' };
  return { ok: true, plan: toPlan(name, r.data) };
}

function toPlan(name: ToolName, a: Record<string, unknown>): Plan {
  const s = (k: string) => a[k] as string;
  switch (name) {
    case 'add_agenda_item':
      return { tool: name, meetingId: s('meeting_id'), title: s('title'), ...(a.kind ? { kind: a.kind as (typeof AGENDA_ITEM_KINDS)[number] } : {}) };
    case 'move_meeting':
      return { tool: name, meetingId: s('meeting_id'), date: s('date'), start: s('start'), ...(a.end ? { end: s('end') } : {}) };
    case 'record_note':
      return { tool: name, meetingId: s('meeting_id'), text: s('text') };
    case 'who_has_not_answered':
      return { tool: name, approvalId: s('approval_id') };
    case 'search_decisions':
      return { tool: name, query: s('query') };
  }
}
