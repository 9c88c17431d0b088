import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The unedited publisher files in `shared/fixtures/real-questionnaires/`, found by walking up from
 * the working directory (a checkout sits next to `shared/`, a worktree one level deeper).
 */
export function realQuestionnaire(name: string): Buffer {
  for (let dir = resolve(process.cwd()); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'fixtures', 'real-questionnaires', name);
    if (existsSync(candidate)) return readFileSync(candidate);
    if (dirname(dir) === dir) throw new Error(`fixture ${name} not found above ${process.cwd()}`);
  }
}
