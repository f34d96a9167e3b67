import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from './errors.ts';

/** Scalars of the hub, shared by every subgraph. Invalid input is BAD_USER_INPUT. */

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

function stringLiteral(ast: ValueNode, name: string): string {
  if (ast.kind !== Kind.STRING) throw invalid(`${name} must be given as a string.`);
  return ast.value;
}

const DECIMAL = /^-?\d{1,12}(\.\d{1,2})?$/;

/** Euros as an exact string: at most 12 integer digits and 2 decimals (numeric(14,2)); never a float. */
function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw invalid(`Decimal must be a string like "1250.00" (at most 12 digits before and 2 after the point), got ${JSON.stringify(value)}.`);
  }
  return value;
}

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  serialize: (value) => {
    if (typeof value !== 'string') throw new Error('Decimal values are strings inside the hub');
    return value;
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(stringLiteral(ast, 'Decimal')),
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw invalid(`Date must be an existing calendar date "YYYY-MM-DD", got ${JSON.stringify(value)}.`);
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (value) => String(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(stringLiteral(ast, 'Date')),
});

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/** ISO-8601 with an explicit offset (`Z` or `+01:00`); the offset is required on input. */
function parseDateTime(value: unknown): string {
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!m || !isCalendarDate(m[1]) || Number.isNaN(Date.parse(value as string))) {
    throw invalid(`DateTime must be ISO-8601 with an offset, e.g. "2025-02-01T09:30:00+01:00", got ${JSON.stringify(value)}.`);
  }
  return value as string;
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: (value) => String(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast, 'DateTime')),
});

export const scalarResolvers = { Decimal: DecimalScalar, Date: DateScalar, DateTime: DateTimeScalar };

/** Today's calendar date in the Netherlands. */
export function todayInAmsterdam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}
