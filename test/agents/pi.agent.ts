// docs/agents.md's pi recipe with the real pi (`pi -p`): its ~/.pi/agent/models.json and its command
// word for word (the port aside), one tool round trip (pi's `write` tool) against a fake Ollama
// through `oblix serve`, with a throwaway HOME. pi honours HTTPS_PROXY and NO_PROXY: its proxy here
// lets only loopback through and names what else was tried, and the test shows nothing was. pi is
// installed outside the repo (see CONTRIBUTING.md); the test skips when it is missing.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { AGENT_TIMEOUT_MS, AGENTS_DOC, bin, recipeBlock, run } from './agent-kit';
import { assertToolRoundTrip, recipeRig, WRITTEN } from './recipe-rig';

describe('pi through oblix serve, as docs/agents.md says', function () {
  this.timeout(AGENT_TIMEOUT_MS + 30_000);
  const rig = recipeRig('pi', 'pi', { proxy: true });

  it('pi -p: write tool call → tool result → final answer, routed by auto, nothing sent outside', async () => {
    mkdirSync(join(rig.home, '.pi', 'agent'), { recursive: true });
    writeFileSync(join(rig.home, '.pi', 'agent', 'models.json'), recipeBlock('**pi**', rig.url, AGENTS_DOC, 0));
    const command = recipeBlock('**pi**', rig.url, AGENTS_DOC, 1).trimEnd();
    assert.match(command, /\bpi --model oblix\/auto$/);
    const file = join(rig.work, 'hello.txt');
    rig.ollama.toolCall = { name: 'write', arguments: { path: file, content: WRITTEN } };
    const r = await run(
      'sh',
      ['-c', `${command} -p 'Create hello.txt'`],
      { PATH: `${dirname(bin('pi'))}${delimiter}${process.env.PATH}`, HOME: rig.home, ...rig.proxy!.env() },
      rig.work,
    );
    await assertToolRoundTrip(rig, r, file);
    assert.equal(r.stdout.trim(), 'Hello from fake-ollama.');
  });
});
