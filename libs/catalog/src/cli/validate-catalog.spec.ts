import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built CLI, as `npm run catalog:validate` runs it (`npm test` builds first). */
const CLI = join(process.cwd(), 'dist/libs/catalog/src/cli/validate-catalog.js');
const run = (dir?: string) =>
  spawnSync(process.execPath, dir ? [CLI, dir] : [CLI], { encoding: 'utf8' });

describe('npm run catalog:validate', () => {
  it('passes on the built-in questionnaires', () => {
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('ok msp-advisory@1.0.0: 12 families');
    expect(result.stdout).toContain('ok msp-contract-checklist@1.0.0: 8 families');
    expect(result.stdout).toContain('ok msp-advisory@2.0.0: 12 families');
    expect(result.stdout).toContain('ok msp-contract-checklist@2.0.0: 8 families');
  });

  it('fails with the file, path and reason of each problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-cli-'));
    cpSync(join(process.cwd(), 'questionnaires'), dir, { recursive: true });
    const file = join(dir, 'msp-contract-checklist', '1.0.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('id: CSD-02', 'id: CSD-01'));
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /msp-contract-checklist\/1\.0\.0\.yaml: families\[0\]\.questions\[1\]\.id: duplicate question id "CSD-01"/,
    );
    expect(result.stderr).toContain('1 problem(s) found.');
  });
});
