import type { TemplateProblem } from '../templates/validate-template.js';

/** What a template field is called for a person. */
const FIELD_NAMES: Record<string, string> = {
  id: 'the id',
  text: 'the question text',
  help: 'the help text',
  title: 'the title',
  guidance: 'the guidance',
  weight: 'the weight',
  visibleWhen: 'the condition',
  label: 'the option label',
  value: 'the option value',
  options: 'the options',
  questions: 'the questions',
  families: 'the families',
  tags: 'the tags',
  passLevel: 'the pass level',
  knockoutReason: 'the knockout reason',
  evidence: 'the evidence list',
};

function fieldOf(path: string): string {
  const parts = path.split('.');
  const last = parts.at(-1) ?? path;
  return last.replace(/\[\d+\]$/, '');
}

/**
 * Rewrites a template validator problem (JSON Schema wording, regular expressions) as a plain
 * sentence. Messages of the template's own rules are already plain and pass through.
 */
export function plainProblem(problem: TemplateProblem): string {
  const field = fieldOf(problem.path);
  const name = FIELD_NAMES[field] ?? `"${field}"`;
  const message = problem.message;
  let match: RegExpExecArray | null;
  if ((match = /^must NOT have fewer than (\d+) characters/.exec(message)))
    return `${name} is too short: write at least ${match[1]} characters`;
  if ((match = /^must NOT have more than (\d+) characters/.exec(message)))
    return `${name} is too long: at most ${match[1]} characters`;
  if ((match = /^must NOT have more than (\d+) items/.exec(message)))
    return `${name}: at most ${match[1]} are allowed`;
  if ((match = /^must NOT have fewer than (\d+) items/.exec(message)))
    return `${name}: at least ${match[1]} are needed`;
  if ((match = /^must be <= (\S+)/.exec(message))) return `${name} must be at most ${match[1]}`;
  if ((match = /^must be >= (\S+)/.exec(message))) return `${name} must be at least ${match[1]}`;
  if ((match = /^must be > (\S+)/.exec(message))) return `${name} must be above ${match[1]}`;
  if (/^must be integer/.test(message)) return `${name} must be a whole number`;
  if (/^must match pattern/.test(message)) {
    if (field === 'id' && /questions\[\d+\]\.id$/.test(problem.path))
      return 'the question id must start with a letter and have at most 40 letters, digits, dots, dashes or underscores';
    if (field === 'id')
      return 'the family id must be lower-case letters, digits and dashes, starting with a letter';
    if (field === 'value')
      return 'the option value must be lower-case letters, digits and underscores, at most 40';
    return `${name} has characters that are not allowed`;
  }
  if ((match = /^must have required property '([^']+)'/.exec(message)))
    return `"${match[1]}" is missing`;
  if (/^must NOT have additional properties/.test(message))
    return `has a field the template does not know ${message.replace(/^[^(]*/, '')}`.trim();
  if (
    /^must match exactly one schema in oneOf|^must be equal to one of the allowed values|^must be equal to constant/.test(
      message,
    )
  )
    return `${name} is not one of the allowed forms`;
  if (/^must be (string|number|boolean|array|object)/.test(message)) return `${name} ${message}`;
  return message;
}
