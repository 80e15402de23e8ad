// The machine's state, sampled in the background on unref'd timers and read from memory by the
// policy: CPU load from the kernel's counters (cpu-load.ts), memory, battery and GPUs from
// `systeminformation`. GPU queries spawn tools (some synchronously), so they run rarely.
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../support/clock';
import { si } from './systeminformation-lite';
import { CpuLoad } from './cpu-load';

export interface GpuInfo {
  model: string;
  utilizationPct: number | null;
  vramTotalMB: number | null;
  vramUsedMB: number | null;
}

export interface ResourceSnapshot {
  /** CPU load now, 0-100. */
  cpuLoadPct: number;
  /**
   * Mean CPU load over the recent window (sustained load, not a spike); null until the window holds
   * enough samples to say so (`cpuMinSamples`, not counting the first, which covers Oblix's own start).
   */
  cpuLoadSustainedPct: number | null;
  memAvailableBytes: number;
  memTotalBytes: number;
  gpus: GpuInfo[];
  battery: { present: boolean; charging: boolean; percent: number | null };
  sampledAt: number | null;
}

export const UNKNOWN_RESOURCES: ResourceSnapshot = {
  cpuLoadPct: 0,
  cpuLoadSustainedPct: null,
  memAvailableBytes: Number.POSITIVE_INFINITY,
  memTotalBytes: 0,
  gpus: [],
  battery: { present: false, charging: true, percent: null },
  sampledAt: null,
};

export interface ResourceOptions {
  cpuIntervalMs: number;
  /** How many CPU samples make the sustained average. */
  cpuWindow: number;
  /** How many samples a sustained load needs before it is claimed (default 3: 15 s at the default interval). */
  cpuMinSamples?: number;
  batteryIntervalMs: number;
  gpuIntervalMs: number;
}

export const DEFAULT_RESOURCE_OPTIONS: ResourceOptions = { cpuIntervalMs: 5_000, cpuWindow: 6, cpuMinSamples: 3, batteryIntervalMs: 30_000, gpuIntervalMs: 600_000 };

/** Where the monitor reads the machine; tests hand in their own readings. */
export interface ResourceReaders {
  /** Busy share of all cores since the previous call, 0-100. */
  cpu: () => number;
  mem: () => Promise<{ available: number; total: number }>;
}

/** The first CPU reading is taken this long after start (two counter readings are needed). */
const FIRST_CPU_SAMPLE_MS = 250;

export class ResourceMonitor {
  private snap: ResourceSnapshot = { ...UNKNOWN_RESOURCES };
  private readonly cpuSamples: number[] = [];
  private readonly timers: TimerHandle[] = [];
  private readonly read: ResourceReaders;

  constructor(
    private readonly options: ResourceOptions = DEFAULT_RESOURCE_OPTIONS,
    /** Time and timers; tests step a manual one. */
    private readonly clock: Clock = SYSTEM_CLOCK,
    readers?: ResourceReaders,
  ) {
    if (readers) this.read = readers;
    else {
      const cpu = new CpuLoad();
      this.read = { cpu: () => cpu.sample(), mem: () => si.mem() };
    }
  }

  get snapshot(): ResourceSnapshot {
    return this.snap;
  }

  /** Takes a first sample of everything (a quarter of a second: CPU load needs two readings). */
  async start(): Promise<void> {
    // The first CPU sample covers Oblix's own start-up (or the extension host's): it shows as the
    // load now, but never counts towards a sustained load.
    // Not unref'd: start() waits for it (`oblix models` would exit before its first sample).
    const first = new Promise<void>((resolve) => this.clock.setTimeout(resolve, FIRST_CPU_SAMPLE_MS)).then(() => this.sampleCpuMem(false));
    await Promise.all([first, this.sampleBattery(), this.sampleGpu()]);
    this.every(this.options.cpuIntervalMs, () => this.sampleCpuMem());
    this.every(this.options.batteryIntervalMs, () => this.sampleBattery());
    this.every(this.options.gpuIntervalMs, () => this.sampleGpu());
  }

  stop(): void {
    for (const t of this.timers.splice(0)) this.clock.clearInterval(t);
  }

  private every(ms: number, fn: () => Promise<void>): void {
    const t = this.clock.setInterval(() => void fn(), ms);
    t.unref(); // monitors never keep the process alive
    this.timers.push(t);
  }

  private async sampleCpuMem(counts = true): Promise<void> {
    try {
      const load = this.read.cpu();
      const mem = await this.read.mem();
      if (counts) this.cpuSamples.push(load);
      if (this.cpuSamples.length > this.options.cpuWindow) this.cpuSamples.shift();
      // One reading is a spike, not a load: claim one only on a window's worth of evidence.
      const needed = Math.min(this.options.cpuMinSamples ?? 3, this.options.cpuWindow);
      const sustained = this.cpuSamples.length >= needed ? round(this.cpuSamples.reduce((a, b) => a + b, 0) / this.cpuSamples.length) : null;
      this.snap = {
        ...this.snap,
        cpuLoadPct: round(load),
        cpuLoadSustainedPct: sustained,
        memAvailableBytes: mem.available,
        memTotalBytes: mem.total,
        sampledAt: this.clock.now(),
      };
    } catch {
      // keep the last snapshot: a failed reading is not an overloaded machine
    }
  }

  private async sampleBattery(): Promise<void> {
    try {
      const b = await si.battery();
      this.snap = { ...this.snap, battery: { present: b.hasBattery, charging: b.isCharging || b.acConnected, percent: b.hasBattery ? b.percent : null } };
    } catch {
      // as above
    }
  }

  private async sampleGpu(): Promise<void> {
    try {
      const g = await si.graphics();
      const gpus = g.controllers.map((c) => ({
        model: c.model,
        utilizationPct: c.utilizationGpu ?? null,
        vramTotalMB: c.memoryTotal ?? c.vram ?? null,
        vramUsedMB: c.memoryUsed ?? null,
      }));
      this.snap = { ...this.snap, gpus };
    } catch {
      // as above
    }
  }
}

const round = (n: number): number => Math.round(n * 10) / 10;
