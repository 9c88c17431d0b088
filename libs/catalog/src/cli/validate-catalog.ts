/**
 * `npm run catalog:validate [folder]`: checks every questionnaire in `questionnaires/` against the
 * schema and the rules, printing each problem as `file: path: message`. Exits 1 on any problem.
 */
import { resolve } from 'node:path';
import { loadTemplates } from '../templates/load-templates.js';

const dir = resolve(process.argv[2] ?? 'questionnaires');
const { templates, problems } = loadTemplates(dir);
for (const problem of problems)
  console.error(`${problem.file}: ${problem.path}: ${problem.message}`);
for (const template of templates) {
  const questions = template.families.reduce((n, f) => n + f.questions.length, 0);
  console.log(
    `ok ${template.key}@${template.version}: ${template.families.length} families, ${questions} questions`,
  );
}
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) found.`);
  process.exit(1);
}
