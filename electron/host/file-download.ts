import type { ServerResponse } from 'node:http';
import type { AttachmentContent } from '#shared/domain/intake.ts';
import { attachmentDisposition, safeContentType } from '#shared/domain/incident-files.ts';
import type { ErrorCode } from '#shared/errors.ts';
import type { Core } from '#core/index.ts';
import { HttpRefusal } from './http.ts';

/**
 * `GET /api/files/incident/<incident id>/<sha-256>`: one file of an incident as a download (DESIGN §8). The
 * core answers it through its boundary, as any call; what this adds is how the browser receives it: always
 * `Content-Disposition: attachment`, a type that runs nothing, no sniffing, and a sandbox policy should anything
 * open it as a page anyway. Never cached: the file stays in the workspace, not in the browser's cache.
 */
export const INCIDENT_FILE_PATH = /^\/api\/files\/incident\/([^/]+)\/([^/]+)$/;

const STATUS: Partial<Record<ErrorCode, number>> = { invalid_input: 400, not_found: 404, forbidden: 403 };

export async function serveIncidentFile(
  core: Core,
  response: ServerResponse,
  match: RegExpExecArray,
  method: string | undefined,
): Promise<void> {
  if (method !== 'GET' && method !== 'HEAD') throw new HttpRefusal(405, 'invalid_input', 'Use GET for files.');
  const outcome = await core.invoke('incident/attachment', { incidentId: match[1], hash: match[2] });
  if (!outcome.ok) throw new HttpRefusal(STATUS[outcome.error.code] ?? 500, outcome.error.code, outcome.error.message);
  const file = outcome.value as AttachmentContent;
  const bytes = Buffer.from(file.base64, 'base64');
  response.writeHead(200, {
    'content-type': safeContentType(file.contentType),
    'content-length': String(bytes.length),
    'content-disposition': attachmentDisposition(file.name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  response.end(method === 'HEAD' ? undefined : bytes);
}
