import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../support/spawned-api.js';

export interface ApiProcess {
  readonly port: number;
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
 * its memory is the API's alone (not the seeding's or the load generator's).
 */
export async function startApiProcess(databaseUrl: string, jwtSecret: string): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      JOBS_IN_PROCESS: 'false',
      // e.g. --max-old-space-size=320, to see how much of the peak is uncollected garbage.
      NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS ?? '',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300 && !(await ready(port)); i++) await sleep(100);
  if (!(await ready(port))) throw new Error('the API process did not become ready');
  return {
    port,
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
