import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors.ts';

/**
 * Error shaping shared by every service:
 * - Apollo Server files errors raised during validation (a scalar's parseLiteral, a limit
 *   rule) under GRAPHQL_VALIDATION_FAILED; the code the rule chose is kept instead.
 * - The parser's token limit is a limit like the others: QUERY_TOO_COMPLEX (graphql-js
 *   spells it "more that").
 * - Apollo's own 4xx request errors without a code are BAD_REQUEST.
 * - Unexpected errors are logged and answered without internals (never a stack trace).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = (error as { originalError?: { extensions?: { code?: unknown } } })?.originalError;
  const originalCode = original?.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof originalCode === 'string' && originalCode !== code) {
    return { ...formatted, extensions: { ...formatted.extensions, code: originalCode } };
  }
  if (code === 'GRAPHQL_PARSE_FAILED' && /Document contains more tha[nt] \d+ tokens/.test(formatted.message)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  // Apollo's own request errors (e.g. an APQ hash that does not match) carry a 4xx status but no code.
  const status = (error as { extensions?: { http?: { status?: number } } })?.extensions?.http?.status;
  if (code === ErrorCode.INTERNAL_SERVER_ERROR && status !== undefined && status >= 400 && status < 500) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
  }
  if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
    console.error('internal error:', error);
    // The owner the router tagged it with is no internal detail: it tells the client whose part failed.
    const owner = formatted.extensions?.owner;
    return { message: 'Internal server error.', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(owner === undefined ? {} : { owner }) } };
  }
  return formatted;
}
