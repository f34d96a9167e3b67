import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * Prometheus metrics of one service (`GET /metrics`): process metrics plus what the hub adds.
 * One registry per service instance, so several services in one process (tests) stay apart.
 */
export function serviceMetrics(service: string, sqlStatements?: () => number): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
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
  return registry;
}
