/**
 * Finds the customer a rep means by name. Order: exact name, then a unique case-insensitive match,
 * then a unique substring match ("Acme" → "Acme Corporation"). Two or more hits at the first stage
 * that has any → ambiguous, with candidates to show; no hit → none, with look-alike suggestions.
 */
import type { Word } from './bot-command.rule.js';

export interface NamedCandidate {
  id: string;
  name: string;
}

/** How many candidates a reply lists when a name is ambiguous or unknown. */
export const MAX_CANDIDATES_SHOWN = 3;
/** A customer name typed after `/log` may span this many words at most ("Acme Asia Pacific Holdings"). */
export const MAX_NAME_WORDS = 6;
/** Suggestions need at least this share of shared character pairs (Dice coefficient). */
export const MIN_SUGGESTION_SIMILARITY = 0.2;

export type MatchStage = 'exact' | 'case_insensitive' | 'substring';

export type NameMatch<T extends NamedCandidate> =
  | { status: 'matched'; match: T; by: MatchStage }
  | { status: 'ambiguous'; candidates: T[] }
  | { status: 'none'; candidates: T[] };

/** NFKC, lower case, single spaces, no trailing punctuation: "ＡＣＭＥ  Corp，" → "acme corp". */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[,、;:.。!?]+$/u, '')
    .trim();
}

const stages: Array<[MatchStage, (name: string, query: string) => boolean]> = [
  ['exact', (name, query) => name.trim() === query.trim()],
  ['case_insensitive', (name, query) => normalizeName(name) === normalizeName(query)],
  ['substring', (name, query) => normalizeName(query) !== '' && normalizeName(name).includes(normalizeName(query))],
];

function byShortestName<T extends NamedCandidate>(a: T, b: T): number {
  return a.name.length - b.name.length || a.name.localeCompare(b.name);
}

/** Matches a whole query (as in `/bind Acme Corp`). */
export function matchCustomerName<T extends NamedCandidate>(query: string, pool: T[]): NameMatch<T> {
  if (normalizeName(query) === '') return { status: 'none', candidates: [] };
  for (const [stage, test] of stages) {
    const hits = pool.filter((c) => test(c.name, query));
    if (hits.length === 1) return { status: 'matched', match: hits[0]!, by: stage };
    if (hits.length > 1) return { status: 'ambiguous', candidates: [...hits].sort(byShortestName).slice(0, MAX_CANDIDATES_SHOWN) };
  }
  return { status: 'none', candidates: suggestCustomers(query, pool) };
}

export type LeadingNameMatch<T extends NamedCandidate> =
  | { status: 'matched'; match: T; by: MatchStage; /** index of the first word after the name */ nextWord: number }
  | { status: 'ambiguous'; query: string; candidates: T[] }
  | { status: 'none'; query: string; candidates: T[] };

/**
 * Finds the customer named by the first words of `/log` arguments. Each stage tries the longest run of
 * words first, so "Acme Asia visit notes" finds "Acme Asia" before "Acme".
 */
export function matchLeadingCustomerName<T extends NamedCandidate>(words: Word[], pool: T[]): LeadingNameMatch<T> {
  const longest = Math.min(words.length, MAX_NAME_WORDS);
  for (const [stage, test] of stages) {
    for (let n = longest; n >= 1; n--) {
      const query = joinWords(words, n);
      const hits = pool.filter((c) => test(c.name, query));
      if (hits.length === 1) return { status: 'matched', match: hits[0]!, by: stage, nextWord: n };
      if (hits.length > 1) return { status: 'ambiguous', query, candidates: [...hits].sort(byShortestName).slice(0, MAX_CANDIDATES_SHOWN) };
    }
  }
  const query = words[0]?.text ?? '';
  return { status: 'none', query, candidates: suggestCustomers(query, pool) };
}

function joinWords(words: Word[], count: number): string {
  return words
    .slice(0, count)
    .map((w) => w.text)
    .join(' ');
}

/** What the store should fetch so the matchers above see every customer that could match: names containing `seed`. */
export function customerSearchSeed(query: string): string {
  const normalized = normalizeName(query);
  // Two characters are enough to find look-alikes ("华为技术" → everything with "华为") without loading the tenant.
  return [...normalized].slice(0, 2).join('');
}

function bigrams(text: string): string[] {
  const chars = [...normalizeName(text).replace(/\s/gu, '')];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i]! + c);
}

/** Dice coefficient over character pairs: 1 for the same text, 0 for nothing in common. */
export function nameSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.length === 0 || right.length === 0) return 0;
  const pool = [...right];
  let shared = 0;
  for (const gram of left) {
    const at = pool.indexOf(gram);
    if (at !== -1) {
      shared++;
      pool.splice(at, 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** Up to MAX_CANDIDATES_SHOWN look-alike names, most similar first. */
export function suggestCustomers<T extends NamedCandidate>(query: string, pool: T[]): T[] {
  return pool
    .map((c) => ({ c, score: nameSimilarity(query, c.name) }))
    .filter(({ score }) => score >= MIN_SUGGESTION_SIMILARITY)
    .sort((a, b) => b.score - a.score || byShortestName(a.c, b.c))
    .slice(0, MAX_CANDIDATES_SHOWN)
    .map(({ c }) => c);
}

/** A contact name after the customer may span this many words ("Jane Doe"); quotes work for longer ones. */
export const MAX_CONTACT_WORDS = 3;

/**
 * The customer's contact named by the first words after the customer: the full name (longest first),
 * else one word that is a unique part of one contact's name ("Jane" for "Jane Doe"). No match → the
 * words are all summary.
 */
export function matchLeadingContactName<T extends NamedCandidate>(words: Word[], contacts: T[]): { match: T; words: number } | undefined {
  for (let n = Math.min(words.length, MAX_CONTACT_WORDS); n >= 1; n--) {
    const name = normalizeName(joinWords(words, n));
    const hits = contacts.filter((c) => normalizeName(c.name) === name);
    if (hits.length === 1) return { match: hits[0]!, words: n };
    if (hits.length > 1) return undefined;
  }
  const first = words[0] ? normalizeName(words[0].text) : '';
  if (first === '') return undefined;
  const byPart = contacts.filter((c) => normalizeName(c.name).split(' ').includes(first));
  return byPart.length === 1 ? { match: byPart[0]!, words: 1 } : undefined;
}
