// Getting a first model: Install Ollama (the download page for this OS), Pull a Model (through
// Ollama's /api/pull, with a cancellable progress notification), and one notification at the very
// first start when no model can answer.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { fits, formatBytes, MODEL_CHOICES, recommendedModel } from '../pull/model-choice';
import { pullModel } from '../pull/ollama-pull';
import type { OblixService } from '../service';
import { errorMessage } from '../../core/errors/error-message';
import { COMMAND, CONTEXT_KEY } from '../ids';
import { globalState, STATE_KEY } from '../state';
import { registerCommand } from './register';

/** Ollama's download page for this machine's OS. */
export function ollamaDownloadUrl(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'https://ollama.com/download/mac';
  if (platform === 'win32') return 'https://ollama.com/download/windows';
  return 'https://ollama.com/download/linux';
}

export function registerSetupCommands(service: OblixService): vscode.Disposable[] {
  return [
    registerCommand(service.log, COMMAND.installOllama, () => vscode.env.openExternal(vscode.Uri.parse(ollamaDownloadUrl()))),
    registerCommand(service.log, COMMAND.pullModel, (name?: unknown) => pullCommand(service, typeof name === 'string' ? name : undefined)),
  ];
}

function ollamaHost(service: OblixService): string {
  return service.settings?.config.providers.find((p) => p.kind === 'ollama')?.baseURL ?? 'http://127.0.0.1:11434';
}

/** Asks which model (the one that fits the free memory first), then pulls it. */
async function pickModel(): Promise<string | undefined> {
  const free = os.freemem();
  const best = recommendedModel(free);
  const items: (vscode.QuickPickItem & { model?: string })[] = MODEL_CHOICES.map((c) => ({
    label: c.name,
    model: c.name,
    description: `${formatBytes(c.bytes)} · ${c.what}`,
    detail: c === best ? `$(check) Fits this machine (${formatBytes(free)} free)` : fits(c, free) ? undefined : `Needs more free memory than the ${formatBytes(free)} there is now`,
  }));
  const best0 = items.findIndex((i) => i.model === best.name);
  if (best0 > 0) items.unshift(...items.splice(best0, 1));
  items.push({ label: 'Another model…', description: 'any name from ollama.com/library' });
  const pick = await vscode.window.showQuickPick(items, { title: 'Oblix: Pull a Model', placeHolder: 'A model for Ollama to download' });
  if (!pick) return undefined;
  if (pick.model) return pick.model;
  const typed = await vscode.window.showInputBox({
    title: 'Oblix: Pull a Model',
    prompt: 'The model name, as in "ollama pull NAME"',
    placeHolder: 'qwen2.5-coder:3b',
    validateInput: (v) => (/^[\w.:/-]+$/.test(v.trim()) ? null : 'A model name like qwen2.5-coder:3b.'),
  });
  return typed?.trim() || undefined;
}

async function pullCommand(service: OblixService, name: string | undefined): Promise<void> {
  const model = name ?? (await pickModel());
  if (!model) return;
  const host = ollamaHost(service);
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Pulling ${model}`, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    let shown = 0;
    try {
      for await (const p of pullModel(host, model, abort.signal)) {
        const pct = p.total ? Math.floor(((p.completed ?? 0) / p.total) * 100) : undefined;
        const increment = pct !== undefined && pct > shown ? pct - shown : undefined;
        if (increment) shown = pct ?? shown;
        const size = p.total ? ` (${formatBytes(p.completed ?? 0)} of ${formatBytes(p.total)})` : '';
        progress.report({ message: `${p.status}${size}`, increment });
      }
      return 'done' as const;
    } catch (err) {
      if (abort.signal.aborted) return 'cancelled' as const;
      const message = errorMessage(err);
      service.log.warn(`Pull of ${model} failed: ${message}`);
      return { error: message };
    } finally {
      cancel.dispose();
    }
  });
  if (outcome === 'cancelled') {
    void vscode.window.showInformationMessage(`Stopped pulling ${model}.`);
  } else if (outcome === 'done') {
    service.log.info(`Pulled ${model} through Ollama at ${host}`);
    await service.reload('a model was pulled');
    const pick = await vscode.window.showInformationMessage(`${model} is ready: Oblix can answer with it.`, 'Open Chat');
    if (pick) await vscode.commands.executeCommand(COMMAND.openChat);
  } else {
    const pick = await vscode.window.showErrorMessage(`Could not pull ${model}: ${outcome.error}`, 'Install Ollama', 'Show Log');
    if (pick === 'Install Ollama') await vscode.commands.executeCommand(COMMAND.installOllama);
    else if (pick === 'Show Log') service.log.show();
  }
}

/** Context keys the walkthrough's steps complete on: a local model, a cloud model is usable. */
export function trackSetupContext(service: OblixService): vscode.Disposable {
  let last = '';
  const apply = (): void => {
    const models = service.oblix?.models() ?? [];
    const local = models.some((m) => m.startsWith('ollama:'));
    const cloud = (service.settings?.config.providers ?? []).some((p) => p.kind !== 'ollama' && p.apiKey && models.some((m) => m.startsWith(`${p.id}:`)));
    const key = `${local}/${cloud}`;
    if (key === last) return;
    last = key;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY.localModelReady, local);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY.cloudModelReady, cloud);
  };
  apply();
  return service.onDidChange(apply);
}

/** At the very first start only, and only when no model can answer: one notification with the ways forward. */
export async function welcomeOnFirstStart(context: vscode.ExtensionContext, canAnswer: () => boolean): Promise<void> {
  const state = globalState(context.globalState);
  if (state.get(STATE_KEY.firstStartShown)) return;
  await state.update(STATE_KEY.firstStartShown, true);
  if (canAnswer()) return;
  const pick = await vscode.window.showInformationMessage(
    'Oblix needs a model to answer: run one on this machine with Ollama, or add a cloud API key.',
    'Install Ollama',
    'Pull a Model',
    'Set API Key',
  );
  const command = pick === 'Install Ollama' ? COMMAND.installOllama : pick === 'Pull a Model' ? COMMAND.pullModel : pick === 'Set API Key' ? COMMAND.setApiKey : null;
  if (command) await vscode.commands.executeCommand(command);
}
