import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors.ts';

/**
 * Error shaping shared by every service: no stack traces, and a BAD_USER_INPUT raised while
 * parsing a literal (a scalar's parseLiteral) keeps its code instead of becoming a generic
 * validation failure. Unexpected errors are logged and answered without internals.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: { extensions?: { code?: unknown } } })?.originalError;
  if (original?.extensions?.code === ErrorCode.BAD_USER_INPUT) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  if (formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
    console.error('internal error:', error);
    return { message: 'Internal server error.', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }
  return formatted;
}
