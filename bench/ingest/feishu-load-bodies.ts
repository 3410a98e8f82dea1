import { feishuSimulator } from '../../adapters/feishu/simulate.js';

export const BENCH_TENANT = 'bench';
export const BENCH_FEISHU_CREDENTIALS = { encryptKey: 'bench-encrypt-key-0123456789', verificationToken: 'bench-verification-token' };

export interface LoadRequest {
  body: string;
  headers: Record<string, string>;
}

/** Signed, encrypted im.message.receive_v1 requests, each with its own message_id (≈1.4 KB, like PERF.md's body). */
export function feishuLoadRequests(count: number, now: Date): LoadRequest[] {
  const requests: LoadRequest[] = [];
  for (let i = 0; i < count; i++) {
    const messageId = `om_bench_${now.getTime()}_${i}`;
    const payload = {
      schema: '2.0',
      header: {
        event_id: `ev_bench_${now.getTime()}_${i}`,
        event_type: 'im.message.receive_v1',
        create_time: String(now.getTime()),
        token: '',
        app_id: 'cli_bench',
        tenant_key: 'bench_tenant_key',
      },
      event: {
        sender: { sender_id: { union_id: 'on_bench', user_id: 'bench_user', open_id: 'ou_bench_rep' }, sender_type: 'user', tenant_key: 'bench_tenant_key' },
        message: {
          message_id: messageId,
          create_time: String(now.getTime()),
          chat_id: 'oc_bench_customer_group',
          chat_type: 'group',
          message_type: 'text',
          content: JSON.stringify({ text: `王总您好，附上报价单和付款计划，预算方面我们下周再对一下。第 ${i} 条。` }),
          mentions: [],
        },
      },
    };
    const request = feishuSimulator.toRequest(JSON.stringify(payload), BENCH_FEISHU_CREDENTIALS, now);
    if ('skip' in request) throw new Error(`bench payload was skipped: ${request.skip}`);
    requests.push({ body: request.rawBody.toString('utf8'), headers: request.headers as Record<string, string> });
  }
  return requests;
}
