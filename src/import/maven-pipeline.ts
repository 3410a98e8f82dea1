import type { DealStatus } from '../store/schema/deals.js';
import type { CsvRow } from './csv-rows.js';
import type { FileReportBuilder } from './import-report.js';
import { optionalText, parseScaledDecimal, parseShanghaiDate, SHANGHAI_UTC_OFFSET_MINUTES } from './import-values.js';
import { DOLLARS_TO_CENTS_DIGITS, normaliseProduct, type PriceList } from './maven-products.js';
import { isMavenStage, mapMavenStage, mavenStages } from './maven-stage-map.js';

export const PIPELINE_COLUMNS = [
  'opportunity_id',
  'sales_agent',
  'product',
  'account',
  'deal_stage',
  'engage_date',
  'close_date',
  'close_value',
] as const;

/** `deals.source` of every imported deal. */
export const IMPORTED_DEAL_SOURCE = 'crm_import';

/** A deal as the import writes it; owner and customer are still names, resolved to ids when written. */
export interface DealRecord {
  externalRef: string;
  ownerRef: string;
  customerRef: string | null;
  title: string;
  product: string;
  stage: string;
  sourceStage: string;
  status: DealStatus;
  amountFen: number | null;
  createdAt: Date;
  closedAt: Date | null;
}

export interface PipelineContext {
  prices: PriceList;
  /** Agent names from sales_teams.csv. */
  agents: ReadonlySet<string>;
  /** Account names from accounts.csv. */
  accounts: ReadonlySet<string>;
}

/** A mapped row before its created_at is settled (rows without engage_date wait for the file's last date). */
interface Draft {
  row: number;
  deal: Omit<DealRecord, 'createdAt'>;
  createdAt: Date | null;
  productCorrection?: string;
}

/**
 * sales_pipeline.csv rows → deals.
 * - amount_fen: close_value × 100 when the row has one (Lost rows carry 0), else, for open deals, the product's
 *   list price × 100 (what the deal is worth if won at list price).
 * - created_at: engage_date; Prospecting rows have none, so they get the last date found in the file (the
 *   dataset's "as of" day), which keeps the import deterministic and the deals inside the dataset's timeline.
 * - a blank account is loaded with no customer and reported as a warning: these are real open opportunities of a
 *   rep, and dropping them would hide 1,425 of the 2,089 open deals.
 */
export function mapPipeline(rows: CsvRow[], context: PipelineContext, report: FileReportBuilder): DealRecord[] {
  const drafts: Draft[] = [];
  const seen = new Set<string>();
  let lastDate: Date | undefined;
  const later = (date: Date | null) => {
    if (date && (!lastDate || date > lastDate)) lastDate = date;
  };

  for (const { row, values } of rows) {
    const draft = mapRow(row, values, context, report);
    if (!draft) continue;
    if (seen.has(draft.deal.externalRef)) {
      report.skip(row, 'duplicate opportunity_id');
      continue;
    }
    seen.add(draft.deal.externalRef);
    if (draft.productCorrection) report.correct(draft.productCorrection);
    later(draft.createdAt);
    later(draft.deal.closedAt);
    drafts.push(draft);
  }

  const asOf = lastDate ?? null;
  const records: DealRecord[] = [];
  for (const { row, deal, createdAt } of drafts) {
    if (createdAt) {
      records.push({ ...deal, createdAt });
      continue;
    }
    if (!asOf) {
      report.skip(row, 'no engage_date and no date anywhere in the file to date the deal');
      continue;
    }
    report.warn(row, `no engage_date: created_at set to the last date in the file (${shanghaiDay(asOf)})`);
    records.push({ ...deal, createdAt: asOf });
  }
  return records;
}

function mapRow(row: number, values: Record<string, string>, context: PipelineContext, report: FileReportBuilder): Draft | undefined {
  const skip = (reason: string) => {
    report.skip(row, reason);
    return undefined;
  };
  const externalRef = optionalText(values.opportunity_id);
  if (externalRef === null) return skip('blank opportunity_id');
  const agent = optionalText(values.sales_agent);
  if (agent === null) return skip('blank sales_agent');
  if (!context.agents.has(agent)) return skip('sales_agent not found in sales_teams.csv');
  const sourceStage = optionalText(values.deal_stage) ?? '';
  if (!isMavenStage(sourceStage)) return skip(`deal_stage is not one of ${mavenStages.join(', ')}`);
  const rawProduct = optionalText(values.product);
  if (rawProduct === null) return skip('blank product');
  const normalised = normaliseProduct(rawProduct, context.prices);
  if (normalised === undefined) return skip('product not found in products.csv');
  const product = normalised.name;

  const engageText = optionalText(values.engage_date);
  const engagedAt = engageText === null ? null : parseShanghaiDate(engageText);
  if (engagedAt === undefined) return skip('engage_date is not a valid date (YYYY-MM-DD)');
  const closeText = optionalText(values.close_date);
  const closeDate = closeText === null ? null : parseShanghaiDate(closeText);
  if (closeDate === undefined) return skip('close_date is not a valid date (YYYY-MM-DD)');
  const valueText = optionalText(values.close_value);
  const closeValue = valueText === null ? null : parseScaledDecimal(valueText, DOLLARS_TO_CENTS_DIGITS);
  if (closeValue === undefined) return skip('close_value is not a non-negative number');

  const account = optionalText(values.account);
  if (account !== null && !context.accounts.has(account)) return skip('account not found in accounts.csv');
  if (account === null) report.warn(row, 'blank account: loaded without a customer');

  const { stage, status } = mapMavenStage(sourceStage, engagedAt !== null);
  const closed = status !== 'open';
  if (closed && closeDate === null) report.warn(row, 'won/lost deal without close_date: closed_at left empty');
  if (!closed && closeDate !== null) report.warn(row, 'close_date on an open deal: ignored');
  if (closed && closeValue === null) report.warn(row, 'won/lost deal without close_value: amount left empty');
  if (engagedAt && closeDate && closeDate < engagedAt) report.warn(row, 'close_date before engage_date');

  return {
    row,
    ...(normalised.corrected ? { productCorrection: `product "${rawProduct}" → "${product}"` } : {}),
    createdAt: engagedAt,
    deal: {
      externalRef,
      ownerRef: agent,
      customerRef: account,
      title: account === null ? product : `${account} · ${product}`,
      product,
      stage,
      sourceStage,
      status,
      amountFen: closeValue ?? (closed ? null : (context.prices.get(product) ?? null)),
      closedAt: closed ? closeDate : null,
    },
  };
}

/** YYYY-MM-DD of an instant in Asia/Shanghai (UTC+8). */
function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}
