/** Everything the service reads from the environment, in one place. Names are documented in the README. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  apiToken?: string;
  /** The service's public base URL (no trailing slash): links in cards sent to the platforms point here. */
  publicUrl: string;
  /** Credentials of the `default` tenant, per platform, from the environment. */
  defaultTenantCredentials: Record<string, Record<string, string>>;
  baseUrls: { feishu: string; dingtalk: string; dingtalkOapi: string; wecom: string };
  logLevel: string;
}

type Env = Record<string, string | undefined>;

/**
 * Where the service listens unless HOST says otherwise: this machine only. The demo console and API are open
 * without login, so reaching them from the network is a choice (HOST=0.0.0.0, as the Docker image sets), never a default.
 */
export const DEFAULT_HOST = '127.0.0.1';

/** Map of credential key → environment variable, per platform (mirrors each adapter's `credentialKeys`). */
export function readConfig(env: Env, credentialEnvNames: Record<string, Record<string, string>>): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const publicUrl = (env.SALESBEAT_PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(publicUrl)) {
    throw new Error(`SALESBEAT_PUBLIC_URL must be an http(s) URL, got "${env.SALESBEAT_PUBLIC_URL}"`);
  }
  const defaultTenantCredentials: Config['defaultTenantCredentials'] = {};
  for (const [platform, keys] of Object.entries(credentialEnvNames)) {
    const values: Record<string, string> = {};
    for (const [key, envName] of Object.entries(keys)) {
      const value = env[envName];
      if (value) values[key] = value;
    }
    if (Object.keys(values).length > 0) defaultTenantCredentials[platform] = values;
  }
  return {
    port,
    host: env.HOST || DEFAULT_HOST,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SALESBEAT_DATA_DIR || '.data/pglite',
    apiToken: env.SALESBEAT_API_TOKEN || undefined,
    publicUrl,
    defaultTenantCredentials,
    baseUrls: {
      feishu: env.FEISHU_BASE_URL || 'https://open.feishu.cn',
      dingtalk: env.DINGTALK_BASE_URL || 'https://api.dingtalk.com',
      dingtalkOapi: env.DINGTALK_OAPI_BASE_URL || 'https://oapi.dingtalk.com',
      wecom: env.WECOM_BASE_URL || 'https://qyapi.weixin.qq.com',
    },
    logLevel: env.LOG_LEVEL || 'info',
  };
}
