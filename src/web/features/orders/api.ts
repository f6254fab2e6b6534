/** Service orders (服务订单): the list, one order, and each step's write (the answer is the order as it now stands). */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type Order = Schemas['Order'];
export type OrderSummary = Schemas['OrderSummary'];
export type OrderStatus = Schemas['OrderStatus'];
export type OrderSide = Schemas['OrderSide'];
export type OrderCan = Schemas['OrderCan'];
export type QuoteBody = paths['/api/v1/orders/{id}/quote']['post']['requestBody']['content']['application/json'];

/** The states in the order they are reached (cancelled and disputed are side roads). */
export const ORDER_FLOW = ['requested', 'quoted', 'confirmed', 'delivered', 'accepted', 'paid'] as const satisfies readonly OrderStatus[];
export const ORDER_STATUSES = [...ORDER_FLOW, 'disputed', 'cancelled'] as const satisfies readonly OrderStatus[];

export const orderKeys = {
  all: ['orders'] as const,
  list: (role: OrderSide | '', status: string, page: number) => ['orders', 'list', role, status, page] as const,
  one: (id: number) => ['orders', 'one', id] as const,
  messages: (id: number) => ['orders', 'messages', id] as const,
  history: (id: number) => ['orders', 'history', id] as const,
};

export const ordersQuery = (role: OrderSide | '', status: string, page: number) =>
  queryOptions({
    queryKey: orderKeys.list(role, status, page),
    queryFn: () => unwrap(api.GET('/api/v1/orders', { params: { query: { role: role || undefined, status: status || undefined, page, pageSize: 20 } } })),
    placeholderData: keepPreviousData,
  });
export const orderQuery = (id: number) =>
  queryOptions({ queryKey: orderKeys.one(id), queryFn: () => unwrap(api.GET('/api/v1/orders/{id}', { params: { path: { id } } })) });
export const orderMessagesQuery = (id: number) =>
  queryOptions({
    queryKey: orderKeys.messages(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/orders/{id}/messages', { params: { path: { id } } }))).items,
  });
export const orderHistoryQuery = (id: number) =>
  queryOptions({
    queryKey: orderKeys.history(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/orders/{id}/history', { params: { path: { id } } }))).items,
  });

export const createOrder = (serviceId: number, requirement: string) => unwrap(api.POST('/api/v1/orders', { body: { serviceId, requirement } }));

const path = (id: number) => ({ params: { path: { id } } });
export const orderSteps = {
  quote: (id: number, body: QuoteBody) => unwrap(api.POST('/api/v1/orders/{id}/quote', { ...path(id), body })),
  confirm: (id: number) => unwrap(api.POST('/api/v1/orders/{id}/confirm', path(id))),
  cancel: (id: number, reason: string) => unwrap(api.POST('/api/v1/orders/{id}/cancel', { ...path(id), body: { reason } })),
  addMilestone: (id: number, title: string, dueOn?: string) =>
    unwrap(api.POST('/api/v1/orders/{id}/milestones', { ...path(id), body: { title, ...(dueOn ? { dueOn } : {}) } })),
  completeMilestone: (id: number, milestoneId: number) =>
    unwrap(api.POST('/api/v1/orders/{id}/milestones/{milestoneId}/done', { params: { path: { id, milestoneId } } })),
  deliver: (id: number, note: string, fileIds: number[]) => unwrap(api.POST('/api/v1/orders/{id}/deliver', { ...path(id), body: { note, fileIds } })),
  accept: (id: number) => unwrap(api.POST('/api/v1/orders/{id}/accept', path(id))),
  dispute: (id: number, reason: string) => unwrap(api.POST('/api/v1/orders/{id}/dispute', { ...path(id), body: { reason } })),
  invoice: (id: number, invoiceNo: string) => unwrap(api.POST('/api/v1/orders/{id}/invoice', { ...path(id), body: { invoiceNo } })),
  pay: (id: number, fileId: number) => unwrap(api.POST('/api/v1/orders/{id}/payment', { ...path(id), body: { fileId } })),
  rate: (id: number, rating: number, comment?: string) => unwrap(api.POST('/api/v1/orders/{id}/rate', { ...path(id), body: { rating, comment } })),
  message: (id: number, body: string) => unwrap(api.POST('/api/v1/orders/{id}/messages', { ...path(id), body: { body } })),
};

export function uploadOrderFile(id: number, purpose: 'deliverable' | 'payment_proof', file: File) {
  const body = new FormData();
  body.append('file', file);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrap(api.POST('/api/v1/orders/{id}/files', { params: { path: { id }, query: { purpose } }, body: body as never }));
}
export function uploadOrderContract(id: number, file: File) {
  const body = new FormData();
  body.append('file', file);
  return unwrap(api.POST('/api/v1/orders/{id}/contract', { params: { path: { id } }, body: body as never }));
}
