import type { InboundRequest } from '../../adapters/contract.js';
import type { SendWebhook } from './replay-payloads.js';

/** What `--url` needs to look like, shown when it does not. */
export const SERVICE_URL_EXAMPLE = 'http://127.0.0.1:3000';

/** The service's base URL from `--url`, or the reason it is not one (en + zh). */
export function parseServiceUrl(text: string): { url: string } | { error: string } {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { error: invalidUrl(text, 'it is not an absolute URL') };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { error: invalidUrl(text, `the scheme must be http or https, not ${parsed.protocol}`) };
  if (parsed.search || parsed.hash) return { error: invalidUrl(text, 'give the base URL only, without ?query or #fragment') };
  return { url: `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '') };
}

function invalidUrl(text: string, why: string): string {
  return `--url "${text}" is not a valid service URL: ${why}. Example: --url ${SERVICE_URL_EXAMPLE}\n` + `--url 不是合法的服务地址，例如 --url ${SERVICE_URL_EXAMPLE}`;
}

/** Sends each replayed request to a running service; a connection failure says where and why, and stops the run. */
export function sendOverHttp(base: string, fetchImpl: typeof fetch = fetch): SendWebhook {
  return async (platform: string, tenant: string, request: InboundRequest) => {
    const url = new URL(`${base}/webhooks/${platform}/${encodeURIComponent(tenant)}`);
    for (const [k, v] of Object.entries(request.query)) url.searchParams.set(k, v);
    const headers = Object.fromEntries(Object.entries(request.headers).filter((e): e is [string, string] => e[1] !== undefined));
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: request.method,
        headers,
        body: request.method === 'GET' ? undefined : new Uint8Array(request.rawBody),
      });
    } catch (error) {
      throw new Error(describeFetchFailure(base, error), { cause: error });
    }
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  };
}

/** `cannot reach http://127.0.0.1:1: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:1) — is the service running?` */
export function describeFetchFailure(base: string, error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  // Node gives an AggregateError with an empty message when every address of a host name refused.
  const inner = cause instanceof AggregateError ? cause.errors.find((e): e is Error => e instanceof Error) : undefined;
  const message = (cause instanceof Error ? cause.message : String(cause)) || inner?.message || 'connection failed';
  const detail = code && !message.includes(code) ? `${code} (${message})` : message;
  if (message === 'bad port') {
    // fetch refuses ports on the WHATWG "bad ports" list (1, 7, 9, 21, 25, ...): nothing was even tried.
    return `cannot reach ${base}: fetch refuses to connect to this port (it is on the fetch standard's list of blocked ports); run the service on another port, e.g. --url ${SERVICE_URL_EXAMPLE}. 无法连接 ${base}：该端口被 fetch 禁用，请换一个端口。`;
  }
  return (
    `cannot reach ${base}: ${detail} — is the service running? Start it with \`salesbeat serve --demo\` (or npm start), ` +
    `or point --url at it. 无法连接 ${base}：服务是否已启动？`
  );
}
