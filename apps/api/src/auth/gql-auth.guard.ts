import { API_KEY_PREFIX, ApiKeysService, IS_PUBLIC, IS_UNMETERED, type Principal } from '@app/auth';
import { ForbiddenError, UnauthenticatedError } from '@app/common';
import { type Permission, PERMISSIONS, REQUIRED_PERMISSION, roleAllows } from '@app/access';
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { RequestLimiter } from '../limits/request-limiter.js';
import { PEOPLE_ONLY_PERMISSION } from './operation-permissions.js';

/**
 * Deny by default, mounted globally: an operation runs only if it is `@Public()`, or if the caller
 * has a verified token, a live membership, and a role that holds the operation's declared
 * permission. An operation that declares none is refused, so a forgotten declaration fails closed.
 * Every call also spends from the caller's request budget (RequestLimiter).
 */
@Injectable()
export class GqlAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly limiter: RequestLimiter,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // Open operations (sign-in, sign-up, resets, invitations, the browser's session routes)
      // count per address; the health probes do not count at all.
      if (!this.reflector.getAllAndOverride<boolean>(IS_UNMETERED, targets)) {
        await this.limiter.admit(this.getRequest(context), undefined);
      }
      return true;
    }
    const principal = await this.authenticate(context);
    await this.limiter.admit(this.getRequest(context), principal);
    const permission = this.reflector.get<Permission | undefined>(
      REQUIRED_PERMISSION,
      context.getHandler(),
    );
    if (!permission) {
      throw new ForbiddenError('PERMISSION_UNDECLARED', 'This operation is not available.');
    }
    // Sessions belong to people; an integration's key has none to manage.
    if (permission === PEOPLE_ONLY_PERMISSION && principal.actor.type !== 'user') {
      throw new ForbiddenError('PEOPLE_ONLY', 'Only a signed-in person can do this.');
    }
    if (!roleAllows(principal.role, permission)) {
      throw new ForbiddenError(
        'PERMISSION_DENIED',
        `Your role (${principal.role}) may not do this: ${PERMISSIONS[permission]}`,
        { permission },
      );
    }
    return true;
  }

  /** An API key (`Bearer csk_…`) or, otherwise, a JWT access token through passport. */
  private async authenticate(context: ExecutionContext): Promise<Principal> {
    const request = this.getRequest(context);
    const header = request.headers.authorization;
    const bearer = `Bearer ${API_KEY_PREFIX}`;
    if (header?.startsWith(bearer)) {
      const principal = await this.apiKeys.authenticate(header.slice('Bearer '.length));
      if (!principal)
        throw new UnauthenticatedError('UNAUTHENTICATED', 'A valid access token is required.');
      request.user = principal;
      return principal;
    }
    await super.canActivate(context);
    return request.user as Principal;
  }

  override getRequest(context: ExecutionContext): Request {
    if (context.getType<'graphql' | 'http'>() === 'graphql') {
      return GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
    }
    return context.switchToHttp().getRequest<Request>();
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) {
      throw new UnauthenticatedError('UNAUTHENTICATED', 'A valid access token is required.');
    }
    return user;
  }
}
