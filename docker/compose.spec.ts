import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, configSchema, loadConfig } from '@app/config';

// jest runs from the repo root.
const ROOT = process.cwd();
const COMPOSE_PATH = join(ROOT, 'docker', 'compose.yaml');
const DOCKERFILE_PATH = join(ROOT, 'docker', 'Dockerfile');

/** What an operator provides: only the variables the compose file insists on. */
const SAMPLE_ENV: Env = {
  JWT_SECRET: 'k3y-'.repeat(10), // 40 characters
  AUDIT_HMAC_KEYS: `2026:${'aud1t-'.repeat(7)}`,
};

type Env = Record<string, string | undefined>;

// ---------------------------------------------------------------- compose helpers

/**
 * Compose-style interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, ${VAR+alt}. Nested expressions are not supported.
 */
function interpolate(value: string, env: Env): string {
  const pattern =
    /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  return value.replace(
    pattern,
    (
      _match,
      dollar: string | undefined,
      braced: string | undefined,
      op: string | undefined,
      arg: string | undefined,
      bare: string | undefined,
    ) => {
      if (dollar) return '$';
      const name = (braced ?? bare) as string;
      const current = env[name];
      const isSet = current !== undefined;
      const isNonEmpty = isSet && current !== '';
      switch (op) {
        case undefined:
          return current ?? '';
        case ':-':
          return isNonEmpty ? current : (arg ?? '');
        case '-':
          return isSet ? current : (arg ?? '');
        case ':?':
        case '?':
          if (op === ':?' ? !isNonEmpty : !isSet)
            throw new Error(`required variable ${name} is missing: ${arg}`);
          return current as string;
        case ':+':
          return isNonEmpty ? (arg ?? '') : '';
        case '+':
          return isSet ? (arg ?? '') : '';
        default:
          throw new Error(`unsupported interpolation operator ${op}`);
      }
    },
  );
}

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: unknown;
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (string | number | { target?: number; published?: string | number })[];
  restart?: string;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
}

interface ComposeFile {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

function loadCompose(): ComposeFile {
  // merge: true resolves `<<: *anchor` as Docker Compose does.
  return parse(readFileSync(COMPOSE_PATH, 'utf8'), { merge: true }) as ComposeFile;
}

function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services?.[name];
  if (!found) throw new Error(`compose.yaml has no "${name}" service`);
  return found;
}

/** The raw (uninterpolated) environment of a service, list or map form. A bare key passes the host value through. */
function rawEnvironment(svc: ComposeService): Record<string, string | null> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const eq = entry.indexOf('=');
        return eq === -1 ? [entry, null] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? null : String(value)]),
  );
}

/** The environment the container would see, given the operator's shell/.env variables. */
function containerEnvironment(svc: ComposeService, hostEnv: Env): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawEnvironment(svc))) {
    if (value === null) {
      if (hostEnv[key] !== undefined) result[key] = hostEnv[key];
    } else {
      result[key] = interpolate(value, hostEnv);
    }
  }
  return result;
}

function healthcheckCommand(svc: ComposeService): string {
  const test = svc.healthcheck?.test;
  if (!test || svc.healthcheck?.disable) return '';
  return Array.isArray(test) ? test.join(' ') : test;
}

function dependencyCondition(svc: ComposeService, dependency: string): string | undefined {
  const deps = svc.depends_on;
  if (!deps) return undefined;
  if (Array.isArray(deps)) return deps.includes(dependency) ? 'service_started' : undefined;
  const dep = deps[dependency];
  return dep ? (dep.condition ?? 'service_started') : undefined;
}

function containerPorts(svc: ComposeService): number[] {
  return (svc.ports ?? []).map((port) => {
    if (typeof port === 'object') return Number(port.target);
    // "published:target[/proto]" or "ip:published:target"; the container port is last.
    const spec = String(port).split('/')[0];
    return Number(spec.split(':').pop());
  });
}

/** Validates an environment the way the app does at boot (empty strings count as unset). */
function validate(env: Record<string, string>) {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  return configSchema.safeParse(present);
}

