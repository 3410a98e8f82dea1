// PLACEHOLDER written by the lead so the registry compiles while the feishu adapter is being built.
// The feishu adapter helper replaces this whole file.
import type { InboundAdapter } from '../contract.js';
import { reject } from '../contract.js';

export const feishuAdapter: InboundAdapter = {
  platform: 'feishu',
  credentialKeys: {},
  methods: ['POST'],
  handleHttp: () => reject(401, 'not_configured', 'adapter under construction', '适配器开发中'),
};
