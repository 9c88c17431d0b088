import { Tenant } from './entities/tenant.entity.js';

export { TenancyModule } from './tenancy.module.js';
export { normaliseTenantName, type TenantCapabilities, TenantsService } from './tenants.service.js';
export { Tenant };

export const TENANCY_ENTITIES = [Tenant];
export { TenancyGraphqlModule } from './tenancy-graphql.module.js';
