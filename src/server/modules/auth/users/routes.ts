/** The city administrator's user management (POST /api/v1/users is checked from outside: keep it). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, SESSION } from '../../../platform/http/contract.ts';
import { requireAllowed } from '../guard.ts';
import { isAdmin } from '../policy.ts';
import { IdParams } from '../schemas.ts';
import { ManagedUserList, ManagedUserView, NewUser, UserChanges, UserQuery } from './schemas.ts';
import { toManagedUser } from './presenter.ts';
import type { UserAdminService } from './service.ts';

const tags = ['users'];

export async function userAdminRoutes(app: FastifyInstance, opts: { users: UserAdminService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { users } = opts;

  r.get(
    '/api/v1/users',
    {
      schema: {
        operationId: 'listUsers',
        tags,
        summary: '用户列表 Users (city admin)',
        security: SESSION,
        querystring: UserQuery,
        response: { 200: ManagedUserList, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      requireAllowed(req, isAdmin);
      const { q, role, status, page, pageSize } = req.query;
      const { total, rows } = await users.list({ q, role, status }, { page, pageSize });
      return { total, items: rows.map(toManagedUser) };
    },
  );
  r.post(
    '/api/v1/users',
    {
      schema: {
        operationId: 'createUser',
        tags,
        summary: '新建用户 Create a user (city admin; without a password the user is emailed a link to set one)',
        security: SESSION,
        body: NewUser,
        response: { 201: ManagedUserView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const actor = requireAllowed(req, isAdmin);
      return reply.code(201).send(toManagedUser(await users.create(req.body, actor)));
    },
  );
  r.get(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'getUser',
        tags,
        summary: '用户详情 A user (city admin)',
        security: SESSION,
        params: IdParams,
        response: { 200: ManagedUserView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      requireAllowed(req, isAdmin);
      return toManagedUser(await users.get(req.params.id));
    },
  );
  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        tags,
        summary: '修改用户：角色、范围、停用 Change a user: role, scope, disabled (ends their sessions)',
        security: SESSION,
        params: IdParams,
        body: UserChanges,
        response: { 200: ManagedUserView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const actor = requireAllowed(req, isAdmin);
      return toManagedUser(await users.update(req.params.id, req.body, actor));
    },
  );
  r.post(
    '/api/v1/users/:id/unlock',
    {
      schema: {
        operationId: 'unlockUser',
        tags,
        summary: '解除锁定 Unlock a user locked by failed sign-ins',
        security: SESSION,
        params: IdParams,
        response: { 200: ManagedUserView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = requireAllowed(req, isAdmin);
      return toManagedUser(await users.unlock(req.params.id, actor));
    },
  );
}
