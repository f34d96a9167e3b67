import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '../../lib/http/http-error.ts';
import type { Identity } from '../../lib/identity.ts';

/**
 * Requests per subject (API key, token subject) or, for anonymous callers, per client IP.
 * Over the limit: 429 with Retry-After. In memory per gateway instance: with N instances
 * behind a load balancer the effective limit is N times this (a shared store is the next step).
 */
export interface RateLimitSettings {
  points: number;
  durationSeconds: number;
}

export function rateLimiter(settings: RateLimitSettings) {
  const limiter = new RateLimiterMemory({ points: settings.points, duration: settings.durationSeconds });
  return async (identity: Identity, req: IncomingMessage): Promise<void> => {
    const key = identity.subject === 'anonymous' ? `ip:${req.socket.remoteAddress ?? 'unknown'}` : identity.subject;
    try {
      await limiter.consume(key);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw new HttpError(429, 'RATE_LIMITED', `Too many requests; try again in ${seconds} s.`, { 'retry-after': String(seconds) });
    }
  };
}
