import type { CsvRow } from './csv-rows.js';
import type { FileReportBuilder } from './import-report.js';
import { optionalText, parseScaledDecimal } from './import-values.js';

export const PRODUCT_COLUMNS = ['product', 'series', 'sales_price'] as const;

/** USD with cents → integer cents. */
export const DOLLARS_TO_CENTS_DIGITS = 2;

/** products.csv: product name → list price in cents. Not stored; it names the products and prices open deals. */
export type PriceList = ReadonlyMap<string, number>;

export function mapProducts(rows: CsvRow[], report: FileReportBuilder): PriceList {
  const prices = new Map<string, number>();
  for (const { row, values } of rows) {
    const product = optionalText(values.product);
    if (product === null) {
      report.skip(row, 'blank product');
      continue;
    }
    if (prices.has(product)) {
      report.skip(row, 'duplicate product');
      continue;
    }
    const cents = parseScaledDecimal(values.sales_price ?? '', DOLLARS_TO_CENTS_DIGITS);
    if (cents === undefined) {
      report.skip(row, 'sales_price is not a non-negative number');
      continue;
    }
    prices.set(product, cents);
  }
  return prices;
}

/** Same product when the names differ only by spaces or case: `GTXPro` is `GTX Pro`. */
function productKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/**
 * The price-list name for a pipeline product: itself when listed, else the one listed product whose name
 * differs only by spaces or case (`corrected` says so, for the report), else undefined.
 */
export function normaliseProduct(name: string, prices: PriceList): { name: string; corrected: boolean } | undefined {
  if (prices.has(name)) return { name, corrected: false };
  const key = productKey(name);
  const matches = [...prices.keys()].filter((listed) => productKey(listed) === key);
  return matches.length === 1 ? { name: matches[0]!, corrected: true } : undefined;
}
