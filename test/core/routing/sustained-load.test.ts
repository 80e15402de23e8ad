// A sustained CPU load is claimed only on a window's worth of samples: the first reading after a
// start covers Oblix's own start-up (or the extension host's), and one reading is a spike, not a load.
import assert from 'node:assert/strict';
import { ResourceMonitor, type ResourceReaders } from '../../../src/core/routing/resources';
import { ManualClock } from '../../manual-clock';

const OPTIONS = { cpuIntervalMs: 5_000, cpuWindow: 6, cpuMinSamples: 3, batteryIntervalMs: 3_600_000, gpuIntervalMs: 3_600_000 };

/** CPU readings in the order they are taken; memory is always the same. */
function readers(cpu: number[]): ResourceReaders {
  let i = 0;
  return { cpu: () => cpu[Math.min(i++, cpu.length - 1)]!, mem: () => Promise.resolve({ available: 8e9, total: 16e9 }) };
}

async function started(clock: ManualClock, cpu: number[]): Promise<ResourceMonitor> {
  const monitor = new ResourceMonitor(OPTIONS, clock, readers(cpu));
  const start = monitor.start();
  await clock.advance(250); // the first CPU reading
  await start;
  return monitor;
}

describe('sustained CPU load needs a window of samples', () => {
  it('a busy start-up on an idle machine is never a sustained load', async () => {
    const clock = new ManualClock();
    const monitor = await started(clock, [100, 4, 6, 5, 3]);
    try {
      assert.equal(monitor.snapshot.cpuLoadPct, 100, 'the start-up reading shows as the load now');
      assert.equal(monitor.snapshot.cpuLoadSustainedPct, null, 'one reading claims no sustained load');
      await clock.advance(5_000);
      await clock.advance(5_000);
      assert.equal(monitor.snapshot.cpuLoadSustainedPct, null, 'two samples are not enough evidence yet');
      await clock.advance(5_000);
      assert.equal(monitor.snapshot.cpuLoadSustainedPct, 5, 'the mean of the samples after start-up, without it');
      assert.equal(monitor.snapshot.sampledAt, clock.now());
    } finally {
      monitor.stop();
    }
  });

  it('a machine busy all along is claimed busy once the samples are in', async () => {
    const clock = new ManualClock();
    const monitor = await started(clock, [100, 97, 98, 99, 96]);
    try {
      await clock.advance(10_000);
      assert.equal(monitor.snapshot.cpuLoadSustainedPct, null);
      await clock.advance(5_000);
      assert.equal(monitor.snapshot.cpuLoadSustainedPct, 98);
      await clock.advance(5_000);
      assert.equal(monitor.snapshot.cpuLoadSustainedPct, 97.5);
    } finally {
      monitor.stop();
    }
  });
});
