import type { Config } from './config.js';
import type { Service } from './service.js';

export interface RunningTransports {
  stop(): Promise<void>;
}

/** Long-lived inbound transports (Feishu long connection, DingTalk Stream) for the `default` tenant, when configured. */
export async function startTransports(_service: Service, _config: Config): Promise<RunningTransports> {
  return { stop: async () => {} };
}
