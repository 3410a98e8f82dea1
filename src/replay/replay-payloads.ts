import type { InboundRequest } from '../../adapters/contract.js';
import { platformSimulators } from '../../adapters/registry.js';
import type { EventResult } from '../http/routes/webhooks.route.js';
import { RESULT_HEADER } from '../http/routes/webhooks.route.js';
import type { PayloadFile } from './payload-files.js';

export interface WebhookResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

/** Where replayed requests go: an in-process app (inject) or a running service over HTTP. */
export type SendWebhook = (platform: string, tenantId: string, request: InboundRequest) => Promise<WebhookResponse>;

export type ReplayStatus = 'accepted' | 'duplicate' | 'ignored' | 'rejected' | 'handshake' | 'skipped' | 'unrecognised';

export interface ReplayResult {
  file: string;
  platform?: string;
  status: ReplayStatus;
  reason?: string;
  httpStatus?: number;
  /** The service's error code when it refused the request (not_configured, bad_signature, ...). */
  errorCode?: string;
  /** Inbox rows created, to follow what capture made of them. */
  inboxIds: string[];
}

export interface ReplayOptions {
  tenantId: string;
  credentialsFor(platform: string): Record<string, string>;
  send: SendWebhook;
  now: () => Date;
}

/** Recognises each file's platform, has the platform's simulator sign/encrypt it, sends it, and classifies the answer. */
export async function replayPayloads(files: PayloadFile[], options: ReplayOptions): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for (const file of files) results.push(await replayOne(file, options));
  return results;
}

async function replayOne(file: PayloadFile, options: ReplayOptions): Promise<ReplayResult> {
  const simulator = platformSimulators.find((s) => s.recognises(file.content));
  if (!simulator) {
    return { file: file.path, status: 'unrecognised', reason: 'not a Feishu, DingTalk, WeCom or call-record payload', inboxIds: [] };
  }
  const platform = simulator.platform;
  const request = simulator.toRequest(file.content, options.credentialsFor(platform), options.now());
  if ('skip' in request) return { file: file.path, platform, status: 'skipped', reason: request.skip, inboxIds: [] };

  const response = await options.send(platform, options.tenantId, request);
  if (response.status >= 400) {
    const errorCode = rejectionCode(response);
    return {
      file: file.path,
      platform,
      status: 'rejected',
      reason: rejectionReason(response),
      httpStatus: response.status,
      ...(errorCode ? { errorCode } : {}),
      inboxIds: [],
    };
  }
  const header = response.headers[RESULT_HEADER];
  if (!header) return { file: file.path, platform, status: 'handshake', httpStatus: response.status, inboxIds: [] };
  const events = JSON.parse(decodeURIComponent(header)) as EventResult[];
  const inboxIds = events.flatMap((e) => (e.inboxId ? [e.inboxId] : []));
  const ignored = events.find((e) => e.kind === 'ignored');
  if (events.every((e) => e.status === 'duplicate')) return { file: file.path, platform, status: 'duplicate', httpStatus: response.status, inboxIds };
  if (ignored && events.length === 1) {
    return { file: file.path, platform, status: 'ignored', reason: ignored.reason, httpStatus: response.status, inboxIds };
  }
  return { file: file.path, platform, status: 'accepted', httpStatus: response.status, inboxIds };
}

function rejectionCode(response: WebhookResponse): string | undefined {
  try {
    const body = JSON.parse(response.body) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

function rejectionReason(response: WebhookResponse): string {
  try {
    const body = JSON.parse(response.body) as { error?: string; message?: string };
    return `${response.status} ${body.error ?? ''}: ${body.message ?? response.body}`.trim();
  } catch {
    return `${response.status} ${response.body.slice(0, 200)}`;
  }
}
