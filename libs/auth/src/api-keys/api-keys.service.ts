import { randomUUID } from 'node:crypto';
import { type Role } from '@app/access';
import { AuditTrailService } from '@app/audit';
import { InvalidInputError, NotFoundError, RequestContext } from '@app/common';
import { IdentityDatabase, TenantDatabase } from '@app/database';
import { ApiKeyEntity, authorizeGrant, OwnerOnlyError, revokeGrantChain } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Principal } from '../jwt.strategy.js';
import { hashSecretToken, newSecretToken } from '../secret-tokens.js';
import { keyChain } from './key-chain.sql.js';

/** Keys are recognisable in logs and secret scanners by this prefix. */
export const API_KEY_PREFIX = 'csk_';

export interface CreatedApiKey {
  readonly apiKey: ApiKeyEntity;
  /** The whole key, shown once. */
  readonly secret: string;
}

export class ApiKeyNotFoundError extends NotFoundError {
  constructor() {
    super('API_KEY_NOT_FOUND', 'No such active API key in this organization.');
  }
}

/**
 * The key and whether it or any key up its chain of makers is revoked: revocation walks down the
 * chain, and this walks up it, so a key never outlives a maker even if a revocation missed it.
 */
const KEY_WITH_ITS_MAKERS = `${keyChain('key_hash = $1')}
  SELECT (SELECT tenant_id FROM chain WHERE depth = 0) AS "tenantId",
         (SELECT id FROM chain WHERE depth = 0) AS id,
         (SELECT role FROM chain WHERE depth = 0) AS role,
         bool_or(revoked_at IS NOT NULL) AS broken
    FROM chain HAVING count(*) > 0`;

/** API keys for integrations: per organization, scoped to a role, stored hashed, revocable. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly identity: IdentityDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
  ) {}

  async create(nameInput: string, role: Role): Promise<CreatedApiKey> {
    const name = nameInput.normalize('NFC').trim();
    if (!name || [...name].length > 100 || !name.isWellFormed()) {
      throw new InvalidInputError('API_KEY_NAME_INVALID', 'Name the key in 1 to 100 characters.');
    }
    const secret = `${API_KEY_PREFIX}${newSecretToken()}`;
    return this.db.transaction(async (manager) => {
      // Checked as things stand now: a key never outranks, nor outlives, whoever made it.
      const grantor = await authorizeGrant(
        manager,
        this.context.tenantId,
        this.context.actor,
        role,
      );
      const apiKey = manager.create(ApiKeyEntity, {
        tenantId: this.context.tenantId,
        id: randomUUID(),
        name,
        role,
        keyHash: hashSecretToken(secret),
        prefix: secret.slice(0, 12),
        createdBy: grantor.userId,
        createdByKeyId: grantor.keyId,
        createdAt: new Date(),
      });
      await manager.insert(ApiKeyEntity, apiKey);
      await this.audit.record({
        action: 'api_key.created',
        objectType: 'api_key',
        objectId: apiKey.id,
        summary: { name, role },
      });
      return { apiKey, secret };
    });
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.db.transaction((manager) =>
      manager.find(ApiKeyEntity, {
        where: { tenantId: this.context.tenantId, revokedAt: IsNull() },
        order: { createdAt: 'DESC' },
      }),
    );
  }

  /** Revokes a key with every key and pending invitation made through it, to any depth. */
  revoke(id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const key = await manager.findOneBy(ApiKeyEntity, { tenantId: this.context.tenantId, id });
      if (key?.role === 'owner' && this.context.role !== 'owner') throw new OwnerOnlyError();
      if (!key || key.revokedAt) throw new ApiKeyNotFoundError();
      const revoked = await revokeGrantChain(manager, this.context.tenantId, { keyId: id });
      if (revoked.revokedApiKeys === 0) throw new ApiKeyNotFoundError();
      await this.audit.record({
        action: 'api_key.revoked',
        objectType: 'api_key',
        objectId: id,
        summary: {
          revokedApiKeys: revoked.revokedApiKeys - 1,
          revokedInvitations: revoked.revokedInvitations,
        },
      });
    });
  }

  /** The live key `key` is, with its organization and role; nothing is written or set. */
  async identify(key: string): Promise<Principal | undefined> {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 100) return undefined;
    const [found] = await this.identity.transaction(null, (manager) =>
      manager.query<{ tenantId: string; id: string; role: Role; broken: boolean }[]>(
        KEY_WITH_ITS_MAKERS,
        [hashSecretToken(key)],
      ),
    );
    if (!found || found.broken) return undefined;
    return { tenantId: found.tenantId, actor: { type: 'api_key', id: found.id }, role: found.role };
  }

  /**
   * The principal a key acts as, or undefined for an unknown or revoked key. Records when it was
   * last used (at most once a minute, so reads do not turn into a write each).
   */
  async authenticate(key: string): Promise<Principal | undefined> {
    const principal = await this.identify(key);
    if (!principal) return undefined;
    this.context.authenticate(principal.tenantId, principal.actor, principal.role);
    await this.db.transaction((manager) =>
      manager.query(
        `UPDATE api_keys SET last_used_at = now()
          WHERE tenant_id = $1 AND id = $2
            AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [principal.tenantId, principal.actor.id],
      ),
    );
    return principal;
  }
}
