import { Clock } from '../time/clock.js';
import { randomUUID } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import type { Request } from 'express';
import { ClsModule } from 'nestjs-cls';
import { RequestContext } from './request-context.js';
import { RequestLoaders } from './request-loaders.js';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

const assigned = new WeakMap<object, string>();

/**
 * One correlation id per request, shared by the logs and the context. A caller's `x-request-id`
 * is kept only when it is short and log-safe.
 */
export function correlationIdFor(req: Pick<Request, 'headers'>): string {
  let id = assigned.get(req);
  if (!id) {
    const given = req.headers['x-request-id'];
    id = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
    assigned.set(req, id);
  }
  return id;
}

@Global()
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      middleware: {
        mount: true,
        setup: (cls, req: Request) => {
          cls.set('correlationId', correlationIdFor(req));
          cls.set('clientIp', req.ip ?? req.socket.remoteAddress);
        },
      },
    }),
  ],
  providers: [RequestContext, RequestLoaders, Clock],
  exports: [RequestContext, RequestLoaders, Clock],
})
export class ContextModule {}
