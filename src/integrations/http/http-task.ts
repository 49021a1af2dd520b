// HTTP Task, `arn:aws:states:::http:invoke` ("Call HTTPS APIs", AWS Step
// Functions Developer Guide): ApiEndpoint, Method, Authentication
// (ConnectionArn, resolved locally), Headers, QueryParameters, RequestBody and
// Transform (RequestBodyEncoding NONE | URL_ENCODED with ArrayFormat
// INDICES | REPEAT | COMMAS | BRACKETS). The answer is
// { Headers, ResponseBody, StatusCode, StatusText }; a non-2xx status fails
// the task with States.Http.StatusCode.<code>.
import { STATUS_CODES } from 'node:http';
import type { Connections } from './connections.js';
import { ConnectionError } from './connections.js';
import type { Outcome } from '../outcome.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

type Scalar = string | number | boolean | null;

/** Form-encodes a JSON object the way the Transform options ask. */
export function urlEncode(body: Record<string, unknown>, arrayFormat = 'INDICES'): string {
  const pairs: [string, string][] = [];
  const add = (key: string, v: unknown): void => {
    if (Array.isArray(v)) {
      if (arrayFormat === 'COMMAS') pairs.push([key, v.map(String).join(',')]);
      else v.forEach((x, i) => add(arrayFormat === 'REPEAT' ? key : arrayFormat === 'BRACKETS' ? `${key}[]` : `${key}[${i}]`, x));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) add(`${key}[${k}]`, x);
    } else {
      pairs.push([key, String(v as Scalar)]);
    }
  };
  for (const [k, v] of Object.entries(body)) add(k, v);
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function fail(error: string, cause: string): Outcome {
  return { kind: 'failure', error, cause };
}

export async function invokeHttp(connections: Connections, parameters: unknown, signal: AbortSignal): Promise<Outcome> {
  const p = (parameters ?? {}) as Record<string, any>;
  if (typeof p.ApiEndpoint !== 'string') return fail('States.Runtime', "The field 'ApiEndpoint' is required for http:invoke");
  const method = String(p.Method ?? '').toUpperCase();
  if (!METHODS.includes(method)) return fail('States.Runtime', `The field 'Method' must be one of ${METHODS.join(', ')}`);
  let url: URL;
  try { url = new URL(p.ApiEndpoint); } catch { return fail('States.Runtime', `The ApiEndpoint '${p.ApiEndpoint}' is not a URL`); }
  let auth;
  try {
    auth = await connections.authorize(p.Authentication?.ConnectionArn, signal);
  } catch (e) {
    if (e instanceof ConnectionError) return fail('States.Http.Socket', e.message);
    return fail('States.Http.Socket', `The connection could not be authorized: ${(e as Error).message}`);
  }
  for (const [k, v] of Object.entries({ ...auth.query, ...(p.QueryParameters ?? {}) })) {
    if (Array.isArray(v)) for (const x of v) url.searchParams.append(k, String(x));
    else url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.Headers ?? {})) headers[k] = String(v);
  Object.assign(headers, auth.headers);
  let body: string | undefined;
  const encoding = p.Transform?.RequestBodyEncoding ?? 'NONE';
  const rawBody = p.RequestBody;
  if (rawBody !== undefined && method !== 'GET' && method !== 'HEAD') {
    const merged = rawBody !== null && typeof rawBody === 'object' && !Array.isArray(rawBody) ? { ...auth.body, ...rawBody } : rawBody;
    if (encoding === 'URL_ENCODED' && merged !== null && typeof merged === 'object' && !Array.isArray(merged)) {
      body = urlEncode(merged, p.Transform?.RequestEncodingOptions?.ArrayFormat);
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    } else if (typeof merged === 'string') {
      body = merged;
    } else {
      body = JSON.stringify(merged);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    }
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, signal, redirect: 'follow' });
  } catch (e) {
    if (signal.aborted) return fail('States.Http.Socket', 'The HTTP request was cancelled');
    return fail('States.Http.Socket', `Unable to reach ${url.origin}: ${(e as Error).cause ? String((e as Error).cause) : (e as Error).message}`);
  }
  const text = method === 'HEAD' ? '' : await res.text();
  const outHeaders: Record<string, string[]> = {};
  res.headers.forEach((v, k) => { outHeaders[k] = [v]; });
  let responseBody: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try { responseBody = JSON.parse(text); } catch { /* keep the text */ }
  }
  const answer = { Headers: outHeaders, ResponseBody: responseBody, StatusCode: res.status, StatusText: res.statusText || STATUS_CODES[res.status] || '' };
  if (res.status < 200 || res.status > 299) return fail(`States.Http.StatusCode.${res.status}`, JSON.stringify(answer));
  return { kind: 'success', output: answer };
}
