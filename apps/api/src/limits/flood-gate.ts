import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RequestCredentials } from './request-credentials.js';
import { type RequestLimiter, TooManyRequestsError } from './request-limiter.js';

/**
 * How long a refusal to a known flood is held before it is sent. Answering costs the API its
 * write (most of a refusal's cost, measured); a client that ignores Retry-After and sends again
 * as soon as it is answered is slowed to ten requests per connection a second this way, while
 * a held response costs only a timer.
 */
const FLOOD_ANSWER_DELAY_MS = 100;

function refuse(
  request: Request,
  response: Response,
  refusal: TooManyRequestsError,
  graphqlPath: string,
): void {
  const error = {
    message: refusal.message,
    extensions: { code: 'RATE_LIMITED', reason: refusal.code, ...refusal.details },
  };
  response
    .status(429)
    .setHeader('Retry-After', String(refusal.retryAfterSeconds))
    .json(
      request.path === graphqlPath
        ? { errors: [error], data: null }
        : {
            code: 'RATE_LIMITED',
            reason: refusal.code,
            message: refusal.message,
            ...refusal.details,
          },
    );
}

/**
 * Express middleware ahead of everything else (GraphQL parsing and validation, authentication):
 * a credential this process refused a moment ago and sent again is answered 429 without any
 * other work, a tenth of a second later, so a client that ignores Retry-After costs the API
 * next to nothing while other tenants wait.
 *
 * GraphQL requests are also counted here, before their body is parsed: a document refused in
 * validation (over the query budget, malformed) never reaches the guard, and would otherwise
 * never spend its sender's budget. The guard's own count for the same request is this one.
 */
export function floodGate(
  limiter: RequestLimiter,
  credentials: RequestCredentials,
  graphqlPath: string,
): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const known = limiter.knownFlood(request);
    if (known) {
      setTimeout(() => {
        if (!response.headersSent && !response.destroyed) {
          refuse(request, response, known, graphqlPath);
        }
      }, FLOOD_ANSWER_DELAY_MS);
      return;
    }
    if (request.path !== graphqlPath) return next();
    credentials
      .of(request)
      .then((credential) => limiter.admit(request, credential))
      .then(
        () => next(),
        (error: unknown) => {
          if (error instanceof TooManyRequestsError) {
            refuse(request, response, error, graphqlPath);
          } else {
            next(error);
          }
        },
      );
  };
}
