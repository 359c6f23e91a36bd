import type { ApprovalSummary } from '../../approvals/domain/approval.js';
import type { Meeting } from '../../meetings/domain/meeting.js';
import { withoutIdentityNumbers } from '../../shared/personal-data.js';
import type { LocalDate } from '../../shared/swedish-date.js';
import { TOOLS } from './assistant-plan.js';

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** Everything sent to the model for one request: the instructions, the facts it may act on, the text. */
export interface ModelRequest {
  messages: Array<{ role: 'system' | 'user'; content: string }>;
  tools: ToolDefinition[];
  /** The most the answer may take (`max_tokens`); an answer cut there does not parse. */
  maxTokens: number;
}

/** Enough for a plan's tool call with its short arguments (a title, a date, a note of a few sentences). */
export const PLAN_MAX_TOKENS = 400;

const INSTRUCTIONS = [
  'You help a Swedish public-sector meeting group use the Lokus bot in Microsoft Teams.',
  'Turn the request into exactly one call of one of the tools, using only the meetings and approval requests listed below (by their id).',
  'Never invent an id. If the request fits no tool or names something not listed, call no tool and answer with an empty message.',
  'Dates are YYYY-MM-DD, times HH:MM in Swedish time; "nästa möte" is the first listed meeting that has not started.',
].join('\n');

/**
 * The request for one message: the group's own meetings still open for changes (id, title, status,
 * date, time) and its open approval requests (id, title); no member names, no ids of people, no other
 * group's data; identity numbers taken out of the person's text.
 */
export function modelRequest(input: { text: string; today: LocalDate; meetings: Meeting[]; approvals: ApprovalSummary[] }): ModelRequest {
  const facts = {
    today: input.today,
    meetings: input.meetings.map((m) => ({ id: m.id, title: m.title, status: m.status, ...(m.date ? { date: m.date } : {}), ...(m.time ? { time: m.time } : {}) })),
    openApprovals: input.approvals.map((a) => ({ id: a.id, title: withoutIdentityNumbers(a.title), deadline: a.deadline })),
  };
  return {
    messages: [
      { role: 'system', content: `${INSTRUCTIONS}\n\nLokus data (JSON):\n${JSON.stringify(facts)}` },
      { role: 'user', content: withoutIdentityNumbers(input.text) },
    ],
    tools: TOOLS,
    maxTokens: PLAN_MAX_TOKENS,
  };
}
