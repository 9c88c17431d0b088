import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request, Response } from 'express';
import { rateLimitStatusPlugin } from '../limits/rate-limit-status.plugin.js';
import { costLimitPlugin } from './cost-limit.plugin.js';
import { formatGraphqlError } from './format-error.js';
import { offlineIdePlugin } from './offline-ide.plugin.js';
import { OPERATION_LIMITS, operationLimitProtection } from './operation-limits.js';

export const GRAPHQL_PATH = '/graphql';
/** Committed, so API changes show in review; a test fails when it drifts from the code. */
export const SCHEMA_FILE = join(process.cwd(), 'apps/api/schema.gql');

export interface GraphqlContext {
  readonly req: Request;
  readonly res: Response;
}

export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const limits = operationLimitProtection();
  const ide = !config.isProduction;
  return {
    path: GRAPHQL_PATH,
    // Development regenerates the committed schema file; elsewhere it stays in memory.
    autoSchemaFile: config.env === 'development' ? SCHEMA_FILE : true,
    sortSchema: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: ide,
    playground: false,
    plugins: [
      // Nothing sets cache hints, and answers are per caller: skip the per-field bookkeeping
      // Apollo otherwise does on every field of every response.
      ApolloServerPluginCacheControlDisabled(),
      // graphql-armor's types come from Apollo's CommonJS declarations; the plugins are the same.
      ...(limits.plugins as NonNullable<ApolloDriverConfig['plugins']>),
      costLimitPlugin(OPERATION_LIMITS.maxCost),
      rateLimitStatusPlugin(),
      ...(ide ? [offlineIdePlugin({ endpoint: GRAPHQL_PATH })] : []),
    ],
    validationRules: limits.validationRules,
    // The token limit belongs to the parser, so an oversized document is a 400 parse failure.
    parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens },
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.isProduction,
    persistedQueries: false,
    formatError: formatGraphqlError,
    context: ({ req, res }: GraphqlContext): GraphqlContext => ({ req, res }),
  };
}
