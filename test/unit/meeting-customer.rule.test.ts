import { describe, expect, it } from 'vitest';
import { customerNamedInText, customersNamedIn, matchMeetingCustomer, type MeetingEvidence } from '../../src/core/rules/meeting-customer.rule.js';

const acme = { id: 'acme', name: 'Acme' };
const huawei = { id: 'huawei', name: '华为' };
const huaweiCloud = { id: 'huawei-cloud', name: '华为云' };
const tiny = { id: 'tiny', name: 'X' };

function evidence(partial: Partial<MeetingEvidence>): MeetingEvidence {
  return { participantCustomerIds: [], topic: '', topicCandidates: [], ...partial };
}

describe('matchMeetingCustomer', () => {
  it.each<[string, MeetingEvidence, string, 'participants' | 'topic']>([
    ['one known contact attended', evidence({ participantCustomerIds: ['acme'] }), 'acme', 'participants'],
    ['most known contacts come from one customer', evidence({ participantCustomerIds: ['acme', 'huawei', 'acme'] }), 'acme', 'participants'],
    [
      'contacts tie and the topic names one of them',
      evidence({ participantCustomerIds: ['acme', 'huawei'], topic: 'Acme weekly', topicCandidates: [acme] }),
      'acme',
      'participants',
    ],
    ['contacts win over the topic', evidence({ participantCustomerIds: ['huawei'], topic: 'Acme sync', topicCandidates: [acme] }), 'huawei', 'participants'],
    ['no contact attended but the topic names the customer', evidence({ topic: 'acme QBR', topicCandidates: [acme] }), 'acme', 'topic'],
    ['the topic names a customer and a shorter part of it', evidence({ topic: '华为云 迁移方案评审', topicCandidates: [huawei, huaweiCloud] }), 'huawei-cloud', 'topic'],
    ['contacts without a company are skipped', evidence({ participantCustomerIds: [null, 'acme'] }), 'acme', 'participants'],
  ])('matches the meeting when %s', (_, input, customerId, by) => {
    expect(matchMeetingCustomer(input)).toEqual({ status: 'matched', customerId, by });
  });

  it.each<[string, MeetingEvidence, RegExp]>([
    ['nobody is known and the topic names no customer', evidence({ topic: 'Team standup' }), /no participant is a known contact/],
    ['contacts of two customers tie', evidence({ participantCustomerIds: ['acme', 'huawei'] }), /2 customers equally/],
    ['the topic names two unrelated customers', evidence({ topic: 'Acme vs 华为 review', topicCandidates: [acme, huawei] }), /names 2 customers/],
    ['the only name in the topic is one character', evidence({ topic: 'X planning', topicCandidates: [tiny] }), /no participant/],
    ['only company-less contacts attended', evidence({ participantCustomerIds: [null] }), /no participant is a known contact/],
  ])('finds no customer when %s', (_, input, reason) => {
    const result = matchMeetingCustomer(input);
    expect(result.status).toBe('none');
    if (result.status === 'none') expect(result.reason).toMatch(reason);
  });
});

describe('customersNamedIn', () => {
  it('finds names case-insensitively and skips one-character names', () => {
    expect(customersNamedIn('ACME and X', [acme, tiny, huawei])).toEqual([acme]);
  });
});

describe('customerNamedInText', () => {
  it.each([
    ['华为云-项目群', [huawei, huaweiCloud], { status: 'matched', customerId: 'huawei-cloud' }],
    ['Acme 客户群', [acme], { status: 'matched', customerId: 'acme' }],
    ['内部群', [acme], { status: 'none', namesFound: 0 }],
    ['Acme 华为 联合项目', [acme, huawei], { status: 'none', namesFound: 2 }],
  ])('reads the customer out of %j', (text, candidates, expected) => {
    expect(customerNamedInText(text, candidates)).toEqual(expected);
  });
});
