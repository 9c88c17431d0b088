import type { ApolloServerPlugin } from '@apollo/server';

const secondsOf = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.max(1, Math.ceil(value)) : 1;

/**
 * A GraphQL answer refused for its rate is an HTTP 429 with `Retry-After` (the longest any of
 * its errors asks), so clients and proxies back off as they would for any API. Only when nothing
 * ran: a response that also carries data keeps its 200.
 */
export function rateLimitStatusPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ response }) {
          // @nestjs/apollo's own plugin (added after ours) sets 200 on every response that ran;
          // Apollo calls all these hooks at once, so waiting one turn lets this decision win.
          await Promise.resolve();
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const limited = (errors ?? []).filter((e) => e.extensions?.code === 'RATE_LIMITED');
          const ranSomething = Object.values(data ?? {}).some((value) => value !== null);
          if (limited.length > 0 && !ranSomething) {
            const seconds = Math.max(
              ...limited.map((e) => secondsOf(e.extensions?.retryAfterSeconds)),
            );
            response.http.status = 429;
            response.http.headers.set('retry-after', String(seconds));
          }
        },
      });
    },
  };
}
