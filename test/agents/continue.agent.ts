// The README's Continue recipe with the real Continue CLI (`cn -p`): its ~/.continue/config.yaml word
// for word (the port aside), one tool round trip (Continue's `Write` tool) against a fake Ollama
// through `oblix serve`, with outside traffic blocked and a throwaway HOME. The CLI has no tab
// completion, so the recipe's autocomplete model is read but not used here. `cn` is installed outside
// the repo (see CONTRIBUTING.md); the test skips when it is missing.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_TIMEOUT_MS, bin, NO_OUTSIDE, recipeBlock, run } from './agent-kit';
import { assertToolRoundTrip, recipeRig, WRITTEN } from './recipe-rig';

describe('Continue (cn) through oblix serve, as the README says', function () {
  this.timeout(AGENT_TIMEOUT_MS + 30_000);
  const rig = recipeRig('cn', 'cn');

  it('cn -p: Write tool call → tool result → final answer, routed by auto', async () => {
    mkdirSync(join(rig.home, '.continue'));
    writeFileSync(join(rig.home, '.continue', 'config.yaml'), recipeBlock('**Continue**', rig.url));
    const file = join(rig.work, 'hello.txt');
    rig.ollama.toolCall = { name: 'Write', arguments: { filepath: file, content: WRITTEN } };
    const r = await run(bin('cn'), ['-p', 'Create hello.txt', '--allow', 'Write'], { PATH: process.env.PATH, HOME: rig.home, ...NO_OUTSIDE }, rig.work);
    await assertToolRoundTrip(rig, r, file);
    assert.equal(r.stdout.trim(), 'Hello from fake-ollama.');
  });
});
