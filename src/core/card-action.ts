/**
 * What a tapped button sends back, in platform-free terms. Every renderer carries the same facts — which
 * card, which action, the button's opaque value — in whatever its platform lets a button carry:
 *
 *   - `actionPayload` (card id + action id + value, one flat string record) where a button carries an
 *     object (Feishu `behaviors[].value`, DingTalk card params, the console form);
 *   - `encodeActionKey` (action id + value as one short string) where it carries a string only and the card
 *     id comes back separately (WeCom `button_list[].key` ↔ `EventKey`, with `TaskId` naming the card).
 *
 * The value stays opaque here: a later step signs it; nothing in the renderers looks inside.
 */

/** Keys of `actionPayload` that a button's own value may not use. */
export const ACTION_KEY = 'action';
export const CARD_KEY = 'card';
export const RESERVED_VALUE_KEYS: readonly string[] = [ACTION_KEY, CARD_KEY];

/** Action ids are dotted lower-case words, like domain event kinds: `lead.log_followup`. */
export const ACTION_ID_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export interface ActionTarget {
  actionId: string;
  value: Record<string, string>;
}

/** `{action, card, ...value}`: everything a platform that carries an object needs to route the tap. */
export function actionPayload(cardId: string, button: ActionTarget): Record<string, string> {
  const payload: Record<string, string> = { [ACTION_KEY]: button.actionId, [CARD_KEY]: cardId };
  for (const [key, value] of Object.entries(button.value)) {
    if (!RESERVED_VALUE_KEYS.includes(key)) payload[key] = value;
  }
  return payload;
}

/**
 * `lead.log_followup?leadId=…&step=…`: the action id, then the value as a query string with sorted keys
 * (one button → one key, whatever order the value was built in). Just the action id when the value is empty.
 */
export function encodeActionKey(button: ActionTarget): string {
  const entries = Object.entries(button.value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return button.actionId;
  return `${button.actionId}?${new URLSearchParams(entries).toString()}`;
}

/** The inverse of `encodeActionKey`; undefined when `key` is not one (e.g. a key from another app). */
export function decodeActionKey(key: string): ActionTarget | undefined {
  const at = key.indexOf('?');
  const actionId = at === -1 ? key : key.slice(0, at);
  if (!ACTION_ID_PATTERN.test(actionId)) return undefined;
  const value: Record<string, string> = {};
  if (at !== -1) for (const [k, v] of new URLSearchParams(key.slice(at + 1))) value[k] = v;
  return { actionId, value };
}
