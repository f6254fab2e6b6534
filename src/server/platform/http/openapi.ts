/**
 * The OpenAPI document, generated from the routes' own zod schemas (GET /api/openapi.json), and the
 * browsable docs (swagger-ui at /api/docs, under a policy of its own: security-headers.ts).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { securitySchemes, withoutUnusedInputs, zodToJsonConfig } from './contract.ts';
import { docsCsp } from './security-headers.ts';

const TAGS = [
  { name: 'auth', description: '账号 Accounts' },
  { name: 'users', description: '用户管理 User management' },
  { name: 'audit', description: '安全审计 Audit trail' },
  { name: 'reference', description: '参考数据 Reference data' },
  { name: 'directory', description: '名录库 Directory' },
  { name: 'publications', description: '发布清单 Published lists' },
  { name: 'instruments', description: '共享仪器 Shared instruments' },
  { name: 'bookings', description: '仪器预约 Bookings' },
  { name: 'notifications', description: '通知 Notifications' },
  { name: 'search', description: '综合搜索 Search across kinds' },
  { name: 'achievements', description: '科技成果 Achievements' },
  { name: 'demands', description: '技术需求与匹配 Demands and matching' },
  { name: 'experts', description: '专家库 Experts' },
  { name: 'deals', description: '技术交易洽谈 Deals' },
  { name: 'webhooks', description: 'Webhook 订阅 Webhooks' },
  { name: 'registration', description: '机构注册与认领 Registration, claims and invitations' },
  { name: 'platform', description: '平台状态 Platform status' },
];

export async function registerOpenApi(app: FastifyInstance, opts: { https: boolean }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      // OpenAPI 3.1: its schemas are JSON Schema 2020-12, so nullable is `type: [x, 'null']` and $ref may have siblings
      openapi: '3.1.0',
      info: {
        title: '科服通 Kefutong API',
        version: '1',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        description:
          '科技服务业数字化平台接口。Errors: {"error": {"code", "message", "fields": [{"path", "message"}]}} in the language of Accept-Language (zh-CN default, en).',
      },
      servers: [],
      components: { securitySchemes },
      tags: TAGS,
    },
    transform: createJsonSchemaTransform({ zodToJsonConfig }),
    // schemas with a meta id (User, Org, Error, …) become components, so a generated client names them
    transformObject: (input) => withoutUnusedInputs(createJsonSchemaTransformObject({ zodToJsonConfig })(input) as never),
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: docsCsp(opts.https),
    // no badge from swagger's public validator: the page loads nothing from elsewhere
    uiConfig: { validatorUrl: null },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
