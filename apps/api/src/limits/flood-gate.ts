import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RequestLimiter } from './request-limiter.js';

/**
 * Express middleware ahead of everything else (GraphQL parsing and validation, authentication):
 * a credential this process refused a moment ago and sent again is answered 429 at once, so a
 * client that ignores Retry-After costs the API next to nothing while other tenants wait.
 */
export function floodGate(limiter: RequestLimiter, graphqlPath: string): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const refusal = limiter.knownFlood(request);
    if (!refusal) return next();
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
  };
}
