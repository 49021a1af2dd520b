// Authentication for HTTP Tasks from a local connection configuration in
// place of EventBridge connections: the same AuthParameters shape as
// EventBridge CreateConnection (API key, basic, OAuth client credentials,
// plus InvocationHttpParameters), keyed by the connection ARN the definition
// names. Secret values never leave this module except in the request itself.

interface KeyValue { readonly Key: string; readonly Value: string }

export interface ConnectionConfig {
  readonly AuthParameters?: {
    readonly ApiKeyAuthParameters?: { readonly ApiKeyName: string; readonly ApiKeyValue: string };
    readonly BasicAuthParameters?: { readonly Username: string; readonly Password: string };
    readonly OAuthParameters?: {
      readonly AuthorizationEndpoint: string;
      readonly HttpMethod?: string;
      readonly ClientParameters: { readonly ClientID: string; readonly ClientSecret: string };
      readonly OAuthHttpParameters?: InvocationParameters;
    };
    readonly InvocationHttpParameters?: InvocationParameters;
  };
}

interface InvocationParameters {
  readonly HeaderParameters?: readonly KeyValue[];
  readonly QueryStringParameters?: readonly KeyValue[];
  readonly BodyParameters?: readonly KeyValue[];
}

/** What a connection adds to a request. */
export interface Authorization {
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
  readonly body: Record<string, string>;
}

export class ConnectionError extends Error {}

export class Connections {
  private readonly tokens = new Map<string, { token: string; expires: number }>();

  constructor(private readonly byArn: Readonly<Record<string, ConnectionConfig>>) {}

  async authorize(connectionArn: string | undefined, signal: AbortSignal): Promise<Authorization> {
    const out: Authorization = { headers: {}, query: {}, body: {} };
    if (connectionArn === undefined) return out;
    const c = this.byArn[connectionArn];
    if (!c) throw new ConnectionError(`The connection '${connectionArn}' is not in the local connection configuration`);
    const a = c.AuthParameters ?? {};
    merge(out, a.InvocationHttpParameters);
    if (a.ApiKeyAuthParameters) out.headers[a.ApiKeyAuthParameters.ApiKeyName] = a.ApiKeyAuthParameters.ApiKeyValue;
    if (a.BasicAuthParameters) {
      const { Username, Password } = a.BasicAuthParameters;
      out.headers.Authorization = `Basic ${Buffer.from(`${Username}:${Password}`).toString('base64')}`;
    }
    if (a.OAuthParameters) out.headers.Authorization = `Bearer ${await this.oauthToken(connectionArn, a.OAuthParameters, signal)}`;
    return out;
  }

  private async oauthToken(arn: string, o: NonNullable<NonNullable<ConnectionConfig['AuthParameters']>['OAuthParameters']>, signal: AbortSignal): Promise<string> {
    const cached = this.tokens.get(arn);
    if (cached && cached.expires > Date.now()) return cached.token;
    const extra: Authorization = { headers: {}, query: {}, body: {} };
    merge(extra, o.OAuthHttpParameters);
    const url = new URL(o.AuthorizationEndpoint);
    for (const [k, v] of Object.entries(extra.query)) url.searchParams.set(k, v);
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...extra.body });
    const basic = Buffer.from(`${o.ClientParameters.ClientID}:${o.ClientParameters.ClientSecret}`).toString('base64');
    const res = await fetch(url, {
      method: o.HttpMethod ?? 'POST', signal,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, ...extra.headers },
      body: form.toString(),
    });
    // the endpoint's answer may echo credentials: report only its status
    if (!res.ok) throw new ConnectionError(`The OAuth authorization endpoint of '${arn}' answered HTTP ${res.status}`);
    const json = await res.json() as { access_token?: string; expires_in?: number };
    if (typeof json.access_token !== 'string') throw new ConnectionError(`The OAuth authorization endpoint of '${arn}' returned no access_token`);
    this.tokens.set(arn, { token: json.access_token, expires: Date.now() + Math.max(0, (json.expires_in ?? 300) - 30) * 1000 });
    return json.access_token;
  }
}

function merge(out: Authorization, p: InvocationParameters | undefined): void {
  for (const kv of p?.HeaderParameters ?? []) out.headers[kv.Key] = kv.Value;
  for (const kv of p?.QueryStringParameters ?? []) out.query[kv.Key] = kv.Value;
  for (const kv of p?.BodyParameters ?? []) out.body[kv.Key] = kv.Value;
}