// ---------------------------------------------------------------- Dockerfile helpers

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name?: string;
  base: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  if (pending.trim() !== '') lines.push(pending);

  const stages: Stage[] = [];
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!match) throw new Error(`cannot parse: ${line}`);
      stages.push({ base: match[1], name: match[2]?.toLowerCase(), instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1]?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

function stage(stages: Stage[], name: string): Stage {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`Dockerfile has no "${name}" stage`);
  return found;
}

/** The stage's instructions preceded by those it inherits through `FROM <stage>`. */
function inheritedInstructions(stages: Stage[], target: Stage): Instruction[] {
  const parent = stages.find((s) => s.name !== undefined && s.name === target.base.toLowerCase());
  return [...(parent ? inheritedInstructions(stages, parent) : []), ...target.instructions];
}

/** The user the container runs as; images from a registry (node:*) default to root. */
function effectiveUser(stages: Stage[], target: Stage): string {
  const users = inheritedInstructions(stages, target).filter((i) => i.keyword === 'USER');
  const last = users[users.length - 1];
  return last ? last.args.split(':')[0] : 'root';
}

function effectiveEnv(stages: Stage[], target: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of inheritedInstructions(stages, target)) {
    if (keyword !== 'ENV') continue;
    if (!args.includes('=')) {
      const [key = '', ...value] = args.split(/\s+/);
      env[key] = value.join(' ');
      continue;
    }
    for (const pair of args.split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

/** Source paths of every COPY/ADD that ends up in the image. */
function copiedSources(stages: Stage[], target: Stage): string[] {
  return inheritedInstructions(stages, target)
    .filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')
    .flatMap((i) => {
      const paths = i.args.split(/\s+/).filter((token) => !token.startsWith('--'));
      return paths.slice(0, -1);
    });
}

// ---------------------------------------------------------------- tests

describe('interpolate (test helper)', () => {
  it('substitutes defaults, required values and escapes like Docker Compose', () => {
    expect(interpolate('${A:-x}/${B-y}/${C:-z}', { A: 'a', C: '' })).toBe('a/y/z');
    expect(interpolate('${B-y}', { B: '' })).toBe('');
    expect(interpolate('${A:?need A}$$HOME$A', { A: 'a' })).toBe('a$HOMEa');
    expect(() => interpolate('${A:?need A}', { A: '' })).toThrow('need A');
    expect(() => interpolate('${A?need A}', {})).toThrow('need A');
  });
});

describe('docker/compose.yaml', () => {
  const compose = loadCompose();
  const api = service(compose, 'api');
  const worker = service(compose, 'worker');
  const migrate = service(compose, 'migrate');
  const postgres = service(compose, 'postgres');

  it('defines the postgres, migrate, api and worker services', () => {
    expect(Object.keys(compose.services ?? {})).toEqual(
      expect.arrayContaining(['postgres', 'migrate', 'api', 'worker']),
    );
  });

  it('runs postgres 15 on a named volume with a pg_isready healthcheck', () => {
    expect(postgres.image).toMatch(/^postgres:15(\.|-|$)/);
    expect(healthcheckCommand(postgres)).toContain('pg_isready');
    const dataVolume = (postgres.volumes ?? [])
      .map((v) => (typeof v === 'string' ? v.split(':') : [v.source ?? '', v.target ?? '']))
      .find(([, target]) => target === '/var/lib/postgresql/data');
    expect(dataVolume).toBeDefined();
    // A named volume, not a bind mount: declared at the top level.
    expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume?.[0]);
  });

  it('builds api and worker from the repo root with the matching Dockerfile targets', () => {
    const stages = parseDockerfile(readFileSync(DOCKERFILE_PATH, 'utf8'));
    for (const [svc, target] of [
      [api, 'api'],
      [worker, 'worker'],
      [migrate, 'migrate'],
    ] as const) {
      expect(svc.build?.target).toBe(target);
      const context = resolve(dirname(COMPOSE_PATH), svc.build?.context ?? '.');
      expect(context).toBe(ROOT);
      expect(resolve(context, svc.build?.dockerfile ?? 'Dockerfile')).toBe(DOCKERFILE_PATH);
      expect(stages.map((s) => s.name)).toContain(target);
    }
  });

  it('starts the api after postgres is healthy and probes /health/ready', () => {
    expect(dependencyCondition(api, 'postgres')).toBe('service_healthy');
    expect(healthcheckCommand(api)).toContain('/health/ready');
  });

  it('migrates once, in a one-shot service, before the api and the worker start', () => {
    expect(dependencyCondition(migrate, 'postgres')).toBe('service_healthy');
    expect(migrate.restart).toBe('no');
    for (const svc of [api, worker]) {
      expect(dependencyCondition(svc, 'migrate')).toBe('service_completed_successfully');
    }
    expect(worker.ports ?? []).toEqual([]);
    expect(migrate.ports ?? []).toEqual([]);
  });

  it.each(['migrate', 'api', 'worker'])('sets only variables Cascade reads for %s', (name) => {
    const svc = service(compose, name);
    expect(svc.env_file).toBeUndefined();
    const keys = Object.keys(rawEnvironment(svc));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !(CONFIG_VARIABLES as string[]).includes(key))).toEqual([]);
  });

  it.each(['migrate', 'api', 'worker'])('gives %s a valid production configuration', (name) => {
    const env = containerEnvironment(service(compose, name), SAMPLE_ENV);
    const parsed = validate(env);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.NODE_ENV).toBe('production');
    expect(parsed.data?.DATABASE_URL).toBeDefined();
    expect(parsed.data?.JWT_SECRET).toBe(SAMPLE_ENV.JWT_SECRET);
    // The app's own boot-time rules, including the production-only ones.
    const config = loadConfig(env);
    expect(config.isProduction).toBe(true);
    expect(config.database.mode).toBe('server');
  });

  it('makes the api listen on all interfaces, on the published port, without running jobs', () => {
    const env = containerEnvironment(api, SAMPLE_ENV);
    const config = loadConfig(env);
    expect(config.http.host).toBe('0.0.0.0');
    expect(containerPorts(api)).toContain(config.http.port);
    expect(healthcheckCommand(api)).toContain(`:${config.http.port}/`);
    expect(config.jobsInProcess).toBe(false);
  });

  it.each(['migrate', 'api', 'worker'])(
    'refuses to start %s without JWT_SECRET or AUDIT_HMAC_KEYS and rejects a short secret',
    (name) => {
      const svc = service(compose, name);
      expect(() =>
        containerEnvironment(svc, { AUDIT_HMAC_KEYS: SAMPLE_ENV.AUDIT_HMAC_KEYS }),
      ).toThrow(/JWT_SECRET/);
      const shortSecret = validate(
        containerEnvironment(svc, { ...SAMPLE_ENV, JWT_SECRET: 'too-short' }),
      );
      expect(shortSecret.success).toBe(false);
      expect(() => containerEnvironment(svc, { JWT_SECRET: SAMPLE_ENV.JWT_SECRET })).toThrow(
        /AUDIT_HMAC_KEYS/,
      );
    },
  );

  it.each([{}, { POSTGRES_PASSWORD: 's3cret-pw', CASCADE_DB_PASSWORD: 'serving-pw' }])(
    'serves as the app role and migrates as the owner, on the postgres service (%o)',
    (overrides) => {
      const hostEnv: Env = { ...SAMPLE_ENV, ...overrides };
      const db = containerEnvironment(postgres, hostEnv);
      const database = db.POSTGRES_DB ?? db.POSTGRES_USER ?? 'postgres';
      const onPostgres = (url: URL) => {
        expect(url.hostname).toBe('postgres');
        expect(url.port === '' || url.port === '5432').toBe(true);
        expect(url.pathname.slice(1)).toBe(database);
      };
      const serving = new Set<string>();
      for (const name of ['migrate', 'api', 'worker']) {
        const env = containerEnvironment(service(compose, name), hostEnv);
        const url = new URL(env.DATABASE_URL);
        onPostgres(url);
        // The owner (the image's superuser) never serves requests.
        expect(decodeURIComponent(url.username)).toBe('cascade_app');
        expect(decodeURIComponent(url.password)).not.toBe(db.POSTGRES_PASSWORD);
        if (hostEnv.CASCADE_DB_PASSWORD)
          expect(decodeURIComponent(url.password)).toBe(hostEnv.CASCADE_DB_PASSWORD);
        serving.add(env.DATABASE_URL);
        expect(Boolean(env.DATABASE_MIGRATION_URL)).toBe(name === 'migrate');
      }
      // One serving URL everywhere: migrate gives the serving roles its password.
      expect(serving.size).toBe(1);
      const owner = new URL(containerEnvironment(migrate, hostEnv).DATABASE_MIGRATION_URL);
      onPostgres(owner);
      expect(decodeURIComponent(owner.username)).toBe(db.POSTGRES_USER ?? 'postgres');
      expect(decodeURIComponent(owner.password)).toBe(db.POSTGRES_PASSWORD);
    },
  );
});

