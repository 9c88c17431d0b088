import { Module } from '@nestjs/common';
import { DashboardsResolver } from './graphql/dashboards.resolver.js';
import { MspDashboardsService } from './msp-dashboards.service.js';
import { PortfolioDashboardsService } from './portfolio-dashboards.service.js';

@Module({
  providers: [PortfolioDashboardsService, MspDashboardsService],
  exports: [PortfolioDashboardsService, MspDashboardsService],
})
export class DashboardsModule {}

@Module({ imports: [DashboardsModule], providers: [DashboardsResolver] })
export class DashboardsGraphqlModule {}
