import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { JobQueue } from './job-queue.js';

export interface JobsModuleOptions {
  /** Fetch and run jobs in this process (the worker, or the API in embedded mode). */
  readonly runWorkers: boolean;
}

const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

/** Starts the queue once every module has registered its jobs; stops it before the pool closes. */
@Injectable()
class JobQueueLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly queue: JobQueue,
    @Inject(JOBS_OPTIONS) private readonly options: JobsModuleOptions,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.queue.start(this.options.runWorkers);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.queue.stop();
  }
}

@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      providers: [{ provide: JOBS_OPTIONS, useValue: options }, JobQueue, JobQueueLifecycle],
      exports: [JobQueue],
    };
  }
}
