// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen';

interface GeneratedFile {
  readonly filename: string;
  readonly content: string;
}

describe('typed GraphQL documents', () => {
  it('match what the generator makes from the committed schema (run npm run codegen:web)', async () => {
    const files = (await generate({ ...config, silent: true }, false)) as GeneratedFile[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const committed = readFileSync(join(file.filename), 'utf8');
      expect({ file: file.filename, content: committed }).toEqual({
        file: file.filename,
        content: file.content,
      });
    }
  }, 30_000);
});
