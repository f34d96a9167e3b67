import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs, one line per event on stdout (pino). Every line names its service;
 * request lines carry `reqId`, the same id in the gateway and in the subgraphs it called.
 * LOG_LEVEL sets the level; tests that host services in-process default to `silent`.
 */
export type { Logger } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';

export function serviceLogger(service: string, env = process.env): Logger {
  const level = env.LOG_LEVEL ?? (env.VITEST ? 'silent' : 'info');
  return pino({ level, base: { service, pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}
