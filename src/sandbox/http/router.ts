import { RouteHandler } from './http-types';

interface CompiledRoute {
  method: string;
  template: string;
  segments: string[];
  staticCount: number;
  handler: RouteHandler;
}

export interface RouteMatch {
  template: string;
  params: Record<string, string>;
  handler: RouteHandler;
}

/**
 * Path-template routing (`/team/{id}/time_entries/{timer_id}`). When several templates match,
 * the one with more literal segments wins, so `/time_entries/current` beats `/{timer_id}`.
 */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(method: string, template: string, handler: RouteHandler): this {
    const segments = template.split('/').filter(Boolean);
    this.routes.push({
      method,
      template,
      segments,
      staticCount: segments.filter((s) => !s.startsWith('{')).length,
      handler,
    });
    return this;
  }

  /** Every `METHOD /template` key (for stats and fault filters). */
  templates(): string[] {
    return this.routes.map((r) => `${r.method} ${r.template}`);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.split('/').filter(Boolean);
    let best: { route: CompiledRoute; params: Record<string, string> } | undefined;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < parts.length && matched; i++) {
        const seg = route.segments[i];
        if (seg.startsWith('{')) params[seg.slice(1, -1)] = decodeURIComponent(parts[i]);
        else matched = seg === parts[i];
      }
      if (matched && (!best || route.staticCount > best.route.staticCount)) best = { route, params };
    }
    return best && { template: `${best.route.method} ${best.route.template}`, params: best.params, handler: best.route.handler };
  }
}
