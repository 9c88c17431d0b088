import { isSecureContext, refreshCookie, setRefreshCookie, wantsCookieSession } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { map, type Observable } from 'rxjs';
import type { GraphqlContext } from './graphql-options.js';

/**
 * For a browser (it sends `x-cascade-session: cookie`), every session a mutation opens (sign-in,
 * sign-up, switching organization, changing password, accepting an invitation) leaves as an
 * HttpOnly cookie instead of a field, whatever the document selected: the web app's scripts never
 * see a refresh token. API clients, which do not send the header, get the token as before.
 */
@Injectable()
export class RefreshCookieInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const { req, res } = GqlExecutionContext.create(context).getContext<GraphqlContext>();
    if (!wantsCookieSession(req)) return next.handle();
    return next.handle().pipe(
      map((value: unknown) => {
        if (!isSession(value)) return value;
        const ttl = this.config.auth.refreshTokenTtlSeconds;
        setRefreshCookie(res, refreshCookie(value.refreshToken, ttl, isSecureContext(req)));
        return { ...value, refreshToken: '' };
      }),
    );
  }
}

function isSession(value: unknown): value is { accessToken: string; refreshToken: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { accessToken, refreshToken } = value as Record<string, unknown>;
  return typeof accessToken === 'string' && typeof refreshToken === 'string' && refreshToken !== '';
}
