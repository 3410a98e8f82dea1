import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.js';
import { decideTenantCurrency } from '../../src/import/import-currency.js';

describe('decideTenantCurrency', () => {
  it.each<[string, Record<string, unknown>, 'set' | 'keep']>([
    ['sets the currency on a tenant with no settings', {}, 'set'],
    ['sets the currency on a tenant whose other settings name none', { outboundDelivery: 'console' }, 'set'],
    ['sets the currency when it is empty', { currency: '' }, 'set'],
    ['keeps a tenant already in the same currency', { currency: 'USD' }, 'keep'],
  ])('%s', (_name, settings, decision) => {
    expect(decideTenantCurrency('acme', settings, 'USD')).toBe(decision);
  });

  it.each([['CNY'], ['EUR'], ['usd']])('refuses a tenant in %s: amounts in two currencies cannot be mixed', (currency) => {
    const refuse = () => decideTenantCurrency('acme', { currency }, 'USD');
    expect(refuse).toThrow(ConflictError);
    expect(refuse).toThrow(new RegExp(`tenant "acme" keeps its amounts in ${currency}.*in USD.*cannot be mixed`));
  });
});
