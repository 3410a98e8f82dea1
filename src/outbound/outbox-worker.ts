/**
 * Delivers the outbox: claims due rows with FOR UPDATE SKIP LOCKED (any number of workers and service
 * instances side by side), leases them, sends each through its platform's sender and records the outcome.
 *
 * What is and is not exactly-once. The database records each row `sent` at most once (the fencing token in
 * outbox-delivery.repository.ts). Delivery to the platform is at-least-once: a worker that dies after the
 * platform accepted a message but before recording it leaves the row to be sent again when its lease ends.
 *   - Feishu: the row id travels as `uuid`, and Feishu drops a repeat within its dedup window (1 h [3P]),
 *     so the repeat is invisible: effectively exactly-once.
 *   - WeCom cards: the retry repeats the same request JSON (same task_id), which WeCom's duplicate check
 *     drops (adapters/wecom/send-card.ts): effectively exactly-once too.
 *   - DingTalk (session webhook or robot API) and WeCom text replies take no idempotency key: the rep may see
 *     the message twice in that crash window. Nothing else duplicates: a claim never overlaps another claim's
 *     lease, and a send only starts with SEND_BUDGET_MS of lease left.
 * What a sender returns besides the message id (`extra`, e.g. WeCom's response_code) is kept in the row's
 * `payload.delivery`, for updating the card in place later.
 * Platforms without a sender (`calls`, which has no chat to answer in) end `failed` with that reason, at once.
 */
