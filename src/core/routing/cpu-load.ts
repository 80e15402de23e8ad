// CPU load from the kernel's per-core time counters (os.cpus()), as the share of time busy between
// two readings. Not systeminformation's currentLoad(): on Linux it runs `cat /proc/stat | grep cpu`
// through execSync, which froze the event loop (the server, or the whole extension host) for
// 20–60 ms every sample. os.cpus() takes ~0.1 ms and spawns nothing. It has no iowait or steal
// counters (libuv drops them), so a machine waiting on disk or on its hypervisor reads as less
// busy than systeminformation said: the question here is whether the CPU is free to run a model.
import os from 'node:os';

interface Times {
  busy: number;
  total: number;
}

export class CpuLoad {
  private last: Times = readTimes();

  /** Busy share of all cores since the previous call (or construction), 0–100. */
  sample(): number {
    const now = readTimes();
    const busy = now.busy - this.last.busy;
    const total = now.total - this.last.total;
    this.last = now;
    return total > 0 ? Math.min(100, Math.max(0, (busy / total) * 100)) : 0;
  }
}

function readTimes(): Times {
  let busy = 0;
  let total = 0;
  for (const { times: t } of os.cpus()) {
    const b = t.user + t.nice + t.sys + t.irq;
    busy += b;
    total += b + t.idle;
  }
  return { busy, total };
}
