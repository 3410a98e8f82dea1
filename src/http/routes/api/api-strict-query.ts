import { ValidationError } from '../../../errors.js';
import { findRepeatedParam, repeatedParamMessage } from '../../query-params.js';

/**
 * The query-string rules Fastify's own validation cannot state in our words, checked before it runs:
 *  - a parameter given twice (`?limit=1&limit=2`, `?kind=call&kind=visit`) is refused rather than guessed at;
 *  - a parameter the route does not know (`?bogus=1`, `?stauts=won`) is refused rather than silently ignored
 *    (Fastify's Ajv strips unknown properties instead of reporting them).
 * Both are a 400 naming the parameter, in English and Chinese.
 */
export function checkQueryParams(query: unknown, querySchema: unknown): void {
  const repeated = findRepeatedParam(query);
  if (repeated !== undefined) {
    const { message, messageZh } = repeatedParamMessage(repeated);
    throw new ValidationError(repeated, message, messageZh);
  }
  const known = knownParams(querySchema);
  if (!known || !query || typeof query !== 'object') return;
  const unknown = Object.keys(query).find((name) => !known.includes(name));
  if (unknown === undefined) return;
  const list = known.join(', ');
  throw new ValidationError(
    unknown,
    `query parameter "${unknown}" is not known here; known parameters: ${list}`,
    `查询参数“${unknown}”不存在；可用的参数：${list}`,
  );
}

/** The parameter names of a strict (`additionalProperties: false`) query-string schema; undefined when not strict. */
function knownParams(schema: unknown): string[] | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const { properties, additionalProperties } = schema as { properties?: Record<string, unknown>; additionalProperties?: unknown };
  if (additionalProperties !== false || !properties) return undefined;
  return Object.keys(properties);
}
