import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = (path: string) => join(import.meta.dirname, path);

/**
 * Typed documents from the API's committed schema: `npm run codegen:web` regenerates
 * `src/gql/`, and a test fails when the committed output drifts from the schema or the queries.
 */
const config: CodegenConfig = {
  schema: here('../api/schema.gql'),
  documents: [here('src/**/*.{ts,tsx}'), `!${here('src/gql/**/*')}`],
  ignoreNoDocuments: true,
  generates: {
    [here('src/gql/')]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
