// How the real-agent tests run an agent: an agent that outlives its time is killed with every
// process it started, so a hung recipe (run under `sh -c`) leaves nothing running behind the tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from './agent-kit';

/** Whether a process still runs (a zombie waiting for its parent to reap it has ended). */
const running = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('test:agents: running an agent', () => {
  it('kills what the command started too when its time is up', async () => {
    // The shell forks both sleeps; the first prints its pid.
    const r = await run('sh', ['-c', 'sleep 300 & echo $!; sleep 300'], { PATH: process.env.PATH }, tmpdir(), 1_000);
    assert.equal(r.code, null);
    const pid = Number(r.stdout.trim());
    assert.ok(pid > 0, r.stdout);
    for (let i = 0; i < 100 && running(pid); i++) await sleep(50); // a killed process ends at once; bounded all the same
    assert.equal(running(pid), false, `sleep ${pid} outlived the run`);
  });
});
