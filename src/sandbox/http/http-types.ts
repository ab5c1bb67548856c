import { MemberRecord } from '../model/sandbox-entities';

/** The authenticated caller of an API route. */
export interface Caller {
  userId: number;
  member: MemberRecord;
  token: string;
}

export interface RouteRequest {
  method: string;
  /** Path below /api/v2 (or below /_sandbox for admin routes). */
  path: string;
  /** The matched template, e.g. `GET /team/{id}/task`. */
  template: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  caller: Caller;
}

export interface RouteResult {
  status: number;
  /** Serialized as JSON; omitted for 204. */
  body?: unknown;
}

export type RouteHandler = (req: RouteRequest) => RouteResult | Promise<RouteResult>;

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
