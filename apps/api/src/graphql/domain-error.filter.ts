import { DomainError, type DomainErrorKind } from '@app/common';
import { type ArgumentsHost, Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { CODE_BY_KIND } from './format-error.js';

const HTTP_STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
  too_large: 413,
};

/**
 * Domain errors are answers, not failures. In GraphQL they go straight to Apollo's formatError
 * (which maps them to codes) instead of Nest logging each with a stack as if the server had broken;
 * on plain HTTP routes they become the matching status, with the same code, reason and details.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): DomainError | undefined {
    if (host.getType<'graphql' | 'http'>() === 'graphql') return error;
    const response = host.switchToHttp().getResponse<Response>();
    const retryAfter = error.details?.retryAfterSeconds;
    if (error.kind === 'rate_limited' && typeof retryAfter === 'number') {
      response.setHeader('Retry-After', String(retryAfter));
    }
    response.status(HTTP_STATUS_BY_KIND[error.kind]).json({
      code: CODE_BY_KIND[error.kind],
      reason: error.code,
      message: error.message,
      ...error.details,
    });
    return undefined;
  }
}