import { SingleFlightPass } from '../background/single-flight-pass.js';
import { senderFor as registrySenderFor } from '../../adapters/registry.js';
import { permanent, RateLimitedError, recipientKey, type CardLinks, type OutboundBaseUrls, type OutboundSender, type SendResult } from '../../adapters/outbound.js';
import { OUTBOUND_HTTP_TIMEOUT_MS } from '../../adapters/outbound-http.js';
import { PlatformError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/db.js';
import {
  claimDueOutbox,
  failOutbox,
  markOutboxSent,
  releaseOutbox,
  requeueExpiredLeases,
  rescheduleOutbox,
  type ClaimedOutboxRow,
} from '../store/outbox-delivery.repository.js';
import { MemoryTokenCache } from '../store/token-cache.js';
import { consoleCardLinks } from './card-links.js';
import { OutboundRateLimiter } from './rate-limiter.js';
import { OUTBOX_MAX_ATTEMPTS, retryDelayMs } from './retry-schedule.js';

/** How long a claim is reserved for its worker; after that another worker may take the row. */
export const OUTBOX_LEASE_MS = 120_000;
export const OUTBOX_CLAIM_BATCH = 20;
/** A send starts only with this much lease left: four platform calls (token, send, new token, send) at the HTTP timeout. */
export const SEND_BUDGET_MS = 4 * OUTBOUND_HTTP_TIMEOUT_MS + 5_000;
/** A local rate-limit wait up to this long is slept through; a longer one gives the row back for later. */
export const MAX_INLINE_RATE_WAIT_MS = 1_000;
/** How often expired leases are looked for (a scan of the `sending` rows; the claim itself only reads the pending index). */
export const LEASE_SWEEP_INTERVAL_MS = 15_000;
const MAX_ERROR_LENGTH = 2_000;

export interface OutboxWorkerOptions {
  database: Database;
  /** The tenant's stored credentials for a platform (the service passes its TenantDirectory). */
  credentials: (tenantId: string, platform: string) => Promise<Record<string, string> | undefined>;
  baseUrls: OutboundBaseUrls;
  /** The service's own public base URL (SALESBEAT_PUBLIC_URL): card buttons that can only open a page open one there. */
  publicUrl: string;
  /** The pages a tenant's cards link to (default: the console under `publicUrl`, see card-links.ts). */
  cardLinks?: (tenantId: string) => CardLinks;
  /**
   * True for a tenant whose messages stay in salesbeat's own console instead of going to the platforms
   * (the embedded demo tenant, whose platform keys are made up). Such rows are settled without any network call.
   */
  deliversToConsole?: (tenantId: string) => Promise<boolean>;
  logger: Logger;
  clock?: () => Date;
  fetch?: typeof fetch;
  tokens?: MemoryTokenCache;
  limiter?: OutboundRateLimiter;
  senderFor?: (platform: string) => OutboundSender | undefined;
  /** Jitter source, [0, 1). */
  random?: () => number;
  leaseMs?: number;
  maxAttempts?: number;
}

/** What became of one claimed row. `lost`: sent, but the lease had run out and the result was not recorded. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'released' | 'lost';

export class OutboxWorker {
  private readonly clock: () => Date;
  private readonly fetch: typeof fetch;
  private readonly tokens: MemoryTokenCache;
  private readonly limiter: OutboundRateLimiter;
  private readonly senderFor: (platform: string) => OutboundSender | undefined;
  private readonly cardLinks: (tenantId: string) => CardLinks;
  private readonly random: () => number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly passes: SingleFlightPass = new SingleFlightPass(
    () => this.drain(),
    (error) => this.options.logger.error({ err: error }, 'outbox delivery pass failed'),
  );
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.fetch = options.fetch ?? globalThis.fetch;
    this.tokens = options.tokens ?? new MemoryTokenCache(() => this.clock().getTime());
    this.limiter = options.limiter ?? new OutboundRateLimiter();
    this.senderFor = options.senderFor ?? registrySenderFor;
    this.cardLinks = options.cardLinks ?? ((tenantId) => consoleCardLinks(options.publicUrl, tenantId));
    this.random = options.random ?? Math.random;
    this.leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS;
    if (this.leaseMs <= SEND_BUDGET_MS) throw new Error(`the outbox lease (${this.leaseMs} ms) must be longer than one send may take (${SEND_BUDGET_MS} ms)`);
    this.maxAttempts = options.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
  }

  /** Ask for a pass soon; concurrent kicks collapse into one follow-up pass. */
  kick(): void {
    this.passes.kick();
  }

  /** Waits for the current pass (tests and shutdown). */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  /** No new passes; waits for the one in flight. */
  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** Delivers until nothing is due; returns how many rows were claimed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.processBatch();
      total += claimed;
      if (claimed < OUTBOX_CLAIM_BATCH) return total;
    }
  }

  async processBatch(): Promise<number> {
    await this.sweepExpiredLeases();
    const rows = await this.claim();
    // One chat's replies go out in order, one at a time; different chats in parallel.
    const byChat = new Map<string, ClaimedOutboxRow[]>();
    for (const row of rows) {
      const key = chatKey(row);
      byChat.set(key, [...(byChat.get(key) ?? []), row]);
    }
    await Promise.all(
      [...byChat.values()].map(async (chatRows) => {
        for (const row of chatRows) await this.deliver(row);
      }),
    );
    return rows.length;
  }

  private async sweepExpiredLeases(): Promise<void> {
    const now = this.clock();
    if (now.getTime() - this.lastSweep < LEASE_SWEEP_INTERVAL_MS) return;
    this.lastSweep = now.getTime();
    const { requeued, failed } = await requeueExpiredLeases(this.options.database, now, this.maxAttempts);
    if (requeued > 0) this.options.logger.warn({ rows: requeued }, 'outbox rows whose worker stopped mid-send are due again');
    if (failed > 0) this.options.logger.error({ rows: failed }, 'outbox rows failed: delivery kept being interrupted');
  }

  /** Leases due rows for this worker. */
  claim(limit = OUTBOX_CLAIM_BATCH): Promise<ClaimedOutboxRow[]> {
    return claimDueOutbox(this.options.database, this.clock(), this.leaseMs, limit);
  }

  /** Sends one claimed row and records the outcome (database errors propagate). */
  async deliver(row: ClaimedOutboxRow): Promise<DeliveryOutcome> {
    const { database } = this.options;
    const log = this.options.logger.child({ tenant: row.tenantId, platform: row.platform, outboxId: row.id, kind: row.kind, attempt: row.attempts });
    const rateWait = await this.takeSendSlot(row);
    if (rateWait > 0) {
      await releaseOutbox(database, row, new Date(this.clock().getTime() + rateWait));
      log.debug({ waitMs: rateWait }, 'outbox row deferred by the local rate limit');
      return 'released';
    }
    if (row.leaseUntil.getTime() - this.clock().getTime() < SEND_BUDGET_MS) {
      await releaseOutbox(database, row, this.clock());
      return 'released';
    }
    let result: SendResult;
    try {
      result = await this.send(row);
    } catch (error) {
      return this.recordFailure(row, error, log);
    }
    if (await markOutboxSent(database, row, this.clock(), result.platformMessageId, result.extra)) {
      log.debug('outbox row sent');
      return 'sent';
    }
    log.warn('outbox row sent after its lease ran out; another worker may send it again');
    return 'lost';
  }

  private async send(row: ClaimedOutboxRow): Promise<SendResult> {
    if (await this.options.deliversToConsole?.(row.tenantId)) return { platformMessageId: `console:${row.id}` };
    const sender = this.senderFor(row.platform);
    if (sender === undefined) throw permanent(`platform ${row.platform} has no way to send messages (nothing to reply in)`);
    const credentials = (await this.options.credentials(row.tenantId, row.platform)) ?? {};
    return sender.send(
      { id: row.id, kind: row.kind, recipient: row.recipient, payload: row.payload },
      {
        credentials,
        baseUrls: this.options.baseUrls,
        fetch: this.fetch,
        tokens: this.tokens.forTenant(row.tenantId),
        now: this.clock(),
        cardLinks: this.cardLinks(row.tenantId),
      },
    );
  }

  /** 0 when a send slot was taken (after at most one short sleep), else the wait before the row is worth trying. */
  private async takeSendSlot(row: ClaimedOutboxRow): Promise<number> {
    const chatId = recipientKey(row.recipient);
    const wait = this.limiter.reserve(row.tenantId, row.platform, chatId, this.clock().getTime());
    if (wait === 0 || wait > MAX_INLINE_RATE_WAIT_MS) return wait;
    await new Promise((resolve) => setTimeout(resolve, wait));
    return this.limiter.reserve(row.tenantId, row.platform, chatId, this.clock().getTime());
  }

  private async recordFailure(row: ClaimedOutboxRow, error: unknown, log: Logger): Promise<DeliveryOutcome> {
    const failure = error instanceof PlatformError ? error : new PlatformError('temporary', error instanceof Error ? error.message : String(error), { cause: error });
    const reason = `${failure.platformCode}: ${failure.message}`.slice(0, MAX_ERROR_LENGTH);
    if (!failure.retryable || row.attempts >= this.maxAttempts) {
      await failOutbox(this.options.database, row, reason);
      log.error({ code: failure.platformCode, reason: failure.message }, 'outbox row failed for good');
      return 'failed';
    }
    const platformWait = failure instanceof RateLimitedError ? (failure.retryAfterMs ?? 0) : 0;
    const delay = retryDelayMs(row.attempts, failure.platformCode === 'rate_limited', this.random, platformWait);
    await rescheduleOutbox(this.options.database, row, new Date(this.clock().getTime() + delay), reason);
    log.warn({ code: failure.platformCode, reason: failure.message, retryInMs: delay }, 'outbox row failed; will retry');
    return 'retry';
  }
}

/** Rows to one chat or person go out in order, one at a time. */
function chatKey(row: ClaimedOutboxRow): string {
  return `${row.tenantId}\u0000${row.platform}\u0000${recipientKey(row.recipient)}`;
}