describe('docker/Dockerfile', () => {
  const stages = parseDockerfile(readFileSync(DOCKERFILE_PATH, 'utf8'));
  const targets = [
    { name: 'api', entry: 'dist/apps/api/src/main.js' },
    { name: 'worker', entry: 'dist/apps/worker/src/main.js' },
    { name: 'migrate', entry: 'dist/libs/schema/src/cli/migrate.js' },
  ];

  it.each(targets)(
    'runs the $name target as a non-root user declared in that stage',
    ({ name }) => {
      const target = stage(stages, name);
      expect(target.instructions.some((i) => i.keyword === 'USER')).toBe(true);
      expect(['root', '0', '']).not.toContain(effectiveUser(stages, target));
    },
  );

  it.each(targets)('starts $entry in production mode for $name', ({ name, entry }) => {
    const target = stage(stages, name);
    const cmds = inheritedInstructions(stages, target).filter(
      (i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT',
    );
    expect(cmds[cmds.length - 1]?.args).toContain(entry);
    expect(effectiveEnv(stages, target).NODE_ENV).toBe('production');
  });

  it.each(targets)(
    'copies only dist, production node_modules, package.json and the questionnaires into $name',
    ({ name }) => {
      const sources = copiedSources(stages, stage(stages, name)).map((source) =>
        source.replace(/\/+$/, '').split('/').pop(),
      );
      expect(sources.length).toBeGreaterThan(0);
      expect(
        sources.filter(
          (source) =>
            !['dist', 'node_modules', 'package.json', 'questionnaires'].includes(source ?? ''),
        ),
      ).toEqual([]);
    },
  );

  it('gives the api a readiness HEALTHCHECK and the worker no HTTP port', () => {
    const apiChecks = inheritedInstructions(stages, stage(stages, 'api')).filter(
      (i) => i.keyword === 'HEALTHCHECK',
    );
    expect(apiChecks[apiChecks.length - 1]?.args).toContain('/health/ready');
    expect(
      inheritedInstructions(stages, stage(stages, 'worker')).some((i) => i.keyword === 'EXPOSE'),
    ).toBe(false);
  });

  it.each(targets)(
    'takes node_modules for $name from a stage that omitted dev dependencies',
    ({ name }) => {
      const copy = inheritedInstructions(stages, stage(stages, name)).find(
        (i) => i.keyword === 'COPY' && /node_modules/.test(i.args),
      );
      const from = /--from=(\S+)/.exec(copy?.args ?? '')?.[1];
      expect(from).toBeDefined();
      const installs = inheritedInstructions(stages, stage(stages, from as string)).filter(
        (i) => i.keyword === 'RUN' && /\bnpm (ci|install)\b/.test(i.args),
      );
      expect(installs.length).toBeGreaterThan(0);
      expect(installs.every((i) => /--omit=dev\b/.test(i.args))).toBe(true);
    },
  );
});
