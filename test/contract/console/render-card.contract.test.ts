/**
 * The console's HTML for each card kind: a reviewed snapshot, every button a POST form to /console/actions,
 * and nothing from the card ever becoming markup (no XSS through a customer name or a link).
 */
import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/core/card.js';
import { CONSOLE_ACTION_PATH, escapeHtml, renderConsoleCard, renderConsoleCardWithCuts } from '../../../adapters/console/render-card.js';
import { formCard, hostileCard, overdueFinalCard, overdueOwnerCard, overdueSupervisorCard, sampleCards } from '../../fixtures/cards/sample-cards.js';

/** The opening tags in a fragment, by name. */
function tags(html: string, name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

function attr(tag: string, name: string): string | undefined {
  return tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('renderConsoleCard', () => {
  it.each(sampleCards)('%s matches the reviewed snapshot (zh-CN)', (_name, card) => {
    expect(renderConsoleCard(card)).toMatchSnapshot();
  });

  it('renders English on request', () => {
    expect(renderConsoleCard(overdueOwnerCard, 'en')).toMatchSnapshot();
  });

  it('escapes <script> and every other tag in a customer name, in text and attributes alike', () => {
    const html = renderConsoleCard(hostileCard);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<at');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; **粗** &lt;at id=all&gt;&lt;/at&gt;');
    const evil: Card = { ...overdueOwnerCard, id: 'x"><img src=x onerror=alert(1)>', kind: 'lead.overdue" onclick="x', buttons: [{ ...overdueOwnerCard.buttons[0]!, value: { q: '"><script>alert(1)</script>' } }] };
    const evilHtml = renderConsoleCard(evil);
    expect(evilHtml).not.toMatch(/<img|<script|onclick="x"/);
    expect(tags(evilHtml, 'article')).toHaveLength(1);
  });

  it('posts each button as a form to /console/actions with the card id, action id and value', () => {
    const html = renderConsoleCard(overdueSupervisorCard);
    const forms = tags(html, 'form');
    expect(forms).toHaveLength(2);
    for (const form of forms) {
      expect(attr(form, 'method')).toBe('post');
      expect(attr(form, 'action')).toBe(CONSOLE_ACTION_PATH);
    }
    const hidden = tags(html, 'input').map((t) => [attr(t, 'name'), unescape(attr(t, 'value') ?? '')]);
    expect(hidden).toEqual([
      ['cardId', overdueSupervisorCard.id],
      ['actionId', 'lead.log_followup'],
      ['value', JSON.stringify(overdueSupervisorCard.buttons[0]!.value)],
      ['cardId', overdueSupervisorCard.id],
      ['actionId', 'lead.nudge_owner'],
      ['value', JSON.stringify(overdueSupervisorCard.buttons[1]!.value)],
    ]);
  });

  it('renders the card form with its inputs named form.<name>, lengths and required flags', () => {
    const html = renderConsoleCard(formCard, 'zh-CN', { actionPath: '/console/actions?as=u1', hiddenFields: { csrf: 'tok"en' } });
    expect(tags(html, 'form').map((f) => unescape(attr(f, 'action')!))).toEqual(['/console/actions?as=u1']);
    expect(tags(html, 'textarea')).toEqual(['<textarea name="form.summary" maxlength="500" rows="3" required placeholder="已自动填入">']);
    expect(tags(html, 'input').filter((t) => attr(t, 'type') === 'text')).toEqual(['<input type="text" name="form.nextStep" maxlength="100" required>']);
    expect(tags(html, 'select')).toEqual(['<select name="form.stage">']);
    expect(html).toContain('<input type="hidden" name="csrf" value="tok&quot;en">');
  });

  it('the final state shows the state and no form at all', () => {
    const html = renderConsoleCard(overdueFinalCard);
    expect(tags(html, 'form')).toEqual([]);
    expect(html).toContain('<p class="sb-card__state"><strong>已确认 by 王五 at 14:02</strong></p>');
    expect(tags(html, 'a')).toHaveLength(1);
  });

  it('drops a link that is not http(s) and reports it', () => {
    const card: Card = { ...overdueOwnerCard, links: [{ label: { zh: '坏', en: 'Bad' }, url: 'javascript:alert(1)' }, overdueOwnerCard.links[0]!] };
    const { html, cuts } = renderConsoleCardWithCuts(card);
    expect(html).not.toContain('javascript:');
    expect(tags(html, 'a').map((a) => attr(a, 'href'))).toEqual([overdueOwnerCard.links[0]!.url]);
    expect(cuts).toEqual([{ path: 'links[0].url', unit: 'items', limit: 0, length: 1 }]);
  });

  it('escapeHtml covers the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
