// Canonical JSON and content ids. Two scenarios that mean the same thing byte for byte, whatever the
// key order or whitespace of their files, get the same id, so reports, findings and regression files
// can refer to a scenario by a short stable name.
import { createHash } from 'node:crypto';
import type { Scenario } from './types.js';

/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does) and no
 * whitespace. Array order is kept. Numbers and strings are written as JSON.stringify writes them,
 * which makes this RFC 8785 (JCS) for the values scenarios use. Undefined object fields are left
 * out, as JSON.stringify does; values JSON cannot represent are programmer errors and throw.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not representable in JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record).filter((k) => record[k] !== undefined).sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
    return `{${fields.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} is not representable in JSON`);
}

/** Fields that describe a scenario without changing what it does; the id ignores them. */
const NOT_CONTENT: ReadonlySet<string> = new Set(['id', 'name', 'notes', 'provenance', '$schema', 'regression']);

/** First 16 hex digits of SHA-256 over the canonical JSON of the scenario's content. */
export function scenarioId(s: Scenario): string {
  const content = Object.fromEntries(Object.entries(s).filter(([k]) => !NOT_CONTENT.has(k)));
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex').slice(0, 16);
}

/** The scenario with its `id` set to its content hash (replacing any stale id). */
export function withId(s: Scenario): Scenario {
  return { ...s, id: scenarioId(s) };
}
