import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DemoSandbox } from './demo-sandbox';

/** Starts the in-process sandbox in demo mode (no ClickUp token); inert otherwise. */
@Global()
@Module({
  providers: [
    {
      provide: DemoSandbox,
      inject: [AppConfig],
      useFactory: async (cfg: AppConfig) => {
        const demo = new DemoSandbox();
        if (cfg.demo) await demo.start(cfg);
        return demo;
      },
    },
  ],
  exports: [DemoSandbox],
})
export class SandboxModule {}
