export {
  deadLetterQueueOf,
  defineJob,
  type JobDefinition,
  type JobEnvelope,
  type JobHandler,
} from './job-definition.js';
export { JobQueue } from './job-queue.js';
export { JobsModule, type JobsModuleOptions } from './jobs.module.js';
export { installJobQueue } from './install-job-queue.js';
