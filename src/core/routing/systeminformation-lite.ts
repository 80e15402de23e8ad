// The three `systeminformation` readings the resource monitor takes (memory, battery, GPUs), from
// their own modules. The package root requires all 20 of its modules (docker, wifi, printers, USB…):
// 313 KiB of each minified bundle for the 3 used here. Required on first reading, not at load.
import type { Systeminformation } from 'systeminformation';

interface Lite {
  mem(): Promise<Systeminformation.MemData>;
  battery(): Promise<Systeminformation.BatteryData>;
  graphics(): Promise<Systeminformation.GraphicsData>;
}

let lib: Lite | null = null;

function load(): Lite {
  // require(), not import: these deep paths have no typings of their own, so they are typed from the package's.
  lib ??= {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deep path with no typings of its own
    mem: (require('systeminformation/lib/memory.js') as { mem: Lite['mem'] }).mem,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deep path with no typings of its own
    battery: require('systeminformation/lib/battery.js') as Lite['battery'],
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deep path with no typings of its own
    graphics: (require('systeminformation/lib/graphics.js') as { graphics: Lite['graphics'] }).graphics,
  };
  return lib;
}

export const si: Lite = {
  mem: () => load().mem(),
  battery: () => load().battery(),
  graphics: () => load().graphics(),
};
