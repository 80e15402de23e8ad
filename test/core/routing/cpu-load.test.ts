// CPU load for routing comes from os.cpus() counters; the monitor must sample without spawning.
import assert from 'node:assert/strict';
import os from 'node:os';
import { CpuLoad } from '../../../src/core/routing/cpu-load';
import { ResourceMonitor } from '../../../src/core/routing/resources';

describe('CPU load from the kernel counters', () => {
  it('reads at least one core busy while this process spins on it', () => {
    const cpu = new CpuLoad();
    const until = performance.now() + 300;
    while (performance.now() < until) {
      // spin: one core fully busy
    }
    const load = cpu.sample();
    // One of N cores busy is 100/N %; other processes can only add to it. Allow for tick rounding.
    assert.ok(load >= (100 / os.cpus().length) * 0.8, `load ${load} with one of ${os.cpus().length} cores spinning`);
    assert.ok(load <= 100);
  });

  it('gives the monitor a first sample (CPU load 0-100, memory known), and timers still fire while start() samples', async () => {
    const monitor = new ResourceMonitor({ cpuIntervalMs: 60_000, cpuWindow: 6, batteryIntervalMs: 60_000, gpuIntervalMs: 600_000 });
    // Not a timing threshold: a start() that did its sampling synchronously would let no timer fire before it resolved.
    let ticks = 0;
    const tick = setInterval(() => void ticks++, 1);
    try {
      await monitor.start();
    } finally {
      clearInterval(tick);
      monitor.stop();
    }
    assert.ok(ticks > 0, 'a timer fired while start() was under way');
    const snap = monitor.snapshot;
    assert.ok(snap.sampledAt !== null, 'sampled');
    assert.ok(snap.cpuLoadPct >= 0 && snap.cpuLoadPct <= 100);
    assert.ok(snap.memTotalBytes > 0 && snap.memAvailableBytes > 0);
  });
});
