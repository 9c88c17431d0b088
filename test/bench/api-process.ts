import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { shippedRuntime } from '../support/shipped-runtime.js';
import { freePort } from '../support/spawned-api.js';

/** The bench drives one credential as hard as it can: request limits would only measure 429s. */
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_PER_CREDENTIAL: '100000000',
  RATE_LIMIT_PER_TENANT: '100000000',
  RATE_LIMIT_PER_ADDRESS: '100000000',
  RATE_LIMIT_SIGN_UPS_PER_ADDRESS: '100000000',
};

export interface ApiProcess {
  readonly port: number;
  /** What the process ran with, for the report. */
  readonly nodeOptions: string;
  /** The process's peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

function ready(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    get({ host: '127.0.0.1', port, path: '/health/ready' }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

/**
 * The built API in a process of its own, on the bench's PostgreSQL database and signing key, so
 * its memory is the API's alone (not the seeding's or the load generator's). It runs as the image
 * ships it (NODE_ENV and the heap cap from docker/Dockerfile); BENCH_API_NODE_OPTIONS replaces
 * the cap, e.g. with nothing to see the uncapped peak.
 */
export async function startApiProcess(databaseUrl: string, jwtSecret: string): Promise<ApiProcess> {
  const port = await freePort();
  const shipped = shippedRuntime();
  const nodeOptions = process.env.BENCH_API_NODE_OPTIONS ?? shipped.NODE_OPTIONS;
  const child: ChildProcess = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: shipped.NODE_ENV,
      LOG_LEVEL: 'silent',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      JOBS_IN_PROCESS: 'false',
      NODE_OPTIONS: nodeOptions,
      ...BENCH_RATE_LIMITS,
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300 && !(await ready(port)); i++) await sleep(100);
  if (!(await ready(port))) throw new Error('the API process did not become ready');
  return {
    port,
    nodeOptions,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) / 1024 : Number.NaN;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
