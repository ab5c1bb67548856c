import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig, buildAppConfig } from './app-config';

export interface AppConfigModuleOptions {
  /** Values that win over process.env and .env (tests and the stdio entry point use this). */
  overrides?: Record<string, string | undefined>;
  /** Skip reading .env (tests). */
  ignoreEnvFile?: boolean;
}

/**
 * The only place that reads the environment. @nestjs/config loads .env into the environment;
 * buildAppConfig validates everything once and the typed AppConfig is what the rest injects.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(options: AppConfigModuleOptions = {}): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: options.ignoreEnvFile ?? false,
          envFilePath: ['.env'],
          // .env values land in process.env (existing variables win, as with dotenv);
          // validation happens once, in buildAppConfig.
          validate: (env) => env,
          cache: true,
        }),
      ],
      providers: [
        {
          provide: AppConfig,
          inject: [ConfigService],
          useFactory: (cs: ConfigService) => buildAppConfig(readEnv(cs, options)),
        },
      ],
      exports: [AppConfig],
    };
  }
}

function readEnv(_cs: ConfigService, options: AppConfigModuleOptions): Record<string, string | undefined> {
  // Overrides win; an explicit undefined override means "treat as unset".
  return { ...process.env, ...(options.overrides ?? {}) };
}
