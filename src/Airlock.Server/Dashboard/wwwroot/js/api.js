// The gateway's HTTP API, called with the session cookie. Every change carries the session's CSRF
// token in a header, which a page on another site can neither read nor send.

let csrf = null;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function setCsrf(token) {
  csrf = token;
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-Airlock-CSRF'] = csrf;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'unreachable', 'The gateway did not answer. Check that it is running, then try again.');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  if (!response.ok) {
    let code = 'error';
    let message = `The gateway answered ${response.status}.`;
    try {
      const error = JSON.parse(text);
      code = error.code ?? code;
      message = error.error ?? message;
    } catch { /* not JSON: keep the status line */ }
    if (response.status === 401) window.dispatchEvent(new CustomEvent('airlock:signed-out', { detail: message }));
    throw new ApiError(response.status, code, message);
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('ndjson')) return text.split('\n').filter(Boolean).map(line => JSON.parse(line));
  if (type.includes('json')) return JSON.parse(text);
  return text;
}

export const get = path => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const del = path => request('DELETE', path);

/** Audit records matching a query, as the record objects (newest first when order=newest). */
export async function auditRecords(query) {
  const lines = await get(`/v1/audit/records?${new URLSearchParams(query)}`);
  return lines.map(line => line.record);
}
