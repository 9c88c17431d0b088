import { AuditGraphqlModule } from '@app/audit';
import { CatalogGraphqlModule } from '@app/catalog';
import { AuthGraphqlModule, AuthModule } from '@app/auth';
import { type AppConfig, APP_CONFIG } from '@app/config';
import { CoreModule } from '@app/core';
import { IdentityGraphqlModule } from '@app/identity';
import type { DataSourceTarget } from '@app/database';
import { TenancyGraphqlModule } from '@app/tenancy';
import { VendorsGraphqlModule } from '@app/vendors';
import { AssessmentsGraphqlModule } from '@app/assessments';
import { DashboardsGraphqlModule } from '@app/dashboards';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GqlAuthGuard } from './auth/gql-auth.guard.js';
import { DomainErrorFilter } from './graphql/domain-error.filter.js';
import { RefreshCookieInterceptor } from './graphql/refresh-cookie.interceptor.js';
import { graphqlOptions } from './graphql/graphql-options.js';
import { WellFormedTextPipe } from './graphql/well-formed-text.pipe.js';
import { SingleQueryValuePipe } from './graphql/single-query-value.pipe.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { RequestCredentials } from './limits/request-credentials.js';
import { RequestLimiter } from './limits/request-limiter.js';

export interface ApiOptions {
  readonly config: AppConfig;
  /** Tests give each app its own database. */
  readonly database?: DataSourceTarget;
}

@Module({})
export class AppModule {
  static forRoot(options: ApiOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          config: options.config,
          database: options.database,
          runJobs: options.config.jobsInProcess,
        }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [APP_CONFIG],
          useFactory: graphqlOptions,
        }),
        HealthModule,
        DemoModule,
        // The global guard authenticates through it.
        AuthModule,
        AuthGraphqlModule,
        IdentityGraphqlModule,
        TenancyGraphqlModule,
        AuditGraphqlModule,
        CatalogGraphqlModule,
        VendorsGraphqlModule,
        AssessmentsGraphqlModule,
        DashboardsGraphqlModule,
      ],
      providers: [
        RequestLimiter,
        RequestCredentials,
        { provide: APP_GUARD, useClass: GqlAuthGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: RefreshCookieInterceptor },
        { provide: APP_PIPE, useClass: WellFormedTextPipe },
        { provide: APP_PIPE, useClass: SingleQueryValuePipe },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidUnknownValues: true,
            transform: true,
          }),
        },
      ],
    };
  }
}
