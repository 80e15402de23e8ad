// Connectivity on a manual clock: probe schedule (healthy, down, at once after a failure), latency
// average and the slow-probe edge, failure counting, cool-down growth and cap, Retry-After, and
// what a request's or a probe's success clears. Exact times, no waiting.
import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import { Connectivity, DEFAULT_CONNECTIVITY, type ConnectivityOptions, type ProviderStatus } from '../../../src/core/routing/connectivity';
import { ManualClock } from '../../manual-clock';
import { FakeProvider } from '../../fakes/fake-provider';

const OPTIONS: ConnectivityOptions = { ...DEFAULT_CONNECTIVITY, networkCheckMs: 0 };
const T0 = 1_000_000;

function setup(options: Partial<ConnectivityOptions> = {}) {
  const clock = new ManualClock(T0);
  const p = new FakeProvider('p');
  p.clock = clock;
  const c = new Connectivity([p], { ...OPTIONS, ...options }, clock);
  const changes: string[] = [];
  const probes: boolean[] = [];
  c.onStateChange((id) => changes.push(`${id}:${c.get(id).state}`));
  c.onProbe(({ ok }) => probes.push(ok));
  return { clock, p, c, changes, probes };
}

const status = (s: Partial<ProviderStatus>): ProviderStatus => ({
  state: 'unknown',
  latencyMs: null,
  lastError: null,
  checkedAt: null,
  consecutiveFailures: 0,
  cooldownUntil: null,
  lastFailureKind: null,
  probeFailure: null,
  ...s,
});

