import { sql, type SQL } from 'drizzle-orm';

/** One page of a listing: `limit` rows starting at `offset`. */
export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  /** Rows matching the filters, over all pages. */
  total: number;
}

/** Runs the page query and the count query side by side. */
export async function pageOf<T>(items: Promise<T[]>, total: Promise<number>): Promise<Page<T>> {
  const [rows, count] = await Promise.all([items, total]);
  return { items: rows, total: count };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards in `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `count(*)` as a number on both drivers (node-postgres returns bigint as a string). */
export const countAll: SQL<number> = sql<number>`count(*)`.mapWith(Number);
