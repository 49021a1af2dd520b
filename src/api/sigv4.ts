// Signature Version 4 checks (AWS General Reference, "Create a signed AWS
// API request"), on when the server is given credentials: a request must be
// signed with a known access key, its signature must match, and its time
// must be within 5 minutes of the server's, as AWS answers.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors.js';

export interface SignedRequest {
  readonly method: string;
  /** path and query, as received */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

const MAX_SKEW_MS = 5 * 60 * 1000;
const AUTH = /^AWS4-HMAC-SHA256\s+Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string): Buffer => createHmac('sha256', key).update(s, 'utf8').digest();

const header = (h: SignedRequest['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/** RFC 3986 encoding of one path segment or query component, as SigV4 wants it. */
const encode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query.split('&').filter(Boolean).map((kv) => {
    const i = kv.indexOf('=');
    const k = decodeURIComponent(i < 0 ? kv : kv.slice(0, i));
    const v = decodeURIComponent(i < 0 ? '' : kv.slice(i + 1));
    return [encode(k), encode(v)] as const;
  }).sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
}

function amzTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

/** The AWS answer to a request whose signature does not hold, or undefined when it does. */
export function checkSignature(req: SignedRequest, credentials: ReadonlyMap<string, string>, now: number): ApiError | undefined {
  const auth = header(req.headers, 'authorization');
  if (!auth) return new ApiError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
  const m = AUTH.exec(auth.trim());
  if (!m) return new ApiError('IncompleteSignatureException', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${auth}`);
  const [, accessKey, day, region, service, signedHeaders, signature] = m as unknown as string[];
  const secret = credentials.get(accessKey!);
  if (secret === undefined) return new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const amzDate = header(req.headers, 'x-amz-date') ?? '';
  const at = amzTime(amzDate);
  if (at === undefined) return new ApiError('IncompleteSignatureException', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
  if (Math.abs(now - at) > MAX_SKEW_MS) {
    const iso = (ms: number): string => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
    return new ApiError('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${iso(now - MAX_SKEW_MS)} (${iso(now)} - 5 min.)`);
  }
  const names = signedHeaders!.split(';');
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const canonical = [
    req.method,
    path.split('/').map((seg) => encode(decodeURIComponent(seg))).join('/') || '/',
    canonicalQuery(q < 0 ? '' : req.url.slice(q + 1)),
    names.map((n) => `${n}:${(header(req.headers, n) ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaders,
    header(req.headers, 'x-amz-content-sha256') ?? sha256(req.body),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day!), region!), service!), 'aws4_request');
  const expected = hmac(key, toSign);
  const given = Buffer.from(signature!, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return new ApiError('InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
  return undefined;
}
