import type { ContactRole } from '../store/schema/customers.js';
import type { UserRole } from '../store/schema/users.js';

/**
 * The people and chats of the demo tenant besides the Maven dataset: a small Chinese sales team whose platform
 * ids are exactly the ids found in the recorded payloads under ../shared/data/payloads/, so replaying those
 * payloads against /webhooks/<platform>/demo captures real actions by known people.
 * id types are the keys adapters put in PlatformPerson.ids (feishu open_id|user_id|union_id, dingtalk
 * staffId|dingtalkId, wecom userid).
 */

export interface DemoIdentity {
  platform: string;
  idType: string;
  value: string;
  /** Where the id comes from, for whoever wonders why it looks odd (masked ids are kept verbatim). */
  seenIn: string;
}

export interface DemoUser {
  key: string;
  name: string;
  role: UserRole;
  email: string;
  supervisorKey?: string;
  identities: DemoIdentity[];
}

export const DEMO_TEAM = '华东演示组 East demo team';
export const DEMO_REGION = 'East';

export const demoUsers: DemoUser[] = [
  {
    key: 'wangfang',
    name: '王芳',
    role: 'supervisor',
    email: 'wangfang@demo.salesbeat.invalid',
    identities: [
      { platform: 'feishu', idType: 'open_id', value: 'ou_3c14f3a59eaf2825dbe25359f15*****', seenIn: 'feishu/card.action.trigger.json operator' },
      { platform: 'feishu', idType: 'user_id', value: '867*****', seenIn: 'feishu/card.action.trigger.json operator' },
      { platform: 'feishu', idType: 'union_id', value: 'on_cad4860e7af114fb4ff6c5d496d*****', seenIn: 'feishu/card.action.trigger.json operator' },
      { platform: 'dingtalk', idType: 'staffId', value: 'XXXXXX', seenIn: 'dingtalk/card_callback.actionCallback.json userId' },
      { platform: 'wecom', idType: 'userid', value: 'FromUser', seenIn: 'wecom/template_card_event.xml FromUserName' },
    ],
  },
  {
    key: 'zhangsan',
    name: '张三',
    role: 'rep',
    email: 'zhangsan@demo.salesbeat.invalid',
    supervisorKey: 'wangfang',
    identities: [
      { platform: 'wecom', idType: 'userid', value: 'zhangsan', seenIn: 'wecom/change_external_contact.add_external_contact.xml UserID' },
      { platform: 'feishu', idType: 'open_id', value: 'ou_84aad35d084aa403a838cf73ee18467', seenIn: 'feishu/im.message.receive_v1.json sender, vc.meeting.* host' },
      { platform: 'feishu', idType: 'user_id', value: 'e33ggbyz', seenIn: 'feishu/im.message.receive_v1.json sender' },
      { platform: 'feishu', idType: 'union_id', value: 'on_8ed6aa67826108097d9ee143816345', seenIn: 'feishu/im.message.receive_v1.json sender' },
      { platform: 'dingtalk', idType: 'staffId', value: '042***297', seenIn: 'dingtalk/robot_message.*.json senderStaffId (senderNick 张三)' },
      { platform: 'dingtalk', idType: 'staffId', value: '042****297', seenIn: 'dingtalk/robot_message.richText.json senderStaffId' },
      { platform: 'dingtalk', idType: 'dingtalkId', value: '$:LWC****PA==', seenIn: 'dingtalk/robot_message.*.json senderId' },
    ],
  },
  {
    key: 'lisi',
    name: '李四',
    role: 'rep',
    email: 'lisi@demo.salesbeat.invalid',
    supervisorKey: 'wangfang',
    identities: [
      { platform: 'dingtalk', idType: 'staffId', value: '16650***698', seenIn: 'dingtalk/stream_frame.callback.robot_message.json senderStaffId' },
      { platform: 'dingtalk', idType: 'dingtalkId', value: '$:LWCP_v1:***jqTgIfhRX9Q==', seenIn: 'dingtalk/stream_frame.callback.robot_message.json senderId' },
      { platform: 'wecom', idType: 'userid', value: 'fromUser', seenIn: 'wecom/text_message.xml FromUserName' },
    ],
  },
];

export interface DemoContact {
  name: string;
  title: string;
  role: ContactRole;
  phone?: string;
  identities: DemoIdentity[];
}

export interface DemoCustomer {
  /** customers.external_ref; the `demo:` prefix keeps them apart from the Maven accounts. */
  externalRef: string;
  name: string;
  sector: string;
  country: string;
  employees: number;
  contacts: DemoContact[];
  /** Group chats bound to this customer, so messages there count as actions with it. */
  chats: Array<{ platform: string; chatId: string; seenIn: string }>;
}

export const demoCustomers: DemoCustomer[] = [
  {
    externalRef: 'demo:shentong-precision',
    name: '上海申通精密制造有限公司',
    sector: 'manufacturing',
    country: 'China',
    employees: 860,
    contacts: [
      {
        name: '陈经理',
        title: '采购经理',
        role: 'decision_maker',
        // The example number of the calls webhook documentation (adapters/calls/index.ts).
        phone: '+86 139 0000 1234',
        identities: [
          { platform: 'feishu', idType: 'open_id', value: 'ou_2cc0462a0597358575e771bea74e3304', seenIn: 'feishu/vc.meeting.*.json participant' },
          { platform: 'feishu', idType: 'user_id', value: 'f3e15a6a', seenIn: 'feishu/vc.meeting.*.json participant' },
          { platform: 'feishu', idType: 'union_id', value: 'on_785a8cda5345f665f7187d7d876cb790', seenIn: 'feishu/vc.meeting.*.json participant' },
        ],
      },
      { name: '刘工', title: '设备主管', role: 'influencer', identities: [] },
    ],
    chats: [
      { platform: 'feishu', chatId: 'oc_5ce6d572455d361153b7xx51da133945', seenIn: 'feishu/im.message.receive_v1.json chat_id' },
      // A console group (adapters/console), so the console can post as 陈经理 into a bound chat from the start.
      { platform: 'console', chatId: 'console-g-shentong', seenIn: 'the console: the demo group of this customer' },
    ],
  },
  {
    externalRef: 'demo:yunfan-tech',
    name: '深圳云帆科技有限公司',
    sector: 'software',
    country: 'China',
    employees: 240,
    contacts: [{ name: '赵总', title: '总经理', role: 'decision_maker', identities: [] }],
    chats: [{ platform: 'dingtalk', chatId: 'cidAsXSBLnA==', seenIn: 'dingtalk/stream_frame.callback.robot_message.json conversationId (测试群)' }],
  },
  {
    externalRef: 'demo:zhiyuan-medical',
    name: '北京智源医疗器械有限公司',
    sector: 'medical',
    country: 'China',
    employees: 1_350,
    contacts: [{ name: '孙主任', title: '信息科主任', role: 'user', identities: [] }],
    chats: [],
  },
];
