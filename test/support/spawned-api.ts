import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = process.cwd();
export const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export interface SpawnedApi {
  readonly process: ChildProcess;
  readonly port: number;
  output(): string;
  /** Resolves with the ms it took until the API said it was ready, rejects if it exits first. */
  ready(timeoutMs?: number): Promise<number>;
  exited(): Promise<number | null>;
  /** The first JSON log line matching `match`, waiting briefly: pino writes after the response. */
  logEntry(match: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Runs the built API the way `npm start` does, in its own process; `env` adds variables. */
export async function spawnApi(
  dataDir: string,
  logLevel = 'warn',
  env: Record<string, string> = {},
): Promise<SpawnedApi> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      CASCADE_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: logLevel,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    port,
    output: () => output,
    exited: () => exit,
    async logEntry(match) {
      for (let attempt = 0; attempt < 40; attempt++) {
        const entry = jsonLines(output).find(match);
        if (entry) return entry;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no matching log line in: ${output}`);
    },
    ready: (timeoutMs = 30_000) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready: ${output}`)), timeoutMs);
        const check = () => {
          if (output.includes('Cascade API ready')) {
            clearTimeout(timer);
            resolve(Date.now() - started);
          }
        };
        child.stdout.on('data', check);
        void exit.then((code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${code}: ${output}`));
        });
        check();
      }),
  };
}
