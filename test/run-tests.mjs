// `npm test`: the API's jest suites (unit, integration, end to end), then the web app's component
// tests (Vitest). Arguments go to jest, as they always did (`npm test -- test/e2e/x`, CI's
// `--json --outputFile=…`); a run narrowed to some paths, or with CASCADE_WEB_TESTS=0, skips the
// web tests. When CASCADE_VITEST_JSON is set, Vitest writes its results there in jest's JSON
// shape, for CI's count.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const run = (command, commandArgs, env = process.env) =>
  spawnSync(command, commandArgs, { stdio: 'inherit', env }).status ?? 1;

const jest = run('npx', ['jest', ...args], {
  ...process.env,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim(),
});
const narrowed = args.some((arg) => !arg.startsWith('-')) || process.env.CASCADE_WEB_TESTS === '0';
const vitestJson = process.env.CASCADE_VITEST_JSON;
const web = narrowed
  ? 0
  : run('npx', [
      'vitest',
      'run',
      '--config',
      'apps/web/vite.config.ts',
      ...(vitestJson
        ? ['--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]
        : []),
    ]);
process.exit(jest !== 0 ? jest : web);
