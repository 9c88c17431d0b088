import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { shippedRuntime } from '../test/support/shipped-runtime.js';

const scripts = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** `npm start` and the image run the processes alike, so the bench measures what ships. */
describe('the shipped runtime', () => {
  it('caps the V8 heap in the image', () => {
    expect(shippedRuntime().NODE_OPTIONS).toMatch(/^--max-old-space-size=\d+$/);
  });

  it.each(['start', 'start:worker'])(
    '`npm run %s` applies the image’s heap cap unless NODE_OPTIONS is set',
    (script) => {
      const { NODE_OPTIONS } = shippedRuntime();
      expect(scripts[script]).toContain(`NODE_OPTIONS="\${NODE_OPTIONS:-${NODE_OPTIONS}}" node `);
    },
  );
});
