import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ShippedRuntime {
  readonly NODE_ENV: string;
  /** The V8 heap cap, which `npm start` applies too unless NODE_OPTIONS is set. */
  readonly NODE_OPTIONS: string;
}

/** The environment the container image runs the API with: docker/Dockerfile's `ENV` lines. */
export function shippedRuntime(root = process.cwd()): ShippedRuntime {
  const dockerfile = readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8');
  const env = (name: string) => {
    const value = new RegExp(`^ENV ${name}=(\\S+)$`, 'm').exec(dockerfile)?.[1];
    if (!value) throw new Error(`docker/Dockerfile sets no ${name}`);
    return value;
  };
  return { NODE_ENV: env('NODE_ENV'), NODE_OPTIONS: env('NODE_OPTIONS') };
}
