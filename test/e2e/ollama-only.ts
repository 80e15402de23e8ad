// The setting most e2e suites share: the packaged extension in code-server, the fake Ollama as the
// only model runtime (no cloud keys, no cloud providers), and load-based routing off (the test
// machine is busy running the test: it would route to "no model"). One place for it, one teardown.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FakeOllama } from '../fakes/fake-ollama';
import { REPO_ROOT, startCodeServer, type CodeServer } from './code-server';
import { freePort } from './free-port';

export interface OllamaOnly {
  cs: CodeServer;
  workspace: string;
  /** Stops code-server and the fake Ollama, removes the workspace. */
  stop(): Promise<void>;
}

/** Builds oblix.vsix (npm run package); stderr piped, so a failed packaging says why in the test's error. */
export function packageExtension(): void {
  execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Starts code-server with oblix.vsix against `ollama` (already started), in a new workspace holding `files`. */
export async function startOllamaOnly(o: { name: string; ollama: FakeOllama; files?: Record<string, string>; viewport?: { width: number; height: number } }): Promise<OllamaOnly> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), `oblix-e2e-${o.name}-`));
  for (const [name, text] of Object.entries(o.files ?? {})) fs.writeFileSync(path.join(workspace, name), text);
  const cs = await startCodeServer({
    name: o.name,
    vsix: path.join(REPO_ROOT, 'oblix.vsix'),
    workspace,
    ...(o.viewport && { viewport: o.viewport }),
    env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OLLAMA_HOST: '' },
    userSettings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'oblix.server.port': await freePort(),
      'oblix.ollama.host': o.ollama.url,
      'oblix.cloud.providers': [],
      'oblix.routing.maxCpuLoadPct': 101,
    },
  });
  return {
    cs,
    workspace,
    async stop() {
      await cs.stop();
      await o.ollama.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    },
  };
}
