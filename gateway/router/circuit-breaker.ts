/**
 * One breaker per owner. After `failures` consecutive failed requests the owner is skipped
 * (answered at once as unavailable) for `cooldownMs`; then one trial request goes through:
 * success closes the breaker, failure opens it for another cooldown. Skipping spares the
 * gateway a timeout per request while an owner is down, and spares the owner a stampede
 * when it comes back.
 */
export interface BreakerSettings {
  failures: number;
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = { failures: 5, cooldownMs: 10_000 };

type State = { kind: 'closed'; failures: number } | { kind: 'open'; until: number } | { kind: 'trial' };

export class CircuitBreakers {
  private readonly states = new Map<string, State>();

  constructor(private readonly settings: BreakerSettings = DEFAULT_BREAKER, private readonly now: () => number = Date.now) {}

  /** Whether a request to this owner may go out now; an expired open breaker lets one trial through. */
  admit(owner: string): boolean {
    const state = this.states.get(owner);
    if (!state || state.kind === 'closed') return true;
    if (state.kind === 'trial') return false;
    if (this.now() < state.until) return false;
    this.states.set(owner, { kind: 'trial' });
    return true;
  }

  succeeded(owner: string): void {
    this.states.set(owner, { kind: 'closed', failures: 0 });
  }

  failed(owner: string): void {
    const state = this.states.get(owner) ?? { kind: 'closed', failures: 0 };
    const failures = state.kind === 'closed' ? state.failures + 1 : this.settings.failures;
    this.states.set(owner, failures >= this.settings.failures
      ? { kind: 'open', until: this.now() + this.settings.cooldownMs }
      : { kind: 'closed', failures });
  }

  isOpen(owner: string): boolean {
    const state = this.states.get(owner);
    return state !== undefined && state.kind !== 'closed';
  }

  /** Milliseconds until the next trial (0 when one may go now or is under way). */
  retryInMs(owner: string): number {
    const state = this.states.get(owner);
    return state?.kind === 'open' ? Math.max(0, state.until - this.now()) : 0;
  }
}
