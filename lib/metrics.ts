import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one service (`GET /metrics`): process metrics plus what the hub adds.
 * One registry per service instance, so several services in one process (tests) stay apart.
 */
export interface ServiceMetrics {
  registry: Registry;
  /** One HTTP request answered: path, status and its GraphQL error codes. */
  request(path: string, status: number, seconds: number, errorCodes: readonly string[]): void;
}

export interface MetricsSources {
  /** SQL statements sent since start. */
  sqlStatements?: () => number;
  /** Connections of this process's database pool, read at scrape time. */
  pool?: () => Promise<{ active: number; idle: number; max: number }>;
}

export function serviceMetrics(service: string, sources: MetricsSources = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const { sqlStatements, pool } = sources;
  if (sqlStatements) {
    new Counter({
      name: 'hub_sql_statements_total',
      help: 'SQL statements this service sent to its database.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(sqlStatements());
      },
    });
  }
  if (pool) {
    new Gauge({
      name: 'hub_db_pool_connections',
      help: 'Database pool connections by state (active, idle, max).',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        try {
          const p = await pool();
          this.set({ state: 'active' }, p.active);
          this.set({ state: 'idle' }, p.idle);
          this.set({ state: 'max' }, p.max);
        } catch {
          // The database is away: report no connections rather than fail the scrape.
          this.set({ state: 'active' }, 0);
          this.set({ state: 'idle' }, 0);
        }
      },
    });
  }
  const requests = new Counter({
    name: 'hub_http_requests_total', help: 'HTTP requests answered, by path and status.', labelNames: ['path', 'status'], registers: [registry],
  });
  const errors = new Counter({
    name: 'hub_graphql_errors_total', help: 'GraphQL errors returned, by extensions.code.', labelNames: ['code'], registers: [registry],
  });
  const latency = new Histogram({
    name: 'hub_http_request_duration_seconds', help: 'Time to answer an HTTP request.', labelNames: ['path'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  return {
    registry,
    request(path, status, seconds, errorCodes) {
      requests.inc({ path, status: String(status) });
      latency.observe({ path }, seconds);
      for (const code of errorCodes) errors.inc({ code });
    },
  };
}

/** The gateway's view of its owners: fetch latency and failures per owner, breaker state. */
export interface OwnerMetrics {
  fetched(owner: string, seconds: number, outcome: 'ok' | 'failed' | 'skipped'): void;
}

export function ownerMetrics(registry: Registry, circuitOpen: () => Record<string, boolean>): OwnerMetrics {
  const latency = new Histogram({
    name: 'hub_owner_fetch_duration_seconds', help: 'Time of one subgraph request to an owner.', labelNames: ['owner', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const failures = new Counter({
    name: 'hub_owner_fetch_failures_total', help: 'Owner requests that failed or were skipped by the circuit breaker.', labelNames: ['owner', 'outcome'], registers: [registry],
  });
  new Gauge({
    name: 'hub_owner_circuit_open', help: '1 while the circuit breaker skips this owner.', labelNames: ['owner'], registers: [registry],
    collect() {
      for (const [owner, open] of Object.entries(circuitOpen())) this.set({ owner }, open ? 1 : 0);
    },
  });
  return {
    fetched(owner, seconds, outcome) {
      if (outcome !== 'skipped') latency.observe({ owner, outcome }, seconds);
      if (outcome !== 'ok') failures.inc({ owner, outcome });
    },
  };
}
