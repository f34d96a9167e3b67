import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../lib/paths.ts';
import { loadOwners } from '../../subgraphs/owners.ts';

/** deploy/*.yaml parsed; each document a Kubernetes object. */
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stringData?: Record<string, string>;
}

const dir = join(ROOT, 'deploy');
const objects: K8sObject[] = readdirSync(dir).filter((f) => f.endsWith('.yaml')).flatMap((file) =>
  parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    return doc.toJS() as K8sObject;
  }));
const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const owners = loadOwners().map((o) => o.code);
const services = ['gateway', 'catalog', ...owners];
const secret = find('Secret', 'hub-secrets')!;
const envName = (service: string) => `DATABASE_URL_${service.toUpperCase().replace(/-/g, '_')}`;

describe('deploy/ Kubernetes manifests', () => {
  it('every object names its kind, API version, name and the namespace', () => {
    for (const o of objects) {
      expect(o.apiVersion, o.metadata?.name).toMatch(/^(v1|apps\/v1|batch\/v1|autoscaling\/v2)$/);
      expect(o.metadata.name).toMatch(/^[a-z0-9-]+$/);
      if (o.kind !== 'Namespace') expect(o.metadata.namespace).toBe('social-return-hub');
    }
    expect(objects.map((o) => o.kind).sort()).toEqual([
      ...services.map(() => 'Deployment'), ...services.map(() => 'HorizontalPodAutoscaler'),
      'Job', 'Namespace', 'Secret', ...services.map(() => 'Service'),
    ].sort());
  });

  it.each(services)('%s: a Deployment with probes, resources and its Service on the pods\' port', (name) => {
    const deployment = find('Deployment', name)!;
    const pod = deployment.spec!.template;
    expect(deployment.spec!.selector.matchLabels).toEqual({ app: name });
    expect(pod.metadata.labels.app).toBe(name);
    const [container] = pod.spec.containers;
    expect(container.command.at(-1)).toBe(name);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/live', port: 'http' });
    expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(container.resources.limits).sort()).toEqual(['cpu', 'memory']);
    const env = new Map<string, any>(container.env.map((e: { name: string }) => [e.name, e])); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(env.get('NODE_ENV').value).toBe('production');
    expect(Number(env.get('SHUTDOWN_TIMEOUT_MS').value)).toBeLessThan(pod.spec.terminationGracePeriodSeconds * 1000);
    expect(env.get('HUB_SIGNING_SECRET').valueFrom.secretKeyRef).toEqual({ name: 'hub-secrets', key: 'HUB_SIGNING_SECRET' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: Number(env.get('PORT').value) }]);
    const service = find('Service', name)!;
    expect(service.spec!.selector).toEqual({ app: name });
    expect(service.spec!.ports[0].targetPort).toBe('http');
  });

  it.each(services)('%s: scales on CPU with at least two replicas', (name) => {
    const hpa = find('HorizontalPodAutoscaler', name)!;
    expect(hpa.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    expect(hpa.spec!.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec!.maxReplicas).toBeGreaterThan(hpa.spec!.minReplicas);
    expect(hpa.spec!.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  it('each owner and the catalog read their own DATABASE_URL from the Secret, each a different server', () => {
    const urls = ['catalog', ...owners].map((name) => {
      const [container] = find('Deployment', name)!.spec!.template.spec.containers;
      const ref = container.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef;
      expect(ref).toEqual({ name: 'hub-secrets', key: envName(name) });
      return new URL(secret.stringData![envName(name)]);
    });
    expect(new Set(urls.map((u) => u.host)).size).toBe(urls.length);
    expect(new Set(urls.map((u) => u.pathname)).size).toBe(urls.length);
    const [gateway] = find('Deployment', 'gateway')!.spec!.template.spec.containers;
    expect(gateway.env.some((e: { name: string }) => e.name === 'DATABASE_URL')).toBe(false);
  });

  it('the gateway routes to every owner\'s Service and the catalog\'s', () => {
    const [gateway] = find('Deployment', 'gateway')!.spec!.template.spec.containers;
    const env = Object.fromEntries(gateway.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(env.CATALOG_URL).toBe('http://catalog.social-return-hub.svc/graphql');
    expect(Object.fromEntries(env.OWNER_URLS.split(',').map((p: string) => p.split('=')))).toEqual(
      Object.fromEntries(owners.map((o) => [o, `http://${o}.social-return-hub.svc/graphql`])));
  });

  it('the migrate Job runs npm run migrate with every database URL from the Secret', () => {
    const job = find('Job', 'migrate')!;
    const [container] = job.spec!.template.spec.containers;
    expect(container.command).toEqual(['npm', 'run', 'migrate']);
    expect(container.envFrom).toEqual([{ secretRef: { name: 'hub-secrets' } }]);
    for (const name of ['catalog', ...owners]) expect(secret.stringData![envName(name)]).toMatch(/^postgres:\/\//);
  });
});
