import { APP_CONFIG, type AppConfig } from '@app/config';
import { correlationIdFor, type ContextStore } from '@app/common';
import { Module } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';

/** Every log line carries the correlation id and tenant of the request or job it belongs to. */
function contextFields(): Record<string, unknown> {
  const cls = ClsServiceManager.getClsService<ContextStore>();
  if (!cls.isActive()) return {};
  return { correlationId: cls.get('correlationId'), tenantId: cls.get('tenantId') };
}

/** JSON logs (pino). Credentials never reach a log line. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req) => correlationIdFor(req as Parameters<typeof correlationIdFor>[0]),
          mixin: contextFields,
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            censor: '[redacted]',
          },
          // Liveness probes every few seconds would drown everything else.
          autoLogging: { ignore: (req) => req.url?.startsWith('/health/live') ?? false },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
