// Deactivation on desktop VS Code: the extension host exits one second after deactivate (Oblix
// returns no promise, for code-server's reload). Streams in flight must get their honest end
// (an error event and the end marker) before that exit, not a cut socket.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { sseData } from '../raw-http';

const HOST = require.resolve('./deactivate-host.ts');

describe('extension: deactivate with streams in flight', function () {
  this.timeout(30_000);

  it('every open stream ends with server_shutting_down and its end marker before the host exits', async () => {
    const proc = spawn(process.execPath, ['--require', 'tsx/cjs', HOST], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = once(proc, 'exit');
    try {
      let out = '';
      const base = await new Promise<string>((resolve, reject) => {
        proc.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^ready (\S+)$/m.exec(out);
          if (m) resolve(m[1]!);
        });
        proc.once('exit', (code) => reject(new Error(`host exited ${code}`)));
      });
      const ask = (path: string, body: unknown): Promise<Response> =>
        fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const chat = await ask('/v1/chat/completions', { model: 'openai:gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hi' }] });
      const responses = await ask('/v1/responses', { model: 'openai:gpt-4o-mini', stream: true, input: 'Hi' });
      /** The whole body, and whether the socket was cut; `started` resolves once the first token arrived. */
      const read = (res: Response): { started: Promise<void>; done: Promise<{ text: string; cut: boolean }> } => {
        let start!: () => void;
        const started = new Promise<void>((resolve) => (start = resolve));
        const done = (async () => {
          const reader = res.body!.getReader();
          let text = '';
          try {
            for (let r = await reader.read(); !r.done; r = await reader.read()) {
              text += new TextDecoder().decode(r.value);
              if (/delta/.test(text)) start();
            }
            return { text, cut: false };
          } catch {
            return { text, cut: true }; // the socket closed mid-body
          } finally {
            start();
          }
        })();
        return { started, done };
      };
      const reading = [read(chat), read(responses)];
      // Both answers are under way (their first token arrived), then the host deactivates.
      await Promise.all(reading.map((x) => x.started));
      proc.stdin.write('deactivate\n');
      const [c, r] = await Promise.all(reading.map((x) => x.done));

      assert.equal(c!.cut, false, 'chat: not cut at the socket');
      const data = sseData(c!.text);
      assert.equal(data[data.length - 1], '[DONE]');
      assert.equal((JSON.parse(data[data.length - 2]!) as { error: { code: string } }).error.code, 'server_shutting_down');

      assert.equal(r!.cut, false, 'responses: not cut at the socket');
      const events = sseData(r!.text).map((d) => JSON.parse(d) as { type: string; response?: { error?: { message: string }; output: { content: { text: string }[] }[] } });
      const last = events[events.length - 1]!;
      assert.equal(last.type, 'response.failed');
      assert.match(last.response?.error?.message ?? '', /shutting down/);
      assert.ok((last.response?.output[0]?.content[0]?.text ?? '').length > 0, 'the failed response carries the text already sent');
    } finally {
      proc.kill();
      await exited;
    }
  });
});
