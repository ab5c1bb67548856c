import { Injectable, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ClickupClient } from '../../src/clickup/clickup.client';
import { ClickupModule } from '../../src/clickup/clickup.module';
import { RateBudget } from '../../src/clickup/transport/rate-budget';
import { rawTask, rawTeam } from '../../src/clickup/testing/clickup-fixtures';
import { FakeClickupServer, json } from './fake-clickup.server';

@Injectable()
class FakeConfig {
  baseUrl = '';
}

@Module({ providers: [FakeConfig], exports: [FakeConfig] })
class FakeConfigModule {}

describe('ClickupModule', () => {
  let server: FakeClickupServer;

  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(true));
  beforeEach(async () => {
    server = await FakeClickupServer.start();
    server.route(
      'GET',
      '/team',
      json(200, { teams: [rawTeam()] }),
      json(
        200,
        { teams: [rawTeam()] },
        { 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60) },
      ),
    );
    server.route('POST', '/list/L1/task', json(200, rawTask({ id: 'urgent' })));
  });
  afterEach(async () => {
    await server.close();
  });

  async function compile(options: { requestsPerMinute: number; interactiveReserve: number }) {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ClickupModule.registerAsync({
          imports: [FakeConfigModule],
          inject: [FakeConfig],
          useFactory: async (cfg: FakeConfig) => ({
            baseUrl: cfg.baseUrl,
            token: 'pk_1_MODULE',
            requestsPerMinute: options.requestsPerMinute,
            interactiveReserve: options.interactiveReserve,
            timeoutMs: 5_000,
            maxRetries: 1,
            readOnly: false,
          }),
        }),
      ],
    })
      .overrideProvider(FakeConfig)
      .useValue({ baseUrl: server.baseUrl })
      .compile();
    await moduleRef.init();
    return moduleRef;
  }

  it('provides a working ClickupClient and its shared RateBudget from an async factory', async () => {
    const moduleRef = await compile({ requestsPerMinute: 100, interactiveReserve: 10 });
    const client = moduleRef.get(ClickupClient);
    const budget = moduleRef.get(RateBudget);
    expect((await client.getTeams())[0].id).toBe('9015000001');
    expect(budget.snapshot().usedInWindow).toBe(1);
    expect(client.budgetSnapshot()).toEqual(budget.snapshot());
    await moduleRef.close();
  });

  it('keeps the reserve for interactive writes while sync reads wait for the window', async () => {
    const moduleRef = await compile({ requestsPerMinute: 3, interactiveReserve: 1 });
    const client = moduleRef.get(ClickupClient);
    await client.getTeams(); // 1 of 3; server now reports limit 3
    await client.getTeams(); // 2 of 3 = all that sync may use (3 - reserve 1)

    let syncDone = false;
    const blockedRead = client.getTeams().then(() => (syncDone = true));
    const write = await client.createTask('L1', { name: 'Ship it' }); // interactive: uses the reserve at once
    expect(write.id).toBe('urgent');
    expect(syncDone).toBe(false);
    expect(client.budgetSnapshot().queued).toEqual({ sync: 1, interactive: 0 });

    // Shutting the module down releases the waiting reader with a clear error.
    await moduleRef.close();
    await expect(blockedRead).rejects.toThrow('ClickUp client was shut down while GET /team waited for the rate budget');
  });
});
