import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Framework } from './template.types.js';

const FILES: Record<Framework, string> = {
  'nist-800-53': 'nist-800-53r5-ids.txt',
  'csf-2.0': 'nist-csf-2.0-ids.txt',
  'cis-v8': 'cis-v8-ids.txt',
  'iso-27001-2022': 'iso27001-2022-ids.txt',
};

export type ControlCatalog = ReadonlyMap<Framework, ReadonlySet<string>>;

/** The known control ids of each framework, from `questionnaires/controls/`. */
export function loadControlCatalog(questionnairesDir: string): ControlCatalog {
  const catalog = new Map<Framework, ReadonlySet<string>>();
  for (const [framework, file] of Object.entries(FILES) as [Framework, string][]) {
    const ids = readFileSync(join(questionnairesDir, 'controls', file), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    catalog.set(framework, new Set(ids));
  }
  return catalog;
}
