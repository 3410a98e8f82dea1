/**
 * DingTalk for each card kind: the robot ActionCard (msgKey by button count, every action a URL) and the
 * interactive-card template data (string → string cardParamMap), each against a reviewed snapshot.
 */
import { describe, expect, it } from 'vitest';
import { actionPayload } from '../../../src/core/card-action.js';
import type { Card, CardButton } from '../../../src/core/card.js';
import {
  DINGTALK_ACTION_CARD_MAX_BUTTONS,
  DINGTALK_CARD_TEMPLATE_VARIABLES,
  renderDingtalkActionCard,
  renderDingtalkInteractiveCard,
  type DingtalkActionCardOptions,
} from '../../../adapters/dingtalk/render-card.js';
import { formCard, hostileCard, overdueFinalCard, overdueOwnerCard, overdueSupervisorCard, sampleCards, withButtons } from '../../fixtures/cards/sample-cards.js';

const options: DingtalkActionCardOptions = {
  actionUrl: (card: Card, button: CardButton) => `https://salesbeat.example.com/console/cards/${card.id}/actions/${button.actionId}?t=signed`,
};
const template = { templateId: 'a1b2c3d4-salesbeat-card.schema' };

function param(card: Card, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const { payload, cuts } = renderDingtalkActionCard(card, locale, options);
  return { msgKey: payload.msgKey, param: JSON.parse(payload.msgParam) as Record<string, unknown>, cuts };
}

describe('renderDingtalkActionCard', () => {
  it.each(sampleCards)('%s matches the reviewed snapshot (zh-CN)', (_name, card) => {
    expect(param(card)).toMatchSnapshot();
  });

  it('renders English on request', () => {
    expect(param(overdueOwnerCard, 'en')).toMatchSnapshot();
  });

  it.each([
    [0, 'sampleMarkdown', []],
    [1, 'sampleActionCard', ['singleTitle', 'singleURL']],
    [2, 'sampleActionCard2', ['actionTitle1', 'actionURL1', 'actionTitle2', 'actionURL2']],
    [3, 'sampleActionCard3', ['actionTitle1', 'actionURL1', 'actionTitle2', 'actionURL2', 'actionTitle3', 'actionURL3']],
    [4, 'sampleActionCard4', ['actionTitle1', 'actionURL1', 'actionTitle2', 'actionURL2', 'actionTitle3', 'actionURL3', 'actionTitle4', 'actionURL4']],
    [5, 'sampleActionCard5', ['actionTitle1', 'actionURL1', 'actionTitle2', 'actionURL2', 'actionTitle3', 'actionURL3', 'actionTitle4', 'actionURL4', 'actionTitle5', 'actionURL5']],
  ])('%d button(s) → %s', (n, msgKey, keys) => {
    const { msgKey: key, param: p, cuts } = param(withButtons(overdueOwnerCard, n));
    expect(key).toBe(msgKey);
    expect(Object.keys(p)).toEqual(['title', 'text', ...keys]);
    expect(Object.values(p).every((v) => typeof v === 'string' && v !== '')).toBe(true);
    expect(cuts).toEqual([]);
  });

  it('keeps five actions (the largest ActionCard) and reports the rest', () => {
    const card = { ...withButtons(overdueOwnerCard, 6), links: overdueOwnerCard.links };
    const { msgKey, param: p, cuts } = param(card);
    expect(msgKey).toBe('sampleActionCard5');
    expect(p.actionTitle5).toBe('按钮5');
    expect(cuts).toEqual([{ path: 'actions', unit: 'items', limit: DINGTALK_ACTION_CARD_MAX_BUTTONS, length: 7 }]);
  });

  it('sends call-back buttons and the form to the caller’s action URL, links to their own URL', () => {
    const { param: p } = param(overdueSupervisorCard);
    expect([p.actionURL1, p.actionURL2, p.actionURL3]).toEqual([
      options.actionUrl(overdueSupervisorCard, overdueSupervisorCard.buttons[0]!),
      options.actionUrl(overdueSupervisorCard, overdueSupervisorCard.buttons[1]!),
      overdueSupervisorCard.links[0]!.url,
    ]);
    expect(param(formCard)).toMatchObject({ msgKey: 'sampleActionCard', param: { singleTitle: '提交', singleURL: options.actionUrl(formCard, formCard.form!.submit) } });
  });

  it('the final state keeps only the link and shows the state', () => {
    const { msgKey, param: p } = param(overdueFinalCard);
    expect(msgKey).toBe('sampleActionCard');
    expect(p.singleURL).toBe(overdueFinalCard.links[0]!.url);
    expect(p.text).toContain('**已确认 by 王五 at 14:02**');
  });

  it('escapes a hostile customer name in the markdown', () => {
    const text = param(hostileCard).param.text as string;
    expect(text).toContain('\\<script\\>alert("x")\\</script\\> \\*\\*粗\\*\\* \\<at id=all\\>\\</at\\> \\[x\\](javascript:alert(1)) & co');
    expect(text).not.toMatch(/(^|[^\\])<script/);
  });
});

describe('renderDingtalkInteractiveCard', () => {
  it.each(sampleCards)('%s matches the reviewed snapshot (zh-CN)', (_name, card) => {
    expect(renderDingtalkInteractiveCard(card, 'zh-CN', template)).toMatchSnapshot();
  });

  it.each(sampleCards)('%s fills exactly the documented template variables, all strings', (_name, card) => {
    const { payload } = renderDingtalkInteractiveCard(card, 'zh-CN', template);
    const map = payload.cardData.cardParamMap;
    expect(Object.keys(map)).toEqual([...DINGTALK_CARD_TEMPLATE_VARIABLES]);
    expect(Object.values(map).every((v) => typeof v === 'string')).toBe(true);
    expect(payload).toMatchObject({ cardTemplateId: template.templateId, outTrackId: card.id, callbackType: 'STREAM' });
  });

  it('each button’s callback payload is the card’s action payload, as JSON', () => {
    const map = renderDingtalkInteractiveCard(overdueSupervisorCard, 'zh-CN', template).payload.cardData.cardParamMap;
    const buttons = JSON.parse(map.buttons!) as Array<{ actionId: string; payload: string }>;
    expect(buttons.map((b) => JSON.parse(b.payload))).toEqual(overdueSupervisorCard.buttons.map((b) => actionPayload(overdueSupervisorCard.id, b)));
  });

  it('the final state has no buttons and no form', () => {
    const map = renderDingtalkInteractiveCard(overdueFinalCard, 'zh-CN', template).payload.cardData.cardParamMap;
    expect(map).toMatchObject({ final: 'true', state: '已确认 by 王五 at 14:02', buttons: '[]', form: '' });
  });

  it('takes a per-recipient outTrackId and HTTP callbacks when asked', () => {
    const { payload } = renderDingtalkInteractiveCard(overdueOwnerCard, 'en', { ...template, outTrackId: 'card-1@row-9', callbackType: 'HTTP' });
    expect(payload).toMatchObject({ outTrackId: 'card-1@row-9', callbackType: 'HTTP' });
    expect(payload.cardData.cardParamMap.locale).toBe('en');
  });
});
