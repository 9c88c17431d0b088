export { CoreModule, type CoreOptions } from './core.module.js';
export { closeOnSignals } from './close-on-signals.js';
export { runMain } from './run-main.js';
