// The HTTP API as the web app calls it: the key from sessionStorage on every request, and errors
// turned into ApiError with the server's code and its issues (JSON path + message).
const KEY_STORAGE = "urbanmine.apiKey";

export interface ApiIssue {
  path: string;
  message: string;
}

/** An error answer of the API: status, stable code, message and the issues with their paths. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[],
  ) {
    super(message);
  }
}

export function readKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
}

function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  const key = readKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

// GET answers asked for before the code that reads them had loaded, each taken once.
const early = new Map<string, { key: string | null; res: Promise<Response> }>();

/** Starts a GET of `path` now; the next `api("GET", path)` with the same key takes its answer. */
export function prefetch(path: string): void {
  early.set(path, { key: readKey(), res: request("GET", path) });
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const pre = method === "GET" ? early.get(path) : undefined;
  early.delete(path);
  const res = await (pre && pre.key === readKey() ? pre.res : request(method, path, body));
  if (!res.ok) {
    let payload: { code?: string; message?: string; issues?: ApiIssue[] } = {};
    try {
      payload = (await res.json()) as typeof payload;
    } catch {
      // a proxy's HTML error page: keep the status
    }
    throw new ApiError(res.status, payload.code ?? `HTTP_${res.status}`, payload.message ?? res.statusText, payload.issues ?? []);
  }
  return res;
}

/** Calls the API and parses its JSON answer. @throws ApiError on any non-2xx answer. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Calls the API for a text body (CSV). @throws ApiError on any non-2xx answer. */
export async function apiText(path: string): Promise<string> {
  return (await send("GET", path)).text();
}
