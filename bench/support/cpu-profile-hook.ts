/**
 * Preloaded into the server by `bench:load --cpu-prof DIR` (node --require): profiles the whole
 * process with the inspector and writes DIR/server-<pid>.cpuprofile when the benchmark stops the
 * server with SIGTERM. (`node --cpu-prof` writes nothing there: the server's shutdown hook
 * re-raises the signal, which ends the process without a normal exit.)
 */
import { Session } from 'node:inspector';
import * as fs from 'node:fs';
import * as path from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
  process.prependOnceListener('SIGTERM', () => {
    // A session on the process's own thread answers synchronously.
    session.post('Profiler.stop', (err, res) => {
      if (!err) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
      }
    });
  });
}
