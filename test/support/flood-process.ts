import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** Status code (or `error`) → how many answers had it. */
export type FloodOutcomes = Record<string, number>;

export interface Flood {
  /** Stops every loop after its request in flight, and returns what the flood was answered. */
  stop(): Promise<FloodOutcomes>;
}

/**
 * The flooding client runs in a process of its own, as it would on another machine: a client in
 * the API's process would spend the API's one event loop on its own work and slow the
 * measurement for a reason no deployment has. Each loop POSTs the documents in turn, as fast as
 * answers come, over keep-alive connections.
 */
const CLIENT = `
const { FLOOD_URL: url, FLOOD_TOKEN: token } = process.env;
const documents = JSON.parse(process.env.FLOOD_DOCUMENTS);
const outcomes = {};
let flooding = true;
process.on('message', () => { flooding = false; });
const count = (key) => { outcomes[key] = (outcomes[key] ?? 0) + 1; };
const loop = async () => {
  for (let i = 0; flooding; i++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
        body: JSON.stringify({ query: documents[i % documents.length] }),
      });
      await response.arrayBuffer();
      count(String(response.status));
    } catch {
      count('error');
    }
  }
};
// Warmed up first (fetch loads lazily), as a client on another machine would be.
await (await fetch(new URL('/health/live', url))).arrayBuffer();
process.send('started');
await Promise.all(Array.from({ length: Number(process.env.FLOOD_LOOPS) }, loop));
process.send(outcomes, () => process.disconnect());
`;

export async function startFlood(options: {
  url: string;
  token: string;
  documents: readonly string[];
  loops: number;
}): Promise<Flood> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      PATH: process.env.PATH,
      FLOOD_URL: options.url,
      FLOOD_TOKEN: options.token,
      FLOOD_DOCUMENTS: JSON.stringify(options.documents),
      FLOOD_LOOPS: String(options.loops),
    },
  });
  const exited = once(child, 'exit');
  const [started] = (await once(child, 'message')) as [unknown];
  if (started !== 'started') throw new Error(`the flood client said ${String(started)}`);
  return {
    async stop() {
      const outcomes = once(child, 'message') as Promise<[FloodOutcomes]>;
      child.send('stop');
      const [result] = await outcomes;
      await exited;
      return result;
    },
  };
}
