/** The contract's lifecycle beyond the station's review: the signed PDF, the buyer's answer, the experts' page. */
import { api, unwrap } from '../../api/client';

export function uploadContractDocument(id: number, file: File) {
  const body = new FormData();
  body.append('file', file);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrap(api.POST('/api/v1/contracts/{id}/document', { params: { path: { id } }, body: body as never }));
}
