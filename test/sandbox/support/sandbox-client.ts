import { SandboxServer } from '../../../src/sandbox/sandbox-server';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A minimal HTTP client for the sandbox tests: real requests, raw status, headers and body. */
export class SandboxClient {
  constructor(
    private readonly base: string,
    private readonly token: string | null,
    private readonly timeoutMs = 10_000,
  ) {}

  static api(server: SandboxServer, token: string | null = server.ownerToken): SandboxClient {
    return new SandboxClient(server.baseUrl, token);
  }

  static admin(server: SandboxServer, token: string | null = server.ownerToken): SandboxClient {
    return new SandboxClient(`${server.origin}/_sandbox`, token);
  }

  withTimeout(ms: number): SandboxClient {
    return new SandboxClient(this.base, this.token, ms);
  }

  get<T = any>(path: string): Promise<ApiResponse<T>> {
    return this.request('GET', path);
  }
  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request('POST', path, body);
  }
  put<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request('PUT', path, body);
  }
  delete<T = any>(path: string): Promise<ApiResponse<T>> {
    return this.request('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.token) headers.Authorization = this.token;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }
}

/** Query string with repeated `key[]=` entries for arrays. */
export function qs(params: Record<string, string | number | boolean | (string | number)[] | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) parts.push(`${encodeURIComponent(key)}[]=${encodeURIComponent(String(v))}`);
    else parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Every page of a task listing, following ClickUp's stop rule (a page shorter than 100). */
export async function allTaskPages(client: SandboxClient, path: string, params: Record<string, any> = {}): Promise<any[]> {
  const tasks: any[] = [];
  for (let page = 0; ; page++) {
    const res = await client.get(path + qs({ ...params, page }));
    if (res.status !== 200) throw new Error(`page ${page}: ${res.status} ${res.text}`);
    tasks.push(...res.body.tasks);
    if (res.body.tasks.length < 100) return tasks;
  }
}

/** A fixed anchor so the generated data is identical on every run. */
export const TEST_NOW = Date.UTC(2026, 2, 18, 15, 30, 0);
