/**
 * Our own DingTalk Stream client on `ws` (the dingtalk-stream npm package storms on reconnect — PITFALLS 10, 11, 12):
 *  - ticket from stream-gateway.ts (POST /v1.0/gateway/connections/open); connect `${endpoint}?ticket=…`;
 *  - ONE reconnect loop: single-flight, exponential backoff with equal jitter, capped; the backoff only resets once a
 *    connection proved healthy (it delivered a frame, or stayed up STABLE_CONNECTION_MS), so a gateway that accepts
 *    and immediately drops us is retried at a growing interval, never in a storm;
 *  - watchdog: no frame for WATCHDOG_MS → terminate → reconnect (zombie sockets); ws-level pings keep NATs open;
 *  - SYSTEM disconnect → open the new connection first, then close the old one;
 *  - every frame's events are ingested BEFORE its ack is sent; a failed ingest sends no ack, so DingTalk redelivers;
 *  - stop() clears every timer, aborts the in-flight open, waits for in-flight ingests (bounded), closes every socket.
 */
import WebSocket, { type RawData } from 'ws';
import type { InboundSink } from '../contract.js';
import { handleStreamFrame, type StreamAck } from './stream-frame.js';
import { OPEN_TIMEOUT_MS, openGatewayConnection } from './stream-gateway.js';

export const DEFAULT_DINGTALK_BASE_URL = 'https://api.dingtalk.com';
export const WATCHDOG_MS = 60_000;
export const KEEPALIVE_PING_MS = 20_000;
export const STABLE_CONNECTION_MS = 30_000;
export const DEFAULT_BACKOFF_BASE_MS = 1_000;
export const DEFAULT_BACKOFF_MAX_MS = 60_000;
/** stop() waits this long for in-flight ingests (so their acks still go out), then for sockets to close. */
export const STOP_GRACE_MS = 5_000;
const NORMAL_CLOSE = 1000;

export interface StreamLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** Source of jitter in [0, 1); injectable for tests. */
  random?: () => number;
}

export interface DingtalkStreamOptions {
  tenantId: string;
  /** Needs clientId (AppKey) and clientSecret (AppSecret). */
  credentials: Record<string, string>;
  sink: InboundSink;
  /** Default DINGTALK_BASE_URL from the environment, else https://api.dingtalk.com. */
  baseUrl?: string;
  logger?: StreamLogger;
  backoff?: BackoffOptions;
  watchdogMs?: number;
  keepalivePingMs?: number;
  clock?: () => Date;
}

export interface DingtalkStream {
  stop(): Promise<void>;
}

const silentLogger: StreamLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Equal jitter: half the exponential delay fixed, half random — bounded below, so retries can never bunch up. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const max = options.maxMs ?? DEFAULT_BACKOFF_MAX_MS;
  const exp = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return exp / 2 + (options.random ?? Math.random)() * (exp / 2);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

interface SocketState {
  openedAt: number;
  watchdog?: NodeJS.Timeout;
  keepalive?: NodeJS.Timeout;
}

