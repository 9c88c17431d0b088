/**
 * A queue and its retry policy. Every queue retries with exponential backoff, expires stuck
 * attempts, and dead-letters what still fails, so no job retries forever or disappears silently.
 */
export interface JobDefinition<TData extends object> {
  readonly name: string;
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  readonly retryDelayMaxSeconds: number;
  readonly expireInSeconds: number;
  /** How often an idle worker looks for new jobs. */
  readonly pollingIntervalSeconds: number;
  /** Compile-time only: the payload type this queue carries. */
  readonly payload?: TData;
}

export function defineJob<TData extends object>(
  name: string,
  policy: Partial<Omit<JobDefinition<TData>, 'name' | 'payload'>> = {},
): JobDefinition<TData> {
  return {
    name,
    retryLimit: policy.retryLimit ?? 5,
    retryDelaySeconds: policy.retryDelaySeconds ?? 10,
    retryDelayMaxSeconds: policy.retryDelayMaxSeconds ?? 15 * 60,
    expireInSeconds: policy.expireInSeconds ?? 15 * 60,
    pollingIntervalSeconds: policy.pollingIntervalSeconds ?? 2,
  };
}

export function deadLetterQueueOf(definition: JobDefinition<object>): string {
  return `${definition.name}.dead`;
}

/** What is stored in pg-boss: the payload plus the context it must run in. */
export interface JobEnvelope<TData extends object> {
  readonly tenantId: string | null;
  readonly correlationId: string | null;
  readonly data: TData;
}

export type JobHandler<TData extends object> = (data: TData) => Promise<void>;
