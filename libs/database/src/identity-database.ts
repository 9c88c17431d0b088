import { RequestContext } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IDENTITY_ROLE, USER_SETTING } from './database.constants.js';
import {
  NestedTransactionError,
  OPEN_TRANSACTION,
  type OpenTransaction,
} from './open-transaction.js';
import { runScopedTransaction } from './scoped-transaction.js';
import { IDENTITY_DATA_SOURCE } from './purpose-pools.js';

/**
 * Sign-in's way to people's data, before any tenant is chosen: runs as the identity role, which
 * reads users and refresh tokens, and the memberships and organization names of `userId` only.
 */
@Injectable()
export class IdentityDatabase {
  constructor(
    // Its own pool on a server, logged in as the identity role (see DatabaseModule).
    @Inject(IDENTITY_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  transaction<T>(userId: string | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.context.get<OpenTransaction>(OPEN_TRANSACTION)) throw new NestedTransactionError();
    return this.context.run({}, () =>
      runScopedTransaction(
        this.dataSource,
        { role: IDENTITY_ROLE, [USER_SETTING]: userId ?? '' },
        (manager, runner) => {
          this.context.set(OPEN_TRANSACTION, { runner } satisfies OpenTransaction);
          return work(manager);
        },
      ),
    );
  }
}
