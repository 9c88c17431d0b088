import { Foundation1795545356165 } from './1795545356165-foundation.js';

/** Applied in this order; never edit a migration once it has landed. */
export const MIGRATIONS = [Foundation1795545356165];
