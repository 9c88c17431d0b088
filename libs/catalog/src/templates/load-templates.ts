import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { loadControlCatalog } from './control-catalog.js';
import type { QuestionnaireTemplate } from './template.types.js';
import { schemaValidator, validateTemplate } from './validate-template.js';

export interface FileProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export interface LoadedTemplates {
  readonly templates: QuestionnaireTemplate[];
  readonly problems: FileProblem[];
}

/** `questionnaires/<key>/<version>.yaml`: every template version in the folder. */
function templateFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory() && entry !== 'controls')
    .flatMap((key) =>
      readdirSync(join(dir, key))
        .filter((file) => file.endsWith('.yaml'))
        .map((file) => join(dir, key, file)),
    )
    .sort();
}

/** Reads and validates every built-in template; a problem names the file and where in it. */
export function loadTemplates(questionnairesDir: string): LoadedTemplates {
  const validateSchema = schemaValidator(questionnairesDir);
  const controls = loadControlCatalog(questionnairesDir);
  const templates: QuestionnaireTemplate[] = [];
  const problems: FileProblem[] = [];
  const seenVersions = new Set<string>();
  for (const path of templateFiles(questionnairesDir)) {
    const file = relative(process.cwd(), path);
    const parsed = parseDocument(readFileSync(path, 'utf8'), {
      uniqueKeys: true,
      prettyErrors: true,
    });
    if (parsed.errors.length > 0) {
      for (const error of parsed.errors) {
        const line = error.linePos?.[0];
        problems.push({
          file,
          path: line ? `line ${line.line}` : '(document)',
          message: error.message.split('\n')[0],
        });
      }
      continue;
    }
    const document: unknown = parsed.toJS();
    const found = validateTemplate(document, validateSchema, controls, {
      requireMappings: true,
      builtIn: true,
    });
    problems.push(...found.map((problem) => ({ file, ...problem })));
    if (found.length > 0) continue;
    const template = document as QuestionnaireTemplate;
    const expected = join(questionnairesDir, template.key, `${template.version}.yaml`);
    if (expected !== path) {
      problems.push({
        file,
        path: 'key',
        message: `key and version say ${relative(questionnairesDir, expected)}`,
      });
      continue;
    }
    const id = `${template.key}@${template.version}`;
    if (seenVersions.has(id))
      problems.push({ file, path: 'version', message: `${id} is defined twice` });
    seenVersions.add(id);
    templates.push(template);
  }
  return { templates, problems };
}
