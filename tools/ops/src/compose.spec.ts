import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICE_NAMES } from '@gongkai/contracts';

// docker-compose.yml and the Dockerfile cannot be run on the build machines (no Docker engine),
// so this checks their wiring instead: every app built from the Dockerfile, with its environment,
// health check and start order.
const root = join(__dirname, '../../..');
// Every app contracts know (SERVICE_NAMES), so a new service is checked here without a change.
const APPS = SERVICE_NAMES;
const DATA_SERVICES = APPS.filter((app) => app !== 'gateway');

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
  volumes?: string[];
  ports?: string[];
  restart?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

function environmentOf(name: string): Record<string, string> {
  const environment = service(name).environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]),
    );
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
}

function healthyDependencies(name: string): string[] {
  const dependsOn = service(name).depends_on ?? {};
  if (Array.isArray(dependsOn)) return [];
  return Object.entries(dependsOn)
    .filter(([, condition]) => condition.condition === 'service_healthy')
    .map(([dependency]) => dependency);
}

/** The instructions of the Dockerfile's last stage (the image that runs). */
function runtimeStage(): string[] {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const lastFrom = lines.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true);
  return lines.slice(lastFrom);
}

describe('docker-compose.yml', () => {
  it.each(APPS)('builds %s from the Dockerfile with APP set to its name', (app) => {
    const { build } = service(app);
    expect(build?.context).toBe('.');
    expect(build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(build?.args?.['APP']).toBe(app);
    expect(existsSync(join(root, 'apps', app, 'project.json'))).toBe(true);
  });

  it.each(DATA_SERVICES)(
    'gives %s NATS_URL and DATABASE_URL and waits for healthy NATS and PostgreSQL',
    (app) => {
      expect(environmentOf(app)).toEqual(
        expect.objectContaining({
          NATS_URL: 'nats://nats:4222',
          DATABASE_URL: expect.stringMatching(/^postgresql:\/\/.+@postgres:5432\//),
        }),
      );
      expect(healthyDependencies(app)).toEqual(expect.arrayContaining(['nats', 'postgres']));
    },
  );

  it('gives the gateway NATS_URL, PORT and a required BOOTSTRAP_ADMIN_API_KEY, and publishes its port', () => {
    const environment = environmentOf('gateway');
    expect(environment['NATS_URL']).toBe('nats://nats:4222');
    expect(environment['PORT']).toBe('3000');
    // `${VAR:?message}`: compose refuses to start without it rather than run with no admin key.
    expect(environment['BOOTSTRAP_ADMIN_API_KEY']).toMatch(/^\$\{BOOTSTRAP_ADMIN_API_KEY:\?.+\}$/);
    expect(healthyDependencies('gateway')).toContain('nats');
    // Port 3000 by default; a range (GATEWAY_HOST_PORTS=3000-3001) when several gateways run.
    expect(service('gateway').ports).toEqual(['${GATEWAY_HOST_PORTS:-3000}:3000']);
  });

  it('lets every app run as several replicas with --scale: no fixed container names, only the gateway publishes a port', () => {
    for (const app of APPS) expect(service(app)).not.toHaveProperty('container_name');
    for (const app of DATA_SERVICES) expect(service(app).ports).toBeUndefined();
  });

  it.each(APPS)('logs %s in to NATS as its own user, with a password compose requires', (app) => {
    const environment = environmentOf(app);
    const variable = `${app.toUpperCase()}_NATS_PASSWORD`;
    expect(environment['NATS_USER']).toBe(app);
    expect(environment['NATS_PASSWORD']).toMatch(new RegExp(`^\\$\\{${variable}:\\?.+\\}$`));
    // nats-server reads the same variable in tools/docker/nats-users.conf.
    expect(environmentOf('nats')[variable]).toBe(environment['NATS_PASSWORD']);
  });

  it("gives NATS the generated users file where its config's include finds it", () => {
    const nats = service('nats');
    const configMount = (nats.volumes ?? []).find((mount) => mount.startsWith('./tools/docker/nats.conf:'));
    const configDir = (configMount?.split(':')[1] ?? '').replace(/\/[^/]+$/, '');
    const include = /^include\s+\.\/(\S+)$/m.exec(readFileSync(join(root, 'tools/docker/nats.conf'), 'utf8'));
    expect(include?.[1]).toBe('nats-users.conf');
    expect(nats.volumes).toContain(`./tools/docker/nats-users.conf:${configDir}/nats-users.conf:ro`);
    const users = readFileSync(join(root, 'tools/docker/nats-users.conf'), 'utf8');
    for (const app of APPS) expect(users).toContain(`password: $${app.toUpperCase()}_NATS_PASSWORD`);
  });

  it.each(APPS)('health-checks %s with the script the image ships, and restarts it', (app) => {
    expect(service(app).healthcheck?.test).toEqual(['CMD', 'node', '/app/healthcheck.mjs']);
    expect(service(app).restart).toBe('unless-stopped');
  });

  it('runs NATS with JetStream stored on a named volume, health-checked on its monitoring port', () => {
    const nats = service('nats');
    const command = nats.command ?? [];
    expect(command).toContain('-js');
    const storeDir = command[command.indexOf('-sd') + 1];
    expect(storeDir).toBeDefined();
    const volume = (nats.volumes ?? []).find((mount) => mount.endsWith(`:${storeDir}`));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume?.split(':')[0]);
    expect(command).toEqual(expect.arrayContaining(['-m', '8222']));
    expect(JSON.stringify(nats.healthcheck?.test)).toContain('8222/healthz');
  });

  it('keeps PostgreSQL data on a named volume and creates one database per service at first start', () => {
    const postgres = service('postgres');
    expect(postgres.image).toMatch(/^postgres:15/);
    const dataVolume = (postgres.volumes ?? []).find((mount) => mount.endsWith(':/var/lib/postgresql/data'));
    expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume?.split(':')[0]);
    const init = (postgres.volumes ?? []).find((mount) => mount.includes('/docker-entrypoint-initdb.d/'));
    const initFile = init?.split(':')[0] ?? '';
    const sql = readFileSync(join(root, initFile), 'utf8');
    for (const app of DATA_SERVICES) expect(sql).toContain(`CREATE DATABASE gongkai_${app};`);
    expect(postgres.healthcheck?.test).toBeDefined();
  });
});

describe('Dockerfile', () => {
  it('takes the app as a build argument and builds it with Nx', () => {
    expect(dockerfile).toMatch(/^ARG APP$/m);
    expect(dockerfile).toMatch(/npx nx build "\$\{APP\}"/);
  });

  it('runs the app as a non-root user in the final stage', () => {
    const users = runtimeStage().filter((line) => /^USER\s/i.test(line));
    expect(users).not.toHaveLength(0);
    const user = users.at(-1)?.split(/\s+/)[1] ?? '';
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it('installs production dependencies only, ships the health check and starts main.js', () => {
    const stage = runtimeStage().join('\n');
    expect(stage).toMatch(/npm ci --omit=dev/);
    expect(stage).toMatch(/^HEALTHCHECK .*CMD \["node", "\/app\/healthcheck\.mjs"\]$/m);
    expect(stage).toMatch(/^CMD \["node", "main\.js"\]$/m);
    expect(existsSync(join(root, 'tools/docker/healthcheck.mjs'))).toBe(true);
  });
});
