/**
 * Fastify parses `?a=1&a=2` into `{a: ['1', '2']}`. salesbeat's routes take one value per parameter, so a repeated
 * parameter is refused by name before anything reads it (signature checks would otherwise meet an array).
 */

/** The raw query as Fastify's parser gives it. */
export type RawQuery = Record<string, string | string[] | undefined>;

/** The first parameter given more than once, or undefined when every parameter has one value. */
export function findRepeatedParam(query: unknown): string | undefined {
  if (!query || typeof query !== 'object') return undefined;
  for (const [name, value] of Object.entries(query as RawQuery)) {
    if (Array.isArray(value)) return name;
  }
  return undefined;
}

/** The query with one string per parameter; call after findRepeatedParam found none. */
export function singleValuedQuery(query: unknown): Record<string, string> {
  const single: Record<string, string> = {};
  if (!query || typeof query !== 'object') return single;
  for (const [name, value] of Object.entries(query as RawQuery)) {
    if (typeof value === 'string') single[name] = value;
  }
  return single;
}

/** `query parameter "x" was given more than once` in English and Chinese. */
export function repeatedParamMessage(name: string): { message: string; messageZh: string } {
  return {
    message: `query parameter "${name}" was given more than once; give it once`,
    messageZh: `查询参数“${name}”重复出现；只能给一次`,
  };
}
