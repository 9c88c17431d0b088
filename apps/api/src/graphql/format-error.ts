import { DomainError, type DomainErrorKind } from '@app/common';
import { HttpException, Logger } from '@nestjs/common';
import { type GraphQLFormattedError } from 'graphql';
import { ClsServiceManager } from 'nestjs-cls';
import { QueryFailedError } from 'typeorm';

/** The one place domain errors become GraphQL error codes. Exhaustive by type. */
export const CODE_BY_KIND: Record<DomainErrorKind, string> = {
  not_found: 'NOT_FOUND',
  invalid_input: 'BAD_USER_INPUT',
  conflict: 'CONFLICT',
  forbidden: 'FORBIDDEN',
  unauthenticated: 'UNAUTHENTICATED',
  rate_limited: 'RATE_LIMITED',
  too_large: 'PAYLOAD_TOO_LARGE',
};

const CODE_BY_HTTP_STATUS: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/** Errors Apollo raises before execution (parse, validation, limits) are safe to show as is. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const logger = new Logger('GraphQL');

function correlationId(): string | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get<string>('correlationId') : undefined;
}

function validationMessages(error: HttpException): string[] | undefined {
  const response = error.getResponse();
  if (typeof response === 'object' && Array.isArray((response as { message?: unknown }).message)) {
    return (response as { message: string[] }).message;
  }
  return undefined;
}

/**
 * Shapes every error the API returns: known errors keep their message and get a stable code;
 * anything unexpected is logged with its stack and answered with a correlation id only.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = (error as { originalError?: unknown }).originalError ?? error;
  const path = formatted.path;
  const locations = formatted.locations;

  if (original instanceof DomainError) {
    return {
      message: original.message,
      path,
      locations,
      extensions: { code: CODE_BY_KIND[original.kind], reason: original.code, ...original.details },
    };
  }
  if (original instanceof HttpException) {
    const code = CODE_BY_HTTP_STATUS[original.getStatus()];
    if (code) {
      const messages = validationMessages(original);
      return {
        message: messages ? messages.join('; ') : original.message,
        path,
        locations,
        extensions: { code, ...(messages ? { validationErrors: messages } : {}) },
      };
    }
  }
  // A unique key hit by a concurrent request: the same answer a service gives for a duplicate.
  if (
    original instanceof QueryFailedError &&
    (original.driverError as { code?: string }).code === '23505'
  ) {
    return {
      message: 'This conflicts with something created at the same moment; try again.',
      path,
      locations,
      extensions: { code: 'CONFLICT', reason: 'CONCURRENT_CHANGE' },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && !path) {
    return { message: formatted.message, locations, extensions: { code } };
  }

  const id = correlationId();
  logger.error({ err: original, correlationId: id, path }, 'unexpected error');
  return {
    message: `Internal server error. Quote correlation id ${id ?? 'unknown'} when reporting it.`,
    path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: id },
  };
}
