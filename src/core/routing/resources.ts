// The machine's state, sampled in the background on unref'd timers and read from memory by the
// policy: CPU load from the kernel's counters (cpu-load.ts), memory, battery and GPUs from
// `systeminformation`. GPU queries spawn tools (some synchronously), so they run rarely.
import { setTimeout as sleep } from 'node:timers/promises';
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
  /** Mean CPU load over the recent window (sustained load, not a spike). */
  cpuLoadSustainedPct: number;
  memAvailableBytes: number;
  memTotalBytes: number;
  gpus: GpuInfo[];
  battery: { present: boolean; charging: boolean; percent: number | null };
  sampledAt: number | null;
}

export const UNKNOWN_RESOURCES: ResourceSnapshot = {
  cpuLoadPct: 0,
  cpuLoadSustainedPct: 0,
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
  batteryIntervalMs: number;
  gpuIntervalMs: number;
}

export const DEFAULT_RESOURCE_OPTIONS: ResourceOptions = { cpuIntervalMs: 5_000, cpuWindow: 6, batteryIntervalMs: 30_000, gpuIntervalMs: 600_000 };

export class ResourceMonitor {
  private snap: ResourceSnapshot = { ...UNKNOWN_RESOURCES };
  private readonly cpuSamples: number[] = [];
  private readonly cpu = new CpuLoad();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: ResourceOptions = DEFAULT_RESOURCE_OPTIONS) {}

  get snapshot(): ResourceSnapshot {
    return this.snap;
  }

  /** Takes a first sample of everything (a quarter of a second: CPU load needs two readings). */
  async start(): Promise<void> {
    await Promise.all([sleep(250).then(() => this.sampleCpuMem()), this.sampleBattery(), this.sampleGpu()]);
    this.every(this.options.cpuIntervalMs, () => this.sampleCpuMem());
    this.every(this.options.batteryIntervalMs, () => this.sampleBattery());
    this.every(this.options.gpuIntervalMs, () => this.sampleGpu());
  }

  stop(): void {
    for (const t of this.timers.splice(0)) clearInterval(t);
  }

  private every(ms: number, fn: () => Promise<void>): void {
    const t = setInterval(() => void fn(), ms);
    t.unref(); // monitors never keep the process alive
    this.timers.push(t);
  }

  private async sampleCpuMem(): Promise<void> {
    try {
      const load = this.cpu.sample();
      const mem = await si.mem();
      this.cpuSamples.push(load);
      if (this.cpuSamples.length > this.options.cpuWindow) this.cpuSamples.shift();
      const sustained = this.cpuSamples.reduce((a, b) => a + b, 0) / this.cpuSamples.length;
      this.snap = { ...this.snap, cpuLoadPct: round(load), cpuLoadSustainedPct: round(sustained), memAvailableBytes: mem.available, memTotalBytes: mem.total, sampledAt: Date.now() };
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
