import { AccessTokenService, API_KEY_PREFIX, ApiKeysService, type Principal } from '@app/auth';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';

/** Whom a request's budget is charged to: a person or an API key, in one organization. */
export type Credential = Pick<Principal, 'tenantId' | 'actor'>;

/**
 * The credential a request carries, for counting it before any GraphQL work: a signed, unexpired
 * access token (no database work), or a live API key (one lookup). Anything else is counted by
 * client address, as open operations are; a forged token can never spend someone else's budget.
 * Authorization stays the guard's: this decides only whose budget a request spends.
 */
@Injectable()
export class RequestCredentials {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async of(request: Request): Promise<Credential | undefined> {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return undefined;
    const token = header.slice('Bearer '.length);
    if (token.startsWith(API_KEY_PREFIX)) return this.apiKeys.identify(token);
    const bearer = await this.accessTokens.bearerOf(token);
    return bearer && { tenantId: bearer.tenantId, actor: { type: 'user', id: bearer.userId } };
  }
}
