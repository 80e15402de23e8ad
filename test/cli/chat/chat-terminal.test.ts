// `oblix chat` used as a person uses it: in a terminal (tmux), typing, pasting, Ctrl+C, Ctrl+D,
// against a fake Ollama on loopback. CI installs tmux (scripts/install-e2e.sh).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSession } from '../../../src/core/sessions/session-codec';
import { FakeOllama } from '../../fakes/fake-ollama';
import { Tmux } from './tmux';

describe('oblix chat in a terminal (tmux)', function () {
  this.timeout(90_000);
  const ollama = new FakeOllama();
  let dataDir: string;
  let config: string;
  const terminals: Tmux[] = [];

  before(async () => {
    await ollama.start();
  });
  after(() => ollama.stop());
  beforeEach(() => {
    ollama.reset();
    dataDir = mkdtempSync(join(tmpdir(), 'oblix-chat-'));
    config = join(dataDir, 'oblix.json');
    // Load-based routing off: the machine running the tests is busy running them.
    writeFileSync(config, JSON.stringify({ thresholds: { maxCpuLoadPct: 101, memoryHeadroom: 0, lowBatteryPct: 0 } }));
  });
  afterEach(() => {
    for (const t of terminals.splice(0)) t.kill();
  });

  function open(extraArgs: string[] = [], env: Record<string, string> = {}): Tmux {
    const t = new Tmux(['--in-process', '--config', config, ...extraArgs], { OLLAMA_HOST: ollama.url, OBLIX_DATA_DIR: dataDir, ...env });
    terminals.push(t);
    return t;
  }

  const banner = /Oblix chat \(routing in this process\), session (\S+)\./;

  it('streams a long answer to its end, then a dim line with the model, the reason, the tokens and the time', async () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    ollama.reply = words.join(' ');
    const t = open();
    await t.waitFor(banner);
    t.type('tell me a long story');
    t.send('Enter');
    const screen = await t.waitFor(/ollama:llama3\.2:latest · chat-\S+ · \d+ in, \d+ out · [\d.]+ s\n/);
    const answer = screen
      .slice(screen.indexOf('> tell me a long story') + '> tell me a long story'.length, screen.indexOf('ollama:llama3.2:latest ·'))
      .replace(/\s+/g, ' ')
      .trim();
    assert.equal(answer, ollama.reply, 'every word arrived, in order');
    // eslint-disable-next-line no-control-regex -- matches the terminal's ANSI escapes
    assert.match(t.screen(true), /\x1b\[2mollama:llama3\.2:latest · /, 'the footer is dim');
    assert.match(screen, /400 out/);
    t.type('/why');
    t.send('Enter');
    await t.waitFor(/requested auto → ollama:llama3\.2:latest \([a-z-]+\)\n.*prefer balanced.*\n\s+candidates, in order:\n\s+1\. ollama:llama3\.2:latest/);
  });

  it('Ctrl+C stops an answer and keeps the chat; Ctrl+D leaves', async () => {
    ollama.reply = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    ollama.faults.tokenDelayMs = 100;
    const t = open();
    await t.waitFor(banner);
    t.type('count slowly');
    t.send('Enter');
    await t.waitFor(/w3 /);
    t.send('C-c');
    const stopped = await t.waitFor(/ · stopped\n/);
    assert.doesNotMatch(stopped, /w199/, 'the answer did not run to its end');
    assert.doesNotMatch(stopped, /\[exited/, 'Ctrl+C did not leave');
    t.type('/help');
    t.send('Enter');
    await t.waitFor(/\/resume\s+ID/);
    t.send('C-d');
    await t.waitFor(/\[exited 0\]/);
  });

  it('a bad command gets a clear message naming the closest command', async () => {
    const t = open();
    await t.waitFor(banner);
    t.type('/sesions');
    t.send('Enter');
    await t.waitFor(/Unknown command \/sesions: did you mean \/sessions\? Type \/help for the list\./);
    t.type('/mode sideways');
    t.send('Enter');
    await t.waitFor(/Unknown mode 'sideways': use auto, local-only or cloud-only\./);
  });

  it('lines sent while another is handled wait their turn, in order', async () => {
    ollama.reply = 'first answer';
    const t = open();
    await t.waitFor(banner);
    // One burst, as a fast typist or a paste without bracketing sends it: a question, then two commands.
    t.send('a question', 'Enter', '/prefer quality', 'Enter', '/mode', 'Enter');
    const screen = await t.waitFor(/mode: auto\n/);
    assert.match(screen, /first answer\n.* · \d+ in[\s\S]*prefer: quality\n[\s\S]*mode: auto\n/);
  });

  it('a pasted text over several lines is one question', async () => {
    const t = open();
    await t.waitFor(banner);
    t.paste('first line\nsecond line\nthird line');
    t.send('Enter');
    await t.waitFor(/ · \d+ in, \d+ out · /);
    const messages = (ollama.requests.at(-1)!.body as { messages: { role: string; content: string }[] }).messages;
    assert.deepEqual(messages.at(-1), { role: 'user', content: 'first line\nsecond line\nthird line' });
    assert.equal(ollama.requests.filter((r) => r.path === '/api/chat').length, 1, 'one question, not three');
  });

  it('a session resumes in a new chat with its history (/resume and --resume)', async () => {
    ollama.reply = 'Paris.';
    const first = open();
    const id = banner.exec(await first.waitFor(banner))![1]!;
    first.type('capital of France?');
    first.send('Enter');
    await first.waitFor(/Paris\.\n.* · \d+ in/);
    first.send('C-d');
    await first.waitFor(/\[exited 0\]/);
    assert.deepEqual(readdirSync(join(dataDir, 'sessions')), [`${id}.json`]);

    ollama.reply = 'About 2.1 million.';
    const second = open();
    await second.waitFor(banner);
    second.type('/sessions');
    second.send('Enter');
    await second.waitFor(new RegExp(`${id}.*2 messages  capital of France\\?`));
    second.type(`/resume ${id.slice(0, 8)}`);
    second.send('Enter');
    await second.waitFor(/Resumed "capital of France\?" \(2 messages\)\./);
    second.type('and its population?');
    second.send('Enter');
    await second.waitFor(/About 2\.1 million\./);
    const sent = (ollama.requests.at(-1)!.body as { messages: { role: string; content: string }[] }).messages;
    assert.deepEqual(
      sent.map((m) => m.content),
      ['capital of France?', 'Paris.', 'and its population?'],
    );

    const third = open(['--resume', id]);
    await third.waitFor(new RegExp(`session ${id}\\.`));
    const exported = join(dataDir, 'for-vscode.json');
    third.type(`/export ${exported}`);
    third.send('Enter');
    await third.waitFor(/Exported to .*for-vscode\.json \(VS Code: Oblix: Import Session…\)\./);
    const session = decodeSession(readFileSync(exported, 'utf8'));
    assert.deepEqual(
      session.messages.map((m) => m.content),
      ['capital of France?', 'Paris.', 'and its population?', 'About 2.1 million.'],
    );
  });

  it('colours follow NO_COLOR', async () => {
    const t = open([], { NO_COLOR: '1' });
    await t.waitFor(banner);
    t.type('hi');
    t.send('Enter');
    await t.waitFor(/ · \d+ in, \d+ out · /);
    // eslint-disable-next-line no-control-regex -- matches the terminal's ANSI escapes
    assert.doesNotMatch(t.screen(true), /\x1b\[2m/);
  });
});
