/** The ONLY place the list of inbound platforms appears. A new platform = one folder + one line here. */
import type { InboundAdapter } from './contract.js';
import { feishuAdapter } from './feishu/index.js';
import { dingtalkAdapter } from './dingtalk/index.js';
import { wecomAdapter } from './wecom/index.js';
import { callsAdapter } from './calls/index.js';

export const inboundAdapters: readonly InboundAdapter[] = [feishuAdapter, dingtalkAdapter, wecomAdapter, callsAdapter];

export function adapterFor(platform: string): InboundAdapter | undefined {
  return inboundAdapters.find((a) => a.platform === platform);
}
