export { DashboardsGraphqlModule, DashboardsModule } from './dashboards.module.js';
export { bind } from './named-sql.js';
export * from './msp-dashboards.service.js';
export type { PortfolioFilter } from './portfolio-filter.js';
export * from './portfolio-dashboards.service.js';
export { PORTFOLIO_SQL } from './portfolio-sql.js';
export { filterValues } from './portfolio-filter.js';
