import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, buildAppConfig } from './app-config';
import { EnvFileResult, loadEnvFile } from './env-file';

export interface AppConfigModuleOptions {
  /** Values that win over process.env and .env (tests and the stdio entry point use this). */
  overrides?: Record<string, string | undefined>;
  /** Skip reading .env (tests). */
  ignoreEnvFile?: boolean;
}

/**
 * The only place that reads the environment. `.env` in the working directory is loaded into the
 * environment (existing variables win; a missing file is normal, an unreadable one an error);
 * buildAppConfig validates everything once and the typed AppConfig is what the rest injects.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(options: AppConfigModuleOptions = {}): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        {
          provide: AppConfig,
          useFactory: () => {
            const file: EnvFileResult = options.ignoreEnvFile ? { path: null, lookedFor: '', applied: 0 } : loadEnvFile();
            // Overrides win; an explicit undefined override means "treat as unset".
            const cfg = buildAppConfig({ ...process.env, ...(options.overrides ?? {}) });
            cfg.envFile = { path: file.path, lookedFor: file.lookedFor };
            return cfg;
          },
        },
      ],
      exports: [AppConfig],
    };
  }
}
