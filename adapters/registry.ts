/** The ONLY place the list of inbound platforms appears. A new platform = one folder + one line in each list here. */
import type { InboundAdapter } from './contract.js';
import type { PlatformSimulator } from './simulator.js';
import { feishuAdapter } from './feishu/index.js';
import { feishuSimulator } from './feishu/simulate.js';
import { dingtalkAdapter } from './dingtalk/index.js';
import { dingtalkSimulator } from './dingtalk/simulate.js';
import { wecomAdapter } from './wecom/index.js';
import { wecomSimulator } from './wecom/simulate.js';
import { callsAdapter } from './calls/index.js';
import { callsSimulator } from './calls/simulate.js';
import type { OutboundSender } from './outbound.js';
import { feishuSender } from './feishu/send.js';
import { dingtalkSender } from './dingtalk/send.js';
import { wecomSender } from './wecom/send.js';
import { consoleSender } from './console/send.js';

export const inboundAdapters: readonly InboundAdapter[] = [feishuAdapter, dingtalkAdapter, wecomAdapter, callsAdapter];

/** Plays each platform for `salesbeat replay` and tests: recorded payload → the request the platform would send. */
export const platformSimulators: readonly PlatformSimulator[] = [feishuSimulator, dingtalkSimulator, wecomSimulator, callsSimulator];

/** Platforms salesbeat can write to. `calls` has none: a call-record feed has no chat to answer in. The console (salesbeat's own web inbox) is one. */
export const outboundSenders: readonly OutboundSender[] = [feishuSender, dingtalkSender, wecomSender, consoleSender];

export function senderFor(platform: string): OutboundSender | undefined {
  return outboundSenders.find((s) => s.platform === platform);
}

export function adapterFor(platform: string): InboundAdapter | undefined {
  return inboundAdapters.find((a) => a.platform === platform);
}
