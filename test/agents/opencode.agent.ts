// The README's opencode recipe with the real opencode (`opencode run`): its opencode.json word for
// word (the port aside) in the project, one tool round trip (opencode's `write` tool) against a fake
// Ollama through `oblix serve`, with outside traffic blocked and a throwaway HOME. opencode is
// installed outside the repo (see CONTRIBUTING.md); the test skips when it is missing.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arr } from '../fakes/fake-server';
import { AGENT_TIMEOUT_MS, bin, NO_OUTSIDE, recipeBlock, run } from './agent-kit';
import { assertToolRoundTrip, recipeRig, WRITTEN } from './recipe-rig';

describe('opencode through oblix serve, as the README says', function () {
  this.timeout(AGENT_TIMEOUT_MS + 30_000);
  const rig = recipeRig('opencode', 'opencode');

  it('opencode run: write tool call → tool result → final answer, routed by auto', async () => {
    writeFileSync(join(rig.work, 'opencode.json'), recipeBlock('**opencode**', rig.url));
    const file = join(rig.work, 'hello.txt');
    rig.ollama.toolCall = { name: 'write', arguments: { filePath: file, content: WRITTEN } };
    const r = await run(bin('opencode'), ['run', 'Create hello.txt'], { PATH: process.env.PATH, HOME: rig.home, ...NO_OUTSIDE }, rig.work);
    // Besides the task opencode asks for a session title: the task's calls are those with tools.
    await assertToolRoundTrip(rig, r, file, (body) => arr(body, 'tools').length > 0);
    assert.match(r.stdout, /Hello from fake-ollama\./);
  });
});
