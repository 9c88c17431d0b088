import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClsService, type ClsStore } from 'nestjs-cls';
import { type Actor, SYSTEM_ACTOR } from './actor.js';
import { MissingTenantContextError } from './context.errors.js';

/** What travels with a request or a job across every await. */
export interface ContextStore extends ClsStore {
  tenantId?: string;
  actor?: Actor;
  correlationId?: string;
  clientIp?: string;
  /** The member's role in the tenant, loaded from the database on every request. */
  role?: string;
}

export interface ContextScope {
  readonly tenantId?: string;
  readonly actor?: Actor;
  readonly correlationId?: string;
}

/**
 * Typed access to the continuation-local context (nestjs-cls). The tenant is set only from a
 * verified credential (the auth guard) or from a job's payload, never from client input.
 */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService<ContextStore>) {}

  /** The current tenant; throws when there is none, so tenant data is never read by accident. */
  get tenantId(): string {
    const tenantId = this.cls.isActive() ? this.cls.get('tenantId') : undefined;
    if (!tenantId) throw new MissingTenantContextError();
    return tenantId;
  }

  get hasTenant(): boolean {
    return this.cls.isActive() && Boolean(this.cls.get('tenantId'));
  }

  get actor(): Actor {
    return (this.cls.isActive() ? this.cls.get('actor') : undefined) ?? SYSTEM_ACTOR;
  }

  /** The acting person's id, or null for an integration's key or a system job. */
  get userId(): string | null {
    const actor = this.actor;
    return actor.type === 'user' ? actor.id : null;
  }

  get correlationId(): string | undefined {
    return this.cls.isActive() ? this.cls.get('correlationId') : undefined;
  }

  get clientIp(): string | undefined {
    return this.cls.isActive() ? this.cls.get('clientIp') : undefined;
  }

  get role(): string | undefined {
    return this.cls.isActive() ? this.cls.get('role') : undefined;
  }

  /** Binds the verified principal to the current request's context. */
  authenticate(tenantId: string, actor: Actor, role?: string): void {
    this.cls.set('tenantId', tenantId);
    this.cls.set('actor', actor);
    if (role !== undefined) this.cls.set('role', role);
  }

  /**
   * Runs `fn` in a child context (jobs, provisioning, tests). Values not given are inherited,
   * and nothing set inside leaks back to the caller.
   */
  run<T>(scope: ContextScope, fn: () => Promise<T>): Promise<T> {
    return this.cls.run({ ifNested: 'inherit' }, () => {
      if (scope.tenantId !== undefined) this.cls.set('tenantId', scope.tenantId);
      if (scope.actor !== undefined) this.cls.set('actor', scope.actor);
      this.cls.set('correlationId', scope.correlationId ?? this.correlationId ?? randomUUID());
      return fn();
    });
  }

  /** Whether a request or job context is open (slots can be set). */
  get active(): boolean {
    return this.cls.isActive();
  }

  /** Per-context slot for other libs (e.g. the open transaction); keyed by symbol. */
  get<T>(key: symbol): T | undefined {
    if (!this.cls.isActive()) return undefined;
    const value: unknown = this.slots.get(key);
    return value as T | undefined;
  }

  set(key: symbol, value: unknown): void {
    this.slots.set(key, value);
  }

  /** The same store, untyped, for symbol-keyed slots that libs define themselves. */
  private get slots(): ClsService {
    return this.cls;
  }
}
