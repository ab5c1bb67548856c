import { HttpModule } from '@nestjs/axios';
import { DynamicModule, InjectionToken, Module, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import { CLICKUP_CLIENT_OPTIONS, ClickupClientOptions, ResolvedClickupClientOptions, resolveClickupClientOptions } from './clickup-client.options';
import { ClickupClient, createRateBudget } from './clickup.client';
import { RateBudget } from './transport/rate-budget';

export interface ClickupModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest calls the factory with whatever `inject` lists, untyped
  useFactory: (...deps: any[]) => ClickupClientOptions | Promise<ClickupClientOptions>;
}

/**
 * Global module exporting ClickupClient and the RateBudget shared by every caller of the
 * configured token (sync runs, MCP write tools, REST ops all pace through it).
 *
 * HttpModule.register() gives this module a private axios instance, so the client's
 * interceptors (budget, retries) never touch any other HttpService in the app.
 */
@Module({})
export class ClickupModule {
  static registerAsync(options: ClickupModuleAsyncOptions): DynamicModule {
    return {
      module: ClickupModule,
      global: true,
      imports: [...(options.imports ?? []), HttpModule.register({})],
      providers: [
        {
          provide: CLICKUP_CLIENT_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...deps: unknown[]): Promise<ResolvedClickupClientOptions> =>
            resolveClickupClientOptions(await options.useFactory(...deps)),
        },
        {
          provide: RateBudget,
          inject: [CLICKUP_CLIENT_OPTIONS],
          useFactory: (resolved: ResolvedClickupClientOptions) => createRateBudget(resolved),
        },
        ClickupClient,
      ],
      // The options (which hold the token) are deliberately not exported.
      exports: [ClickupClient, RateBudget],
    };
  }
}
