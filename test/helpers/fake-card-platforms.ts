/**
 * Feishu, DingTalk and WeCom on one fake server, as far as sending cards goes, behaving like the real ones
 * where delivery-once matters: Feishu drops a repeat `uuid` (answering with the first message's id), WeCom
 * drops a repeat of the same request JSON when `enable_duplicate_check` is on. `delivered` lists the
 * messages a person would actually see. (What WeCom answers to a dropped repeat is not documented; the fake
 * answers as it did the first time.)
 */
import type { FakeAnswer, FakePlatform, RecordedRequest } from './fake-platform-server.js';

export const FAKE_PATHS = {
  feishuToken: '/open-apis/auth/v3/tenant_access_token/internal',
  feishuSend: '/open-apis/im/v1/messages',
  dingtalkToken: '/v1.0/oauth2/accessToken',
  dingtalkDirect: '/v1.0/robot/oToMessages/batchSend',
  dingtalkGroup: '/v1.0/robot/groupMessages/send',
  wecomToken: '/cgi-bin/gettoken',
  wecomSend: '/cgi-bin/message/send',
} as const;

export interface DeliveredCard {
  platform: 'feishu' | 'dingtalk' | 'wecom';
  to: string;
  messageId: string;
  request: RecordedRequest;
}

export class FakeCardPlatforms {
  readonly delivered: DeliveredCard[] = [];
  private readonly feishuByUuid = new Map<string, string>();
  private readonly wecomByBody = new Map<string, string>();

  constructor(readonly server: FakePlatform) {
    server.setHandler((request) => this.handle(request));
  }

  sendRequests(): RecordedRequest[] {
    const sends: string[] = [FAKE_PATHS.feishuSend, FAKE_PATHS.dingtalkDirect, FAKE_PATHS.dingtalkGroup, FAKE_PATHS.wecomSend];
    return this.server.requests.filter((r) => sends.includes(r.path));
  }

  private handle(request: RecordedRequest): FakeAnswer {
    switch (request.path) {
      case FAKE_PATHS.feishuToken:
        return { json: { code: 0, tenant_access_token: 't-live', expire: 7200 } };
      case FAKE_PATHS.dingtalkToken:
        return { json: { accessToken: 'dt-live', expireIn: 7200 } };
      case FAKE_PATHS.wecomToken:
        return { json: { errcode: 0, errmsg: 'ok', access_token: 'wt-live', expires_in: 7200 } };
      case FAKE_PATHS.feishuSend:
        return this.feishu(request);
      case FAKE_PATHS.dingtalkDirect:
      case FAKE_PATHS.dingtalkGroup:
        return this.dingtalk(request);
      case FAKE_PATHS.wecomSend:
        return this.wecom(request);
      default:
        return { status: 404, json: { error: 'not faked' } };
    }
  }

  private feishu(request: RecordedRequest): FakeAnswer {
    if (request.headers.authorization !== 'Bearer t-live') return { status: 400, json: { code: 99991663, msg: 'invalid token' } };
    const body = request.body as { receive_id: string; uuid: string };
    let messageId = this.feishuByUuid.get(body.uuid);
    if (messageId === undefined) {
      messageId = `om_card_${this.feishuByUuid.size + 1}`;
      this.feishuByUuid.set(body.uuid, messageId);
      this.delivered.push({ platform: 'feishu', to: body.receive_id, messageId, request });
    }
    return { json: { code: 0, msg: 'success', data: { message_id: messageId } } };
  }

  private dingtalk(request: RecordedRequest): FakeAnswer {
    if (request.headers['x-acs-dingtalk-access-token'] !== 'dt-live') return { status: 401, json: { code: 'InvalidAuthentication', message: '不合法的access_token' } };
    const body = request.body as { userIds?: string[]; openConversationId?: string };
    const messageId = `pqk-${this.delivered.length + 1}`;
    this.delivered.push({ platform: 'dingtalk', to: body.userIds?.[0] ?? body.openConversationId ?? '', messageId, request });
    return { json: { processQueryKey: messageId, invalidStaffIdList: [], flowControlledStaffIdList: [] } };
  }

  private wecom(request: RecordedRequest): FakeAnswer {
    if (request.query.access_token !== 'wt-live') return { json: { errcode: 42001, errmsg: 'access_token expired' } };
    const body = request.body as { touser: string; enable_duplicate_check?: number };
    const key = JSON.stringify(body);
    const repeat = body.enable_duplicate_check === 1 ? this.wecomByBody.get(key) : undefined;
    const messageId = repeat ?? `msg-${this.delivered.length + 1}`;
    if (repeat === undefined) {
      this.wecomByBody.set(key, messageId);
      this.delivered.push({ platform: 'wecom', to: body.touser, messageId, request });
    }
    return { json: { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: messageId, response_code: `rc-${messageId}` } };
  }
}
