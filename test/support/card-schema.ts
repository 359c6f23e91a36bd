import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
/** The official Adaptive Cards 1.5 schema (a byte-exact copy of shared/schemas; MIT, see ADAPTIVECARDS-LICENSE.txt). */
const SCHEMA_FILE = path.resolve(here, '../fixtures/adaptive-card-1.5.json');

let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (validate) return validate;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  schema.$id = schema.id;
  delete schema.id;
  // Teams' own root property is not in the schema; allow it (shared/schemas/README.md).
  schema.definitions.AdaptiveCard.properties.msteams = { type: 'object' };
  // Teams' typeahead on a choice list: the `filtered` style and dynamic choices (`choices.data`, a
  // Data.Query answered by the bot), both rendered by Teams in 1.5 cards, not in this file's schema.
  schema.definitions.ChoiceInputStyle.anyOf[0].enum.push('filtered');
  schema.definitions['Input.ChoiceSet'].properties['choices.data'] = {
    type: 'object', required: ['type', 'dataset'], additionalProperties: false,
    properties: { type: { enum: ['Data.Query'] }, dataset: { type: 'string', minLength: 1 }, associatedInputs: { enum: ['auto', 'none'] } },
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  validate = ajv.compile(schema);
  return validate;
}

/** Problems with a card against Adaptive Cards 1.5 (empty when valid), plus unexpanded template text. */
export function cardProblems(card: unknown): string[] {
  const v = validator();
  const problems: string[] = [];
  if (!v(card)) {
    problems.push(...(v.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`));
  }
  const text = JSON.stringify(card);
  const leftover = text.match(/\$\{[^}]*\}/);
  if (leftover) problems.push(`unexpanded template expression ${leftover[0]}`);
  if (/"\$data"|"\$when"/.test(text)) problems.push('unexpanded $data/$when');
  return problems;
}
