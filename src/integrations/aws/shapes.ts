// AWS SDK v3 answers turned into the JSON a task state returns: no
// `$metadata`, timestamps as ISO 8601 text, blobs and streams as text.

function isStream(v: any): v is { transformToString(): Promise<string> } {
  return typeof v?.transformToString === 'function';
}

function isDate(v: unknown): v is Date {
  return v instanceof Date;
}

export async function toJson(v: unknown): Promise<unknown> {
  if (v === null || v === undefined) return v;
  if (isDate(v)) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (isStream(v)) return v.transformToString();
  if (Array.isArray(v)) return Promise.all(v.map(toJson));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$metadata' || x === undefined) continue;
      out[k] = await toJson(x);
    }
    return out;
  }
  return v;
}

/**
 * The `SdkHttpMetadata`/`SdkResponseMetadata` optimized integrations append
 * (the AWS SDK for Java v1 response metadata).
 */
export function sdkHttpMetadata(output: any): Record<string, unknown> {
  const headers: Record<string, string> = output?.$headers ?? {};
  const requestId = output?.$metadata?.requestId ?? headers['x-amzn-requestid'] ?? '';
  const all: Record<string, string[]> = {};
  const one: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k === 'x-amzn-requestid' ? 'x-amzn-RequestId' : k;
    all[name] = [String(v)];
    one[name] = String(v);
  }
  return {
    SdkHttpMetadata: { AllHttpHeaders: all, HttpHeaders: one, HttpStatusCode: output?.$metadata?.httpStatusCode ?? 200 },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** JSON text for fields that take a string when the state passes an object (implicit serialisation). */
export function jsonText(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
}
