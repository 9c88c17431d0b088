import { randomUUID } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import type { Request } from 'express';
import { ClsModule } from 'nestjs-cls';
import { RequestContext } from './request-context.js';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Accepts a caller's correlation id only when it is short and log-safe. */
export function correlationIdFor(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
}

@Global()
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      middleware: {
        mount: true,
        setup: (cls, req: Request) => cls.set('correlationId', correlationIdFor(req)),
      },
    }),
  ],
  providers: [RequestContext],
  exports: [RequestContext],
})
export class ContextModule {}
