import { RequirePermission } from '@app/access';
import { FrameworkEnum } from '@app/assessments';
import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { MspDashboardsService } from '../msp-dashboards.service.js';
import { PortfolioDashboardsService } from '../portfolio-dashboards.service.js';
import {
  CustomerStandingObject,
  DecliningVendorObject,
  FailedQuestionObject,
  HeatmapArgs,
  MonthPointObject,
  PortfolioFilterArgs,
  PortfolioOverviewObject,
  RiskHeatmapObject,
  TopArgs,
  TrendPointObject,
  WeakSpotObject,
} from './dashboard.objects.js';

/** Risk managers' portfolio dashboards, and the MSP's view of its own standing. */
@Resolver()
export class DashboardsResolver {
  constructor(
    private readonly portfolio: PortfolioDashboardsService,
    private readonly msp: MspDashboardsService,
  ) {}

  @Query(() => PortfolioOverviewObject, {
    description: 'Vendors by residual risk, the score distribution, assessments by state, overdue.',
  })
  @RequirePermission('dashboards:read')
  portfolioOverview(@Args() { filter }: PortfolioFilterArgs): Promise<PortfolioOverviewObject> {
    return this.portfolio.overview(filter ?? {});
  }

  @Query(() => RiskHeatmapObject, { description: 'Vendors × control families, by vendor name.' })
  @RequirePermission('dashboards:read')
  async riskHeatmap(@Args() args: HeatmapArgs): Promise<RiskHeatmapObject> {
    const page = await this.portfolio.heatmap(args.first, args.after, args.filter ?? {});
    return {
      families: page.families,
      edges: page.rows.map((node) => ({ cursor: node.vendorId, node })),
      pageInfo: { endCursor: page.rows.at(-1)?.vendorId ?? null, hasNextPage: page.hasNextPage },
    };
  }

  @Query(() => [TrendPointObject], { description: 'A vendor’s final scores over time.' })
  @RequirePermission('dashboards:read')
  vendorScoreTrend(
    @Args('vendorId', { type: () => ID }, ParseUUIDPipe) vendorId: string,
  ): Promise<TrendPointObject[]> {
    return this.portfolio.vendorTrend(vendorId);
  }

  @Query(() => [MonthPointObject], { description: 'The average final score by month.' })
  @RequirePermission('dashboards:read')
  portfolioScoreTrend(@Args() { filter }: PortfolioFilterArgs): Promise<MonthPointObject[]> {
    return this.portfolio.portfolioTrend(filter ?? {});
  }

  @Query(() => [WeakSpotObject], { description: 'Control families with the lowest averages.' })
  @RequirePermission('dashboards:read')
  weakestFamilies(@Args() args: TopArgs): Promise<WeakSpotObject[]> {
    return this.portfolio.weakestFamilies(args.first, args.filter ?? {});
  }

  @Query(() => [WeakSpotObject], { description: 'Mapped controls with the lowest averages.' })
  @RequirePermission('dashboards:read')
  weakestControls(
    @Args() args: TopArgs,
    @Args('framework', { type: () => FrameworkEnum, defaultValue: 'csf-2.0' }) framework: string,
  ): Promise<WeakSpotObject[]> {
    return this.portfolio.weakestControls(framework, args.first, args.filter ?? {});
  }

  @Query(() => [DecliningVendorObject], {
    description: 'Vendors whose latest score fell below their previous cycle’s.',
  })
  @RequirePermission('dashboards:read')
  decliningVendors(@Args() args: TopArgs): Promise<DecliningVendorObject[]> {
    return this.portfolio.decliningVendors(args.first, args.filter ?? {});
  }

  @Query(() => [CustomerStandingObject], { description: 'Your scores, customer by customer.' })
  @RequirePermission('assessments:respond')
  standingByCustomer(): Promise<CustomerStandingObject[]> {
    return this.msp.standingByCustomer();
  }

  @Query(() => [FailedQuestionObject], {
    description: 'The questions you fall short on most, across your customers.',
  })
  @RequirePermission('assessments:respond')
  mostFailedQuestions(
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
  ): Promise<FailedQuestionObject[]> {
    return this.msp.mostFailedQuestions(Math.min(Math.max(first, 1), 50));
  }
}
