import { z } from 'zod';
import { withoutIdentityNumbers } from '../../shared/personal-data.js';
import { tool, toolArguments, type ModelMessage } from './assistant-plan.js';
import type { ModelRequest } from './assistant-request.js';

/**
 * The group's style, from the seed minutes (000: lokusmöte Tierp, 004: Strategiska
 * utvecklingsgruppen): whole sentences in the present or past tense, the group or the party as
 * subject, no bullet points, no headings, no evaluation.
 */
const STYLE_EXAMPLES = [
  'Vid två tillfällen har lokusgruppen diskuterat en eventuell ansökan om språkstöd och vid dessa tillfällen har det varit ganska olika inriktning. Kommunen behöver internt diskutera sina behov när det gäller språkstöd och inkomma med ett skriftligt förslag till lokusgruppen som kan utgöra grund för ansökan till förbundet. Lokusgruppen är positiv till att ställa sig bakom en ansökan.',
  'Det har inkommit två ansökningar till Samordningsförbundet. Den ena handlar om att utveckla kvalitén på den samhällsorientering som finns för nyanlända. Den andra handlar om finansiellt stöd till utvärdering av ett projekt som rör personer där sjukpenningen riskerar att dras in.',
];

const INSTRUCTIONS = [
  'You help the secretary of a Swedish samordningsförbund group write the minutes.',
  'Turn the notes of one agenda item into one running paragraph (löptext) in the style of the examples, in the language of the notes, and return it by calling write_paragraph.',
  'Use only what the notes say: add no facts, names, dates, numbers or opinions; keep names, dates and figures exactly as written. The decisions are kept as recorded and are shown for context only: do not restate them as decisions.',
].join('\n');

export const PROSE_TOOL = 'write_paragraph';
export const MAX_PARAGRAPH = 4000;
/**
 * Room for a paragraph of MAX_PARAGRAPH characters as the tool call's JSON: gpt-4o's tokenizer
 * (o200k) takes about 4 characters of Swedish prose a token, 2 for text full of digits and å/ä/ö.
 */
export const PROSE_MAX_TOKENS = Math.ceil(MAX_PARAGRAPH / 2) + 100;

/** What is sent for one item: the instructions, the style examples, the item's title, notes and decisions. */
export function proseRequest(item: { title: string; notes: string[]; decisions: string[] }): ModelRequest {
  const clean = (s: string) => withoutIdentityNumbers(s);
  const input = { item: clean(item.title), notes: item.notes.map(clean), decisions: item.decisions.map(clean) };
  return {
    messages: [
      { role: 'system', content: `${INSTRUCTIONS}\n\nExamples of the group's style:\n${STYLE_EXAMPLES.map((e) => `- ${e}`).join('\n')}` },
      { role: 'user', content: JSON.stringify(input) },
    ],
    tools: [tool(PROSE_TOOL, 'The paragraph for the minutes.', { text: { type: 'string' } }, ['text'])],
    maxTokens: PROSE_MAX_TOKENS,
  };
}

const Paragraph = z.object({ text: z.string().trim().min(1).max(MAX_PARAGRAPH) }).strict();

/** The suggested paragraph: one tool call with one non-empty text, line breaks folded into one paragraph. */
export function parseProse(message: ModelMessage | undefined): { ok: true; text: string } | { ok: false; reason: 'badArguments' } {
  const r = Paragraph.safeParse(toolArguments(message, PROSE_TOOL));
  return r.success ? { ok: true, text: r.data.text.replace(/\s*\n\s*/g, ' ') } : { ok: false, reason: 'badArguments' };
}
