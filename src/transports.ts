import { startDingtalkStream } from '../adapters/dingtalk/stream-client.js';
import { startFeishuLongConnection } from '../adapters/feishu/long-connection.js';
import type { Config } from './config.js';
import type { Service } from './service.js';

export interface RunningTransports {
  stop(): Promise<void>;
}

/**
 * Long-lived inbound transports for the `default` tenant, each opt-in because the platform app must be
 * switched to that mode in its console: DINGTALK_STREAM=on (DingTalk Stream mode), FEISHU_LONG_CONNECTION=on
 * (Feishu long connection). They feed the same inbox as the webhooks.
 */
export async function startTransports(service: Service, config: Config, env = process.env): Promise<RunningTransports> {
  const running: Array<{ stop(): Promise<void> }> = [];
  const dingtalk = config.defaultTenantCredentials.dingtalk;
  if (env.DINGTALK_STREAM === 'on') {
    if (!dingtalk?.clientId || !dingtalk.clientSecret) {
      throw new Error('DINGTALK_STREAM=on needs DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET');
    }
    running.push(
      startDingtalkStream({
        tenantId: 'default',
        credentials: dingtalk,
        sink: service.sink,
        baseUrl: config.baseUrls.dingtalk,
        logger: service.logger.child({ tenant: 'default', platform: 'dingtalk', transport: 'stream' }),
      }),
    );
  }
  const feishu = config.defaultTenantCredentials.feishu;
  if (env.FEISHU_LONG_CONNECTION === 'on') {
    if (!feishu?.appId || !feishu.appSecret) {
      throw new Error('FEISHU_LONG_CONNECTION=on needs FEISHU_APP_ID and FEISHU_APP_SECRET');
    }
    running.push(
      startFeishuLongConnection({
        tenantId: 'default',
        credentials: feishu,
        sink: service.sink,
        baseUrl: config.baseUrls.feishu,
        logger: service.logger.child({ tenant: 'default', platform: 'feishu', transport: 'long_connection' }),
      }),
    );
  }
  return {
    async stop() {
      await Promise.all(running.map((t) => t.stop()));
    },
  };
}