describe('Connectivity (manual clock)', () => {
  it('defaults: probe every 30 s while healthy, every 4 s while down, cool-down 2 s doubling up to 60 s', () => {
    assert.deepEqual(DEFAULT_CONNECTIVITY, {
      healthyIntervalMs: 30_000,
      downIntervalMs: 4_000,
      probeTimeoutMs: 3_000,
      slowProbeMs: 2_000,
      cooldownBaseMs: 2_000,
      cooldownMaxMs: 60_000,
      networkCheckMs: 5_000,
    });
  });

  it('an unknown provider reads as fresh, and a fresh copy each time', () => {
    const { c } = setup();
    assert.deepEqual(c.get('nobody'), status({}));
    c.get('nobody').state = 'online';
    assert.equal(c.get('nobody').state, 'unknown');
    assert.deepEqual(c.get('p'), status({}));
  });

  describe('probes', () => {
    it('start probes at once; a healthy provider is probed again after 30 s, with its latency averaged 70/30', async () => {
      const { clock, p, c, changes, probes } = setup();
      p.pingMs = 120;
      await c.start();
      assert.equal(p.pings, 1);
      assert.deepEqual(c.get('p'), status({ state: 'online', latencyMs: 120, checkedAt: T0 + 120 }));
      assert.deepEqual(clock.pending(), [30_000]);
      p.pingMs = 220;
      await clock.advance(29_999);
      assert.equal(p.pings, 1);
      await clock.advance(1);
      assert.equal(p.pings, 2);
      assert.equal(c.get('p').latencyMs, 150); // round(120 * 0.7 + 220 * 0.3)
      assert.deepEqual(changes, ['p:online']);
      assert.deepEqual(probes, [true, true]);
      c.stop();
    });

    it('a probe slower than slowProbeMs (not equal) marks the provider degraded and probes it on the down interval', async () => {
      const { clock, p, c } = setup();
      p.pingMs = 2_000;
      await c.start();
      assert.equal(c.get('p').state, 'online');
      p.pingMs = 2_001;
      await clock.advance(30_000);
      assert.equal(c.get('p').state, 'degraded');
      assert.deepEqual(clock.pending(), [4_000]);
      c.stop();
    });

    it('a failed probe: offline, unreachable, no failure counted, probed again in 4 s; a good one brings it back', async () => {
      const { clock, p, c, changes, probes } = setup();
      p.pingError = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      await c.start();
      assert.deepEqual(c.get('p'), status({ state: 'offline', lastError: 'connect ECONNREFUSED', checkedAt: T0, lastFailureKind: 'unreachable', probeFailure: 'unreachable' }));
      assert.deepEqual(clock.pending(), [4_000]);
      await clock.advance(4_000);
      assert.equal(p.pings, 2);
      p.pingError = null;
      await clock.advance(4_000);
      assert.deepEqual(c.get('p'), status({ state: 'online', latencyMs: 0, checkedAt: T0 + 8_000 }));
      assert.deepEqual(clock.pending(), [30_000]);
      assert.deepEqual(changes, ['p:offline', 'p:online']); // the second failed probe changed nothing
      assert.deepEqual(probes, [false, false, true]);
      c.stop();
    });

    it('a failed probe keeps the kind of an earlier request failure', async () => {
      const { c, p } = setup();
      c.failed('p', 'server', 'HTTP 500');
      p.pingError = new Error('down');
      await c.start();
      assert.deepEqual(c.get('p'), status({ state: 'offline', lastError: 'down', checkedAt: T0, consecutiveFailures: 1, lastFailureKind: 'server', probeFailure: 'bad-answer' }));
      c.stop();
    });

    it('stop ends the probing, and a probe that answers after the stop changes nothing', async () => {
      const { clock, p, c } = setup();
      await c.start();
      c.stop();
      assert.deepEqual(clock.pending(), []);
      await clock.advance(60_000);
      assert.equal(p.pings, 1);

      let release: () => void = () => undefined;
      p.ping = () => new Promise<void>((resolve) => (release = resolve));
      const fresh = setup();
      fresh.p.ping = p.ping;
      const started = fresh.c.start();
      fresh.c.stop();
      release();
      await started;
      assert.deepEqual(fresh.c.get('p'), status({}));
      assert.deepEqual(fresh.probes, []);
      assert.deepEqual(fresh.clock.pending(), []);
    });

    it('watches the network interfaces on their own interval while started', async () => {
      const { clock, c } = setup({ networkCheckMs: 5_000 });
      await c.start();
      assert.deepEqual(clock.pending(), [5_000, 30_000]);
      await clock.advance(5_000); // the interfaces did not change: the probe keeps its time
      assert.deepEqual(clock.pending(), [5_000, 25_000]);
      c.stop();
      assert.deepEqual(clock.pending(), []);
    });
  });

  describe('failures of real requests', () => {
    it('server errors: degraded, then a cool-down of 2 s doubling per failure after the last one ran out, offline from the third, capped at 60 s', async () => {
      const { clock, c } = setup();
      const expected: [ProviderStatus['state'], number | null][] = [
        ['degraded', null],
        ['degraded', 2_000],
        ['offline', 4_000],
        ['offline', 8_000],
        ['offline', 16_000],
        ['offline', 32_000],
        ['offline', 60_000], // 64 s, capped
        ['offline', 60_000],
      ];
      for (const [i, [state, cooldown]] of expected.entries()) {
        c.failed('p', 'server', `HTTP 502 #${i + 1}`);
        const s = c.get('p');
        assert.deepEqual(
          [s.state, s.consecutiveFailures, s.cooldownUntil, s.lastError, s.lastFailureKind, s.checkedAt],
          [state, i + 1, cooldown === null ? null : clock.now() + cooldown, `HTTP 502 #${i + 1}`, 'server', clock.now()],
        );
        await clock.advance(cooldown ?? 10);
      }
    });

    it('a burst of failures while a cool-down runs is one incident: recorded, but neither counted nor lengthening it', async () => {
      const { clock, c } = setup();
      c.failed('p', 'timeout', 'idle #1');
      c.failed('p', 'timeout', 'idle #2');
      const until = clock.now() + 2_000;
      for (let i = 3; i <= 32; i++) c.failed('p', i % 2 ? 'server' : 'timeout', `stream #${i}`);
      assert.deepEqual(
        c.get('p'),
        status({ state: 'degraded', lastError: 'stream #32', checkedAt: clock.now(), consecutiveFailures: 2, cooldownUntil: until, lastFailureKind: 'timeout' }),
      );
      await clock.advance(2_000);
      assert.equal(c.effectiveState('p', clock.now()), 'degraded', 'tried again once the one cool-down ran out');
      c.failed('p', 'server', 'again');
      assert.deepEqual([c.get('p').state, c.get('p').consecutiveFailures, c.get('p').cooldownUntil], ['offline', 3, clock.now() + 4_000], 'a failure after it doubles the next');
    });

    it('timeouts and rate limits count like server errors', () => {
      for (const kind of ['timeout', 'rate-limited'] as const) {
        const { clock, c } = setup();
        c.failed('p', kind, 'slow');
        c.failed('p', kind, 'slow');
        assert.deepEqual([c.get('p').state, c.get('p').cooldownUntil, c.get('p').lastFailureKind], ['degraded', clock.now() + 2_000, kind]);
      }
    });

    it('unreachable: offline at once, and never a cool-down (the probes tell when it is back)', () => {
      const { c } = setup();
      for (let i = 1; i <= 4; i++) {
        c.failed('p', 'unreachable', 'ECONNREFUSED');
        assert.deepEqual([c.get('p').state, c.get('p').consecutiveFailures, c.get('p').cooldownUntil], ['offline', i, null]);
      }
    });

    it('Retry-After sets the cool-down, from the first failure, whatever the kind (0 s: none in effect)', () => {
      const { clock, c } = setup();
      c.failed('p', 'rate-limited', '429', 7);
      assert.equal(c.get('p').cooldownUntil, clock.now() + 7_000);
      c.failed('p', 'unreachable', 'x', 1.5);
      assert.equal(c.get('p').cooldownUntil, clock.now() + 1_500);
      c.failed('p', 'server', 'x', 0);
      assert.equal(c.get('p').cooldownUntil, clock.now());
      assert.equal(c.effectiveState('p', clock.now()), 'offline'); // the third failure
    });

    it('effectiveState: offline while the cool-down runs, the state again from its last millisecond on', () => {
      const { clock, c } = setup();
      c.failed('p', 'server', 'x');
      c.failed('p', 'server', 'x');
      const until = clock.now() + 2_000;
      assert.equal(c.get('p').state, 'degraded');
      assert.equal(c.effectiveState('p', until - 1), 'offline');
      assert.equal(c.effectiveState('p', until), 'degraded');
      assert.equal(c.effectiveState('p', until + 1), 'degraded');
      assert.equal(c.effectiveState('nobody', until), 'unknown');
    });

    it('re-probes at once when the last probe is over a second old, else on the down interval; one probe timer per provider', async () => {
      const { clock, p, c } = setup();
      await c.start(); // probed at T0
      await clock.advance(1_000);
      c.failed('p', 'server', 'x');
      assert.deepEqual(clock.pending(), [4_000]); // exactly 1 s since the probe: not "over a second"
      await clock.advance(1);
      c.failed('p', 'server', 'x');
      assert.deepEqual(clock.pending(), [0]);
      await clock.advance(0);
      assert.equal(p.pings, 2);
      c.stop();
    });

    it('a failure for a provider it does not know changes nothing it probes', () => {
      const { clock, c } = setup();
      c.failed('ghost', 'server', 'x');
      assert.equal(c.get('ghost').consecutiveFailures, 1);
      assert.deepEqual(clock.pending(), []);
    });
  });

  describe('successes', () => {
    it("a request's success clears every trace of failure", async () => {
      const { clock, c, changes } = setup();
      c.failed('p', 'server', 'x');
      c.failed('p', 'server', 'x');
      await clock.advance(2_000);
      c.failed('p', 'server', 'x');
      await clock.advance(500);
      c.succeeded('p', 'request');
      c.failed('p', 'server', 'x');
      c.failed('p', 'server', 'x');
      assert.equal(c.get('p').cooldownUntil, clock.now() + 2_000, 'the cool-downs start over from 2 s');
      c.succeeded('p', 'request');
      assert.deepEqual(c.get('p'), status({ state: 'online', checkedAt: clock.now() }));
      assert.deepEqual(changes, ['p:degraded', 'p:offline', 'p:online', 'p:degraded', 'p:online']);
    });

    it('a probe success ends an unreachable spell, but not a streak of server errors and its cool-down', async () => {
      const { clock, p, c } = setup();
      c.failed('p', 'server', 'HTTP 500');
      c.failed('p', 'server', 'HTTP 500');
      const cooldown = c.get('p').cooldownUntil;
      await c.start();
      assert.deepEqual(
        c.get('p'),
        status({ state: 'degraded', latencyMs: 0, lastError: 'HTTP 500', checkedAt: clock.now(), consecutiveFailures: 2, cooldownUntil: cooldown, lastFailureKind: 'server' }),
      );
      c.stop();

      const other = setup();
      other.c.failed('p', 'unreachable', 'ECONNREFUSED');
      await other.c.start();
      assert.deepEqual(other.c.get('p'), status({ state: 'online', latencyMs: 0, checkedAt: other.clock.now() }));
      other.c.stop();
      assert.equal(p.pings, 1);
    });

    it('a provider that answers its probe during a streak of server errors is probed at the healthy pace, not every 4 s', async () => {
      const { clock, p, c } = setup();
      c.failed('p', 'server', 'HTTP 500');
      c.failed('p', 'server', 'HTTP 500');
      await c.start();
      assert.equal(c.get('p').state, 'degraded');
      assert.deepEqual(clock.pending(), [30_000]);
      await clock.advance(29_999);
      assert.equal(p.pings, 1);
      c.stop();
    });

    it('the common case (already online and clean) only moves checkedAt, in place, and tells no one', async () => {
      const { clock, c, changes } = setup();
      c.succeeded('p', 'request');
      const before = c.get('p');
      assert.deepEqual(changes, ['p:online']);
      await clock.advance(250);
      c.succeeded('p', 'request');
      assert.equal(c.get('p'), before);
      assert.equal(before.checkedAt, T0 + 250);
      assert.deepEqual(changes, ['p:online']);
    });

    it('a success for a provider it does not know is recorded, then kept like any other', () => {
      const { clock, c } = setup();
      c.succeeded('ghost', 'request', 40);
      assert.deepEqual(c.get('ghost'), status({ state: 'online', latencyMs: 40, checkedAt: clock.now() }));
      c.succeeded('ghost', 'request');
      assert.equal(c.get('ghost').latencyMs, 40);
    });
  });

  it('adopt takes over a known provider status as a copy, and ignores unknown ones', () => {
    const { c } = setup();
    const s = status({ state: 'offline', consecutiveFailures: 5, lastError: 'x' });
    c.adopt('p', s);
    c.adopt('ghost', s);
    s.state = 'online';
    assert.deepEqual(c.get('p'), status({ state: 'offline', consecutiveFailures: 5, lastError: 'x' }));
    assert.deepEqual(c.get('ghost'), status({}));
  });

  describe('network changes (injected interfaces)', () => {
    type Interfaces = ReturnType<typeof networkInterfaces>;
    const nic = (address: string): NetworkInterfaceInfo => ({ address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: null });

    function twoProviders(read: () => Interfaces) {
      const clock = new ManualClock(T0);
      const a = new FakeProvider('a');
      const b = new FakeProvider('b');
      a.clock = clock;
      b.clock = clock;
      const c = new Connectivity([a, b], { ...OPTIONS, networkCheckMs: 5_000 }, clock, read);
      return { clock, a, b, c };
    }

    it('a new address re-probes every provider at once; the same interfaces in another order do not', async () => {
      let now: Interfaces = { eth0: [nic('10.0.0.2')], lo: [nic('127.0.0.1')] };
      const { clock, a, b, c } = twoProviders(() => now);
      await c.start();
      assert.deepEqual([a.pings, b.pings], [1, 1]);
      now = { lo: [nic('127.0.0.1')], eth0: [nic('10.0.0.2')] };
      await clock.advance(5_000);
      assert.deepEqual([a.pings, b.pings], [1, 1], 'same interfaces, other order: no change');
      now = { lo: [nic('127.0.0.1')], eth0: [nic('10.0.0.2')], wlan0: [nic('192.168.1.5')] };
      await clock.advance(5_000);
      assert.deepEqual([a.pings, b.pings], [2, 2], 'a new interface: both probed at once');
      await clock.advance(5_000);
      assert.deepEqual([a.pings, b.pings], [2, 2], 'and only once');
      now = { lo: [nic('127.0.0.1')], eth1: [nic('10.0.0.2')], wlan0: [nic('192.168.1.5')] };
      await clock.advance(5_000);
      assert.deepEqual([a.pings, b.pings], [3, 3], 'an address moving to another interface is a change');
      now = { lo: [nic('127.0.0.1')], eth1: [nic('10.0.0.3')], wlan0: [nic('192.168.1.5')] };
      await clock.advance(5_000);
      assert.deepEqual([a.pings, b.pings], [4, 4], 'a new address on the same interface is a change');
      c.stop();
      now = {};
      await clock.advance(30_000);
      assert.deepEqual([a.pings, b.pings], [4, 4], 'stopped: no more watching');
    });

    it('an interface without addresses counts as none', async () => {
      let now: Interfaces = { lo: [nic('127.0.0.1')] };
      const { clock, a, c } = twoProviders(() => now);
      await c.start();
      now = { lo: [nic('127.0.0.1')], tun0: undefined };
      await clock.advance(5_000);
      assert.equal(a.pings, 1);
      c.stop();
    });

    it('a system that refuses the query never sees a change, and the probes keep their schedule', async () => {
      const { clock, a, c } = twoProviders(() => {
        throw new Error('uv_interface_addresses returned Unknown system error 1');
      });
      await c.start();
      await clock.advance(25_000);
      assert.equal(a.pings, 1);
      await clock.advance(5_000);
      assert.equal(a.pings, 2, 'the healthy interval still runs');
      c.stop();
    });
  });

  it("a request's failure re-probes that provider, not the others", async () => {
    const clock = new ManualClock(T0);
    const a = new FakeProvider('a');
    const b = new FakeProvider('b');
    a.clock = clock;
    b.clock = clock;
    const c = new Connectivity([a, b], OPTIONS, clock);
    await c.start();
    await clock.advance(2_000);
    c.failed('b', 'server', 'x');
    c.failed('ghost', 'server', 'y');
    await clock.advance(0);
    assert.deepEqual([a.pings, b.pings], [1, 2]);
    c.stop();
  });
});
