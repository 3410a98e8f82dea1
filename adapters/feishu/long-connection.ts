/**
 * Feishu's long connection (WebSocket via the official SDK's WSClient) as an alternative to the webhook.
 * Every event goes through the same parse.ts into the same inbox (`sink.ingest(…, 'long_connection', …)`).
 * The SDK acks a frame when our dispatcher's `invoke` settles: we resolve only after the inbox commit, and
 * throw otherwise so the SDK acks with code 500 and Feishu re-pushes (PITFALLS 2).
 *
 * Card clicks arrive as `event` frames whose header.event_type is card.action.trigger; their answer travels
 * in the ack frame, so we return `{}` for them (PITFALLS 6). Legacy card.action.trigger_v1 never comes here.
 * Delivery is cluster mode: run one consumer per app per environment (PITFALLS 7).
 */
import { EventDispatcher, LoggerLevel, WSClient, type Logger as SdkLogger } from '@larksuiteoapi/node-sdk';
import { reject, type InboundEvent, type InboundSink, type Rejection } from '../contract.js';
import { feishuSecrets } from './authenticate.js';
import { openFeishuBody } from './decrypt.js';
import { isObject } from './payload-fields.js';
import { CARD_ACTION, parseFeishuPayload } from './parse.js';

/** The SDK's own check: WSClient.start silently does nothing for an app id of another shape. */
const APP_ID_PATTERN = /^cli_[0-9a-fA-F]{16}$/;

/** The subset of a pino logger used here. */
export interface LongConnectionLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface FeishuLongConnectionOptions {
  tenantId: string;
  credentials: Record<string, string>;
  sink: InboundSink;
  logger?: LongConnectionLogger;
  /** Feishu open-platform origin, e.g. https://open.feishu.cn (or https://open.larksuite.com). */
  baseUrl?: string;
  /** Injected clock for `occurredAt` fallbacks; defaults to the system clock. */
  clock?: () => Date;
}

export interface FeishuLongConnection {
  /** Closes the socket (no reconnect) and waits for in-flight inbox commits. */
  stop(): Promise<void>;
}

export interface LongConnectionDelivery {
  events: InboundEvent[];
  /** What the SDK puts (base64 JSON) into the ack frame: `{}` for card callbacks, nothing for events. */
  ack: Record<string, unknown> | undefined;
}

/** The SDK's dispatched data (the frame payload, JSON-parsed) → inbox events, via the same parse.ts as HTTP. */
export function longConnectionEvents(data: unknown, credentials: Record<string, string>, now: Date): LongConnectionDelivery | Rejection {
  if (!isObject(data)) {
    return reject(400, 'malformed_body', 'frame payload is not a JSON object', '长连接消息不是 JSON 对象');
  }
  // Long-connection events are plaintext; an `{encrypt}` payload is still opened, with the same rules as HTTP.
  const opened = openFeishuBody(data, JSON.stringify(data), feishuSecrets(credentials).encryptKey);
  if ('kind' in opened) return opened;
  const result = parseFeishuPayload(opened.payload, opened.raw, now);
  if (result.kind === 'rejected') return result;
  return { events: [result.event], ack: result.event.vendorType === CARD_ACTION ? {} : undefined };
}

export interface DeliveryDeps {
  tenantId: string;
  credentials: Record<string, string>;
  sink: InboundSink;
  now: Date;
}

/** Parse and commit one dispatched event; resolves (→ ack 200) only after the inbox commit, throws (→ ack 500) otherwise. */
export async function deliverLongConnectionEvent(data: unknown, deps: DeliveryDeps): Promise<Record<string, unknown> | undefined> {
  const delivery = longConnectionEvents(data, deps.credentials, deps.now);
  if ('kind' in delivery) throw new Error(`Feishu long-connection event refused (${delivery.code}): ${delivery.message}`);
  await deps.sink.ingest(deps.tenantId, 'feishu', 'long_connection', delivery.events);
  return delivery.ack;
}

/** Replaces the SDK's per-type handler map: every event, known or not, reaches our own parse. */
class InboxDispatcher extends EventDispatcher {
  constructor(
    private readonly deliver: (data: unknown) => Promise<unknown>,
    logger: SdkLogger | undefined,
  ) {
    super({ loggerLevel: LoggerLevel.info, ...(logger !== undefined ? { logger } : {}) });
  }

  override invoke(data: unknown): Promise<unknown> {
    return this.deliver(data);
  }
}

/** SDK log lines (debug/trace dropped: they contain event bodies) → our logger. */
function sdkLogger(logger: LongConnectionLogger, context: object): SdkLogger {
  const line = (msg: unknown[]) => msg.flat().map(String).join(' ');
  return {
    error: (...msg) => logger.error(context, line(msg)),
    warn: (...msg) => logger.warn(context, line(msg)),
    info: (...msg) => logger.info(context, line(msg)),
    debug: () => undefined,
    trace: () => undefined,
  };
}

export function startFeishuLongConnection(options: FeishuLongConnectionOptions): FeishuLongConnection {
  const { tenantId, credentials, sink, logger, baseUrl, clock = () => new Date() } = options;
  const { appId, appSecret } = credentials;
  if (!appId || !APP_ID_PATTERN.test(appId) || !appSecret) {
    throw new Error(`Feishu long connection for tenant ${tenantId}: appId (cli_ + 16 hex) and appSecret are required`);
  }
  const context = { tenant: tenantId, platform: 'feishu', transport: 'long_connection' };
  const sdkLog = logger !== undefined ? sdkLogger(logger, context) : undefined;

  const inFlight = new Set<Promise<unknown>>();
  const deliver = (data: unknown): Promise<unknown> => {
    const delivery = deliverLongConnectionEvent(data, { tenantId, credentials, sink, now: clock() }).catch((error: unknown) => {
      logger?.error({ ...context, err: error }, 'event not stored; acking with an error so Feishu re-pushes it');
      throw error;
    });
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery)).catch(() => undefined);
    return delivery;
  };

  const client = new WSClient({
    appId,
    appSecret,
    ...(baseUrl !== undefined ? { domain: baseUrl } : {}),
    ...(sdkLog !== undefined ? { logger: sdkLog } : {}),
    loggerLevel: LoggerLevel.info,
    onError: (error) => logger?.error({ ...context, err: error }, 'Feishu long connection gave up'),
  });
  client.start({ eventDispatcher: new InboxDispatcher(deliver, sdkLog) }).catch((error: unknown) => {
    logger?.error({ ...context, err: error }, 'Feishu long connection failed to start');
  });

  return {
    async stop() {
      client.close({ force: true });
      await Promise.allSettled([...inFlight]);
    },
  };
}
