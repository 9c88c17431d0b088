import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const FIXTURES = join('shared', 'fixtures', 'real-questionnaires');
/** Where the workplace keeps `shared/`, for a clone made somewhere else (CI's). */
const WORKPLACE = '/work';

/**
 * The unedited publisher files in `shared/fixtures/real-questionnaires/`: next to the checkout
 * (walking up from it, so a worktree one level deeper finds them too), or else in the
 * workplace's `shared/`. `CASCADE_REAL_QUESTIONNAIRES` names the folder outright.
 */
export function realQuestionnaire(name: string): Buffer {
  const folders = [
    process.env.CASCADE_REAL_QUESTIONNAIRES,
    ...ancestors(realpathSync(process.cwd())).map((dir) => join(dir, FIXTURES)),
    join(WORKPLACE, FIXTURES),
  ].filter((folder): folder is string => Boolean(folder));
  const found = folders.map((folder) => join(folder, name)).find((file) => existsSync(file));
  if (!found) throw new Error(`fixture ${name} not found in ${folders.join(', ')}`);
  return readFileSync(found);
}

function ancestors(start: string): string[] {
  const dirs = [resolve(start)];
  while (dirname(dirs[dirs.length - 1]) !== dirs[dirs.length - 1]) {
    dirs.push(dirname(dirs[dirs.length - 1]));
  }
  return dirs;
}
