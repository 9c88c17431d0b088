import { Public, Unmetered } from '@app/auth';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { ShutdownState } from './shutdown-state.js';

const DATABASE_PING_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

/** Probes answer with status only: no hostnames, versions or error text. */
@Public()
@Unmetered()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly shutdown: ShutdownState,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Ready for traffic: not shutting down, and the database answers. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => {
        const check = this.indicators.check('lifecycle');
        return this.shutdown.isShuttingDown ? check.down() : check.up();
      },
      async () => {
        const check = this.indicators.check('database');
        try {
          await withTimeout(this.dataSource.query('SELECT 1'), DATABASE_PING_TIMEOUT_MS);
          return check.up();
        } catch {
          return check.down();
        }
      },
    ]);
  }
}
