import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseEngine, openDatabaseEngine } from './database-engine';

export const DATABASE_ENGINE = Symbol('DATABASE_ENGINE');

export interface DatabaseModuleOptions {
  /** Shown to a second process refused by the PGlite lock. */
  role?: string;
  /** Tests: use this PGlite instance instead of opening the data directory. */
  pglite?: PGlite;
}

/** Destroys the DataSource before releasing the engine (PGlite instance + directory lock). */
@Injectable()
class DatabaseEngineLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  constructor(
    @Inject(DATABASE_ENGINE) private readonly engine: DatabaseEngine,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      const ds = this.moduleRef.get(DataSource, { strict: false });
      if (ds?.isInitialized) await ds.destroy();
    } catch (e) {
      this.logger.warn(`Closing the database connection failed: ${(e as Error).message}`);
    }
    await this.engine.dispose();
  }
}

@Global()
@Module({})
class DatabaseEngineModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseEngineModule,
      providers: [
        {
          provide: DATABASE_ENGINE,
          inject: [AppConfig],
          useFactory: async (cfg: AppConfig) => {
            const engine = await openDatabaseEngine({ ...cfg.database, role: options.role, pglite: options.pglite });
            new Logger('Database').log(
              engine.kind === 'pglite'
                ? `Using embedded PGlite${options.pglite ? ' (provided instance)' : ` in ${cfg.database.pgliteDataDir}`}`
                : 'Using PostgreSQL from DATABASE_URL',
            );
            return engine;
          },
        },
        DatabaseEngineLifecycle,
      ],
      exports: [DATABASE_ENGINE],
    };
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        DatabaseEngineModule.forRoot(options),
        TypeOrmModule.forRootAsync({
          inject: [DATABASE_ENGINE],
          useFactory: (engine: DatabaseEngine) => ({ ...engine.options, retryAttempts: 2, retryDelay: 500 }),
        }),
      ],
    };
  }
}
