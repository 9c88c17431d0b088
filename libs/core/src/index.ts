export { CoreModule, type CoreOptions } from './core.module.js';
