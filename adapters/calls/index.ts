// PLACEHOLDER written by the lead so the registry compiles while the calls adapter is being built.
// The calls adapter helper replaces this whole file.
import type { InboundAdapter } from '../contract.js';
import { reject } from '../contract.js';

export const callsAdapter: InboundAdapter = {
  platform: 'calls',
  credentialKeys: {},
  methods: ['POST'],
  handleHttp: () => reject(401, 'not_configured', 'adapter under construction', '适配器开发中'),
};
