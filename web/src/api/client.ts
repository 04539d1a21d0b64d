// A small typed fetch client over the types generated from the served OpenAPI document
// (clients/typescript/deskless.d.ts, `make clients`): a changed route or model breaks `tsc --noEmit`.
import type { components, paths } from "../../../clients/typescript/deskless";

export type Schemas = components["schemas"];
export type ErrorBody = Schemas["ErrorBody"];

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<T> = T extends { content: { "application/json": infer B } } ? B : never;

/** The JSON body a route takes (never for routes without one). */
export type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody: infer R } ? JsonOf<R> : never;

/** The JSON body of a route's success answer (200, else 201, else 202; undefined for 204). */
export type ResponseBody<P extends keyof paths, M extends Method> =
  Operation<P, M>["responses"] extends infer R
    ? 200 extends keyof R
      ? JsonOf<R[200]>
      : 201 extends keyof R
        ? JsonOf<R[201]>
        : 202 extends keyof R
          ? JsonOf<R[202]>
          : undefined
    : never;

/** The query parameters a route takes. */
export type Query<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** An answer other than 2xx: the status and the API's error body (code, message, details). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorBody["details"];
  readonly retryAfter: string | null;

  constructor(status: number, body: ErrorBody, retryAfter: string | null = null) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.details = body.details;
    this.retryAfter = retryAfter;
  }
}

/** Failed before an answer: the network, or a body that is not the API's JSON. */
export const UNREACHABLE = "unreachable";

export type Options<P extends keyof paths, M extends Method> = {
  token?: string | null;
  /** Values for the `{name}` placeholders of the path (e.g. `{ number: "T-42" }`), URL-encoded. */
  params?: Record<string, string | number>;
  query?: Query<P, M>;
  signal?: AbortSignal;
  /** The version the change is based on (`If-Match`: 412 when someone changed it since). */
  ifMatch?: number | string;
  /** Makes a creating POST safe to retry (`Idempotency-Key`). */
  idempotencyKey?: string;
} & (RequestBody<P, M> extends never ? { body?: undefined } : { body: RequestBody<P, M> });

/** Called with every 401 answered to a request that carried a session token (and that token). */
let onSessionRejected: ((token: string) => void) | null = null;
export function setSessionRejectedHandler(handler: ((token: string) => void) | null): void {
  onSessionRejected = handler;
}

/**
 * The path with its `{name}` placeholders filled; a missing value is a programming error. `:` and
 * `@` stay as they are (legal in a path segment): the API's path parameters are not percent-decoded
 * (`builtin:my_open` sent as `builtin%3Amy_open` would be another, unknown view).
 */
export function fillPath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${path}: no value for {${name}}`);
    return encodeURIComponent(String(value)).replace(/%3A/gi, ":").replace(/%40/g, "@");
  });
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Call one route of the API (same origin). Tokens only in the Authorization header or the JSON body. */
export async function request<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  options: Options<P, M>,
): Promise<ResponseBody<P, M>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.ifMatch !== undefined) headers["If-Match"] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`${fillPath(String(path), options.params)}${queryString(options.query as Record<string, unknown>)}`, {
      method: method.toUpperCase(),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
  } catch {
    throw new ApiError(0, { code: UNREACHABLE, message: "The service cannot be reached.", details: [] });
  }
  if (response.status === 204) return undefined as ResponseBody<P, M>;
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    throw new ApiError(response.status, { code: UNREACHABLE, message: response.statusText, details: [] });
  }
  if (!response.ok) {
    const body = (payload as { error?: ErrorBody }).error ?? {
      code: UNREACHABLE,
      message: response.statusText,
      details: [],
    };
    if (response.status === 401 && options.token && onSessionRejected) onSessionRejected(options.token);
    throw new ApiError(response.status, body, response.headers.get("Retry-After"));
  }
  return payload as ResponseBody<P, M>;
}

export const post = <P extends keyof paths>(path: P, options: Options<P, "post">) => request("post", path, options);
export const get = <P extends keyof paths>(path: P, options: Options<P, "get">) => request("get", path, options);
export const put = <P extends keyof paths>(path: P, options: Options<P, "put">) => request("put", path, options);
export const patch = <P extends keyof paths>(path: P, options: Options<P, "patch">) => request("patch", path, options);
export const del = <P extends keyof paths>(path: P, options: Options<P, "delete">) => request("delete", path, options);
