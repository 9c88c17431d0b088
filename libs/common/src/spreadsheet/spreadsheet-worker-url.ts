import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WORKER = 'spreadsheet.worker.js';

/**
 * The worker thread's script. A worker is a plain Node thread that cannot load TypeScript, so
 * when these sources run as TypeScript (under jest) the compiled copy in `dist/` is used:
 * `npm test` builds first. From `dist/` the script sits next to this module.
 */
export function spreadsheetWorkerUrl(here: string = import.meta.url): URL {
  if (!here.endsWith('.ts')) return new URL(`./${WORKER}`, here);
  // This file is libs/common/src/spreadsheet/…; the build mirrors the tree under dist/.
  const built = new URL(`../../../../dist/libs/common/src/spreadsheet/${WORKER}`, here);
  if (!existsSync(built)) {
    throw new Error(
      `${fileURLToPath(built)} is missing: run \`npm run build\` (npm test does) before reading spreadsheets from sources.`,
    );
  }
  return built;
}
