import { Agent, request } from 'node:http';

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
}

/** A lean keep-alive JSON client for 127.0.0.1, so the client costs as little as possible. */
export class GraphqlClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** POSTs `query`; throws unless the answer is HTTP 200 without GraphQL errors. */
  post(
    query: string,
    token?: string,
    variables?: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const body = JSON.stringify({ query, variables });
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: '/graphql',
          method: 'POST',
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const parsed = JSON.parse(text) as GraphqlBody;
            if (res.statusCode !== 200 || parsed.errors || !parsed.data) {
              reject(new Error(`GraphQL answered ${res.statusCode}: ${text.slice(0, 300)}`));
            } else resolve(parsed.data);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
