/**
 * A programming error, not a user error: tenant data was touched outside a tenant context.
 * It is deliberately not a DomainError, so it surfaces as an internal error.
 */
export class MissingTenantContextError extends Error {
  constructor() {
    super('No tenant in the current context: tenant data can only be reached inside one.');
    this.name = 'MissingTenantContextError';
  }
}
