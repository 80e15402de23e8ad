// What Linux says about a process: resident memory and CPU time, from /proc. Linux only.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clkTck: number | undefined;

function ticksPerSecond(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

function statusField(pid: number, field: string): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Resident set size now (VmRSS), in bytes. */
export function rssBytes(pid: number): number | null {
  return statusField(pid, 'VmRSS');
}

/** The highest resident set size since the process started (VmHWM), in bytes. */
export function peakRssBytes(pid: number): number | null {
  return statusField(pid, 'VmHWM');
}

/** User plus system CPU time the process has used, in milliseconds (clock-tick resolution, usually 10 ms). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(f[11]);
    const stime = Number(f[12]);
    return ((utime + stime) * 1000) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** This process's CPU time plus that of its children that have ended (utime, stime, cutime, cstime), in milliseconds. */
export function selfAndEndedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / ticksPerSecond();
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest value seen. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number | null } {
  let max: number | null = null;
  const take = (): void => {
    const v = rssBytes(pid);
    if (v !== null && (max === null || v > max)) max = v;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return max;
    },
  };
}

/** The whole machine's busy and total CPU time so far (all cores, from /proc/stat), in milliseconds. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!; // cpu user nice system idle iowait irq softirq steal ...
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  const toMs = 1000 / ticksPerSecond();
  return { busy: (total - idle) * toMs, total: total * toMs };
}

/** Linux pressure stall information for CPU: the share of time some task waited for a CPU (avg over 10 s and 60 s). */
export function cpuPressure(): { avg10: number; avg60: number } | null {
  try {
    const m = /^some avg10=([\d.]+) avg60=([\d.]+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? { avg10: Number(m[1]), avg60: Number(m[2]) } : null;
  } catch {
    return null;
  }
}
