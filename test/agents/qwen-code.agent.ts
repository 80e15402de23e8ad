// docs/agents.md's qwen-code recipe with the real qwen-code (`qwen "<task>"`, one-shot): its
// ~/.qwen/settings.json and its command word for word (the port aside), one tool round trip
// (qwen-code's `write_file` tool) against a fake Ollama through `oblix serve`, with a throwaway HOME.
// qwen-code sends all its traffic through HTTPS_PROXY and ignores NO_PROXY, so its proxy here is one
// on loopback that lets only loopback through: the test also shows that with the recipe nothing tried
// to leave. qwen-code is installed outside the repo (see CONTRIBUTING.md); the test skips when it is missing.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { AGENT_TIMEOUT_MS, AGENTS_DOC, bin, recipeBlock, run } from './agent-kit';
import { assertToolRoundTrip, recipeRig, WRITTEN } from './recipe-rig';

describe('qwen-code through oblix serve, as docs/agents.md says', function () {
  this.timeout(AGENT_TIMEOUT_MS + 30_000);
  const rig = recipeRig('qwen', 'qwen-code', { proxy: true });

  it('qwen "<task>": write_file tool call → tool result → final answer, routed by auto, nothing sent outside', async () => {
    mkdirSync(join(rig.home, '.qwen'));
    writeFileSync(join(rig.home, '.qwen', 'settings.json'), recipeBlock('**qwen-code**', rig.url, AGENTS_DOC, 0));
    const command = recipeBlock('**qwen-code**', rig.url, AGENTS_DOC, 1).trimEnd();
    assert.match(command, /\nqwen$/);
    const file = join(rig.work, 'hello.txt');
    rig.ollama.toolCall = { name: 'write_file', arguments: { file_path: file, content: WRITTEN } };
    // One-shot with a prompt; auto-edit lets it write without asking (it offers no write tool otherwise).
    const r = await run(
      'sh',
      ['-c', `${command} 'Create hello.txt' --approval-mode auto-edit`],
      { PATH: `${dirname(bin('qwen'))}${delimiter}${process.env.PATH}`, HOME: rig.home, ...rig.proxy!.env() },
      rig.work,
    );
    await assertToolRoundTrip(rig, r, file);
    assert.equal(r.stdout.trim(), 'Hello from fake-ollama.');
  });
});
