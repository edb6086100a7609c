/** An answer of the API: status, parsed JSON body (or text) and headers. */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * A browser-like HTTP client on `fetch`: keeps the cookies the API sets and echoes the XSRF-TOKEN
 * cookie in the X-XSRF-TOKEN header on every write, as the Angular apps do.
 */
export class ApiClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  get<T>(path: string): Promise<ApiAnswer<T>> {
    return this.send<T>('GET', path);
  }
  post<T>(path: string, body?: object): Promise<ApiAnswer<T>> {
    return this.send<T>('POST', path, body);
  }
  patch<T>(path: string, body?: object): Promise<ApiAnswer<T>> {
    return this.send<T>('PATCH', path, body);
  }
  put<T>(path: string, body?: object): Promise<ApiAnswer<T>> {
    return this.send<T>('PUT', path, body);
  }

  /** Like the other methods, but fails with what the API said unless it answered `expected`. */
  async expect<T>(expected: number, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: object): Promise<T> {
    const answer = await this.send<T>(method, path, body);
    if (answer.status !== expected) {
      throw new Error(`${method} ${path} answered ${answer.status} (expected ${expected}): ${answer.text.slice(0, 1000)}`);
    }
    return answer.body;
  }

  async send<T>(method: string, path: string, body?: object): Promise<ApiAnswer<T>> {
    if (method !== 'GET' && !this.cookies.has('XSRF-TOKEN')) await this.send('GET', '/api/auth/csrf');
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.cookies.size) headers['Cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const csrf = this.cookies.get('XSRF-TOKEN');
    if (method !== 'GET' && csrf) headers['X-XSRF-TOKEN'] = decodeURIComponent(csrf);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(new URL(path, this.baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    this.keepCookies(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  private keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at < 1) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', val = ''] = attribute.split('=').map((part) => part.trim());
        if (/^max-age$/i.test(key)) return Number(val) <= 0;
        if (/^expires$/i.test(key)) return Date.parse(val) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
