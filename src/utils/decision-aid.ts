import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type Choice, type DecisionAid, decisionAidSchema } from '../schemas/decision-aid.ts';

/** Where the decision aid lives, under the same content folder the collections read. */
const file = join(process.env['CONTENT_DIR'] ?? './content', 'choices', 'decision-aid.yaml');

let cached: DecisionAid | undefined;

/**
 * The decision aid for /your-choices/, read once per build. An invalid file stops the build with
 * the schema's plain message, rather than publishing a page that sends people to the wrong choice.
 */
export function getDecisionAid(): DecisionAid {
  if (cached) return cached;
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read ${file}: /your-choices/ needs it`, { cause: error });
  }
  const result = decisionAidSchema().safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${file} does not match its schema: ${issues}`);
  }
  cached = result.data;
  return cached;
}

/** The choice with this id; the schema guarantees each of the four is present. */
export function choiceById(aid: DecisionAid, id: Choice['id']): Choice {
  const choice = aid.choices.find((c) => c.id === id);
  if (!choice) throw new Error(`The decision aid has no choice "${id}"`);
  return choice;
}