export function startDingtalkStream(options: DingtalkStreamOptions): DingtalkStream {
  const { tenantId, credentials, sink } = options;
  const { clientId, clientSecret } = credentials;
  if (!clientId || !clientSecret) {
    throw new Error('DingTalk Stream needs DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET for this tenant');
  }
  const appKey: string = clientId;
  const appSecret: string = clientSecret;
  const baseUrl = (options.baseUrl ?? process.env.DINGTALK_BASE_URL ?? DEFAULT_DINGTALK_BASE_URL).replace(/\/+$/, '');
  const log = options.logger ?? silentLogger;
  const watchdogMs = options.watchdogMs ?? WATCHDOG_MS;
  const keepaliveMs = options.keepalivePingMs ?? KEEPALIVE_PING_MS;
  const clock = options.clock ?? (() => new Date());
  const ctx = { tenant: tenantId, platform: 'dingtalk' };

  let stopped = false;
  let current: WebSocket | null = null;
  let connecting: Promise<void> | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let attempt = 0;
  const sockets = new Map<WebSocket, SocketState>();
  const abortOpen = new AbortController();
  const pendingIngests = new Set<Promise<void>>();

  function clearSocketTimers(state: SocketState | undefined): void {
    if (!state) return;
    if (state.watchdog) clearTimeout(state.watchdog);
    if (state.keepalive) clearInterval(state.keepalive);
    state.watchdog = undefined;
    state.keepalive = undefined;
  }

  function sendAck(ws: WebSocket, ack: StreamAck | null): void {
    if (ack && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(ack));
  }

  function onFrame(ws: WebSocket, data: RawData): void {
    const state = sockets.get(ws);
    if (stopped || !state) return;
    attempt = 0;
    state.watchdog?.refresh();
    let frame: unknown;
    try {
      frame = JSON.parse(toBuffer(data).toString('utf8'));
    } catch {
      log.warn(ctx, 'DingTalk Stream frame is not JSON; dropped');
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const result = handleStreamFrame(frame, clock());
    if (result.problem) log.warn({ ...ctx, problem: result.problem }, 'DingTalk Stream frame not handled');
    if (result.control === 'disconnect') {
      void handover(ws);
      return;
    }
    if (result.events.length === 0) {
      sendAck(ws, result.ack);
      return;
    }
    const pending: Promise<void> = Promise.resolve()
      .then(() => sink.ingest(tenantId, 'dingtalk', 'stream', result.events))
      .then(
        () => sendAck(ws, result.ack),
        (err: unknown) => log.error({ ...ctx, err }, 'DingTalk Stream ingest failed; not acking so DingTalk redelivers'),
      )
      .finally(() => pendingIngests.delete(pending));
    pendingIngests.add(pending);
  }

  function onClose(ws: WebSocket): void {
    const state = sockets.get(ws);
    clearSocketTimers(state);
    sockets.delete(ws);
    if (ws !== current) return;
    current = null;
    if (state && Date.now() - state.openedAt >= STABLE_CONNECTION_MS) attempt = 0;
    scheduleReconnect('connection closed');
  }

  /**
   * Gets a ticket and opens the socket. `onOpen` runs synchronously inside the socket's 'open' event, so the socket is
   * `current` before its first frame can be read (frames are delivered on process.nextTick, ahead of promise callbacks).
   */
  async function openSocket(onOpen: (ws: WebSocket) => void): Promise<void> {
    const { endpoint, ticket } = await openGatewayConnection(baseUrl, appKey, appSecret, abortOpen.signal);
    if (stopped) throw new Error('stopped');
    const url = new URL(endpoint);
    url.searchParams.set('ticket', ticket);
    const ws = new WebSocket(url, { handshakeTimeout: OPEN_TIMEOUT_MS });
    sockets.set(ws, { openedAt: Date.now() });
    ws.on('message', (data) => onFrame(ws, data));
    ws.on('error', (err) => log.warn({ ...ctx, err: err.message }, 'DingTalk Stream socket error'));
    ws.on('close', () => onClose(ws));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        onOpen(ws);
        resolve();
      });
      ws.once('close', () => reject(new Error('socket closed before it opened')));
    });
  }

  function adopt(ws: WebSocket): void {
    const state = sockets.get(ws)!;
    state.openedAt = Date.now();
    current = ws;
    state.watchdog = setTimeout(() => {
      log.warn({ ...ctx, watchdogMs }, 'no DingTalk Stream frame within the watchdog window; reconnecting');
      ws.terminate();
    }, watchdogMs);
    state.keepalive = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.ping();
    }, keepaliveMs);
    log.info(ctx, 'DingTalk Stream connected');
  }

  /** Single-flight: concurrent callers share one attempt; a failure schedules the next one with backoff. */
  function connect(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (connecting) return connecting;
    const flight: Promise<void> = openSocket((ws) => {
      // The attempt is over the moment the socket opens: a disconnect frame on it must be able to start a new one.
      if (connecting === flight) connecting = null;
      if (stopped) ws.terminate();
      else adopt(ws);
    }).catch((err: unknown) => {
      if (connecting === flight) connecting = null;
      if (stopped) return;
      log.warn({ ...ctx, err: err instanceof Error ? err.message : String(err) }, 'DingTalk Stream connect failed');
      scheduleReconnect('connect failed');
    });
    connecting = flight;
    return flight;
  }

  function scheduleReconnect(reason: string): void {
    if (stopped || reconnectTimer !== null || connecting !== null || current !== null) return;
    const delay = backoffDelay(attempt, options.backoff);
    attempt += 1;
    log.info({ ...ctx, reason, delayMs: Math.round(delay), attempt }, 'DingTalk Stream reconnect scheduled');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, delay);
  }

  /** SYSTEM disconnect: the old socket gets no more data; open the new connection first, then close the old one. */
  async function handover(old: WebSocket): Promise<void> {
    if (old !== current) return;
    current = null;
    if (reconnectTimer !== null) {
      clearTimeout(reconnectTimer);
      reconnectTimer = null;
    }
    clearSocketTimers(sockets.get(old));
    log.info(ctx, 'DingTalk Stream asked us to reconnect; opening a new connection before closing this one');
    await connect();
    if (old.readyState === WebSocket.OPEN || old.readyState === WebSocket.CONNECTING) old.close(NORMAL_CLOSE);
  }

  function closeAll(deadline: number): Promise<void> {
    const closing = [...sockets.keys()].map(
      (ws) =>
        new Promise<void>((resolve) => {
          clearSocketTimers(sockets.get(ws));
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const force = setTimeout(() => ws.terminate(), Math.max(0, deadline - Date.now()));
          ws.once('close', () => {
            clearTimeout(force);
            resolve();
          });
          if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
          else ws.close(NORMAL_CLOSE);
        }),
    );
    return Promise.all(closing).then(() => undefined);
  }

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    abortOpen.abort();
    // A socket still in its opening handshake would hold `connecting` until its handshake timeout.
    for (const ws of sockets.keys()) if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    await connecting;
    for (const state of sockets.values()) clearSocketTimers(state);
    if (pendingIngests.size > 0) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...pendingIngests]),
        new Promise<void>((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS))),
      ]);
      clearTimeout(grace);
    }
    await closeAll(Date.now() + STOP_GRACE_MS);
    current = null;
    log.info(ctx, 'DingTalk Stream stopped');
  }

  void connect();
  return { stop };
}
