// What a local runtime says about its models: refresh asks the inventory, describes only new or
// changed models (and retries a model it could not describe), says whether anything changed, keeps
// what it knew when the runtime fails; lookups resolve `:latest`; adopt takes one provider's facts.
import assert from 'node:assert/strict';
import type { InstalledModel, ModelDescription, Provider } from '../../../src/core/providers/provider';
import { ModelFacts } from '../../../src/core/routing/model-facts';

/** A runtime with a settable inventory and descriptions; it counts what it was asked. */
class Runtime implements Provider {
  readonly kind = 'ollama' as const;
  readonly local = true;
  models: InstalledModel[] = [];
  descriptions = new Map<string, ModelDescription | Error>();
  inventoryError: Error | null = null;
  described: string[] = [];
  constructor(readonly id: string) {}
  ignoredParams(): string[] {
    return [];
  }
  chat(): AsyncIterable<never> {
    throw new Error('not used');
  }
  async ping(): Promise<void> {}
  async inventory(): Promise<InstalledModel[]> {
    if (this.inventoryError) throw this.inventoryError;
    return this.models.map((m) => ({ ...m }));
  }
  async describeModel(model: string): Promise<ModelDescription> {
    this.described.push(model);
    const d = this.descriptions.get(model);
    if (d instanceof Error) throw d;
    return d ?? { contextLength: null, capabilities: null };
  }
}

const installed = (model: string, digest: string | null = 'd1', loaded = false): InstalledModel => ({ model, digest, sizeBytes: 1000, loaded, loadedContextLength: null });
const QWEN: ModelDescription = { contextLength: 32768, capabilities: ['completion', 'tools'] };

describe('ModelFacts', () => {
  it('refresh: each installed model with its description, id and provider; true the first time', async () => {
    const r = new Runtime('ollama');
    r.models = [installed('qwen:7b')];
    r.descriptions.set('qwen:7b', QWEN);
    const facts = new ModelFacts();
    assert.equal(await facts.refresh(r), true);
    assert.deepEqual(facts.all(), [{ ...installed('qwen:7b'), ...QWEN, id: 'ollama:qwen:7b', providerId: 'ollama' }]);
  });

  it('a second refresh with nothing changed: false, and no model described again', async () => {
    const r = new Runtime('ollama');
    r.models = [installed('qwen:7b')];
    r.descriptions.set('qwen:7b', QWEN);
    const facts = new ModelFacts();
    await facts.refresh(r);
    assert.equal(await facts.refresh(r), false);
    assert.deepEqual(r.described, ['qwen:7b']);
  });

  it('a model loaded since: true; a new digest: described again', async () => {
    const r = new Runtime('ollama');
    r.models = [installed('qwen:7b')];
    r.descriptions.set('qwen:7b', QWEN);
    const facts = new ModelFacts();
    await facts.refresh(r);
    r.models = [installed('qwen:7b', 'd1', true)];
    assert.equal(await facts.refresh(r), true);
    assert.equal(facts.get('ollama', 'qwen:7b')?.loaded, true);
    r.models = [installed('qwen:7b', 'd2', true)];
    await facts.refresh(r);
    assert.deepEqual(r.described, ['qwen:7b', 'qwen:7b']);
  });

  it('a model it could not describe has unknown facts, and is asked again next time', async () => {
    const r = new Runtime('ollama');
    r.models = [installed('odd')];
    r.descriptions.set('odd', new Error('500 from /api/show'));
    const facts = new ModelFacts();
    await facts.refresh(r);
    assert.deepEqual([facts.get('ollama', 'odd')?.contextLength, facts.get('ollama', 'odd')?.capabilities], [null, null]);
    r.descriptions.set('odd', QWEN);
    await facts.refresh(r);
    assert.deepEqual(r.described, ['odd', 'odd']);
    assert.equal(facts.get('ollama', 'odd')?.contextLength, 32768);
  });

  it('a description with only a context length, or only capabilities, is kept (not asked again)', async () => {
    const r = new Runtime('ollama');
    r.models = [installed('a'), installed('b')];
    r.descriptions.set('a', { contextLength: 8192, capabilities: null });
    r.descriptions.set('b', { contextLength: null, capabilities: ['embedding'] });
    const facts = new ModelFacts();
    await facts.refresh(r);
    await facts.refresh(r);
    assert.deepEqual(r.described.sort(), ['a', 'b']);
  });

  it('a runtime without describeModel: facts with unknown window and capabilities', async () => {
    const r = new Runtime('lms');
    r.models = [installed('m')];
    (r as { describeModel?: unknown }).describeModel = undefined;
    const facts = new ModelFacts();
    await facts.refresh(r);
    assert.deepEqual(facts.get('lms', 'm'), { ...installed('m'), contextLength: null, capabilities: null, id: 'lms:m', providerId: 'lms' });
  });

  it('a runtime without an inventory: false, nothing known', async () => {
    const r = new Runtime('cloudish');
    (r as { inventory?: unknown }).inventory = undefined;
    const facts = new ModelFacts();
    assert.equal(await facts.refresh(r), false);
    assert.deepEqual(facts.installed('cloudish'), []);
  });

  it('a failing inventory: false, and what was known is kept', async () => {
    const r = new Runtime('ollama');
    r.models = [installed('qwen:7b')];
    const facts = new ModelFacts();
    await facts.refresh(r);
    r.inventoryError = new Error('connect ECONNREFUSED');
    assert.equal(await facts.refresh(r), false);
    assert.equal(facts.installed('ollama').length, 1);
  });

  it('get: a bare name finds its :latest, an exact tag itself, nothing else', async () => {
    const r = new Runtime('ollama');
    r.models = [installed('llama3.2:latest'), installed('qwen:7b')];
    const facts = new ModelFacts();
    await facts.refresh(r);
    assert.equal(facts.get('ollama', 'llama3.2')?.model, 'llama3.2:latest');
    assert.equal(facts.get('ollama', 'llama3.2:latest')?.model, 'llama3.2:latest');
    assert.equal(facts.get('ollama', 'qwen'), undefined);
    assert.equal(facts.get('other', 'qwen:7b'), undefined);
  });

  it("adopt takes one provider's facts and descriptions, not another's", async () => {
    const a = new Runtime('a');
    const b = new Runtime('ab');
    a.models = [installed('m')];
    b.models = [installed('m')];
    a.descriptions.set('m', QWEN);
    b.descriptions.set('m', QWEN);
    const old = new ModelFacts();
    await old.refresh(a);
    await old.refresh(b);
    const next = new ModelFacts();
    next.adopt(old, 'a');
    assert.deepEqual(
      next.installed('a').map((f) => f.id),
      ['a:m'],
    );
    assert.deepEqual(next.installed('ab'), []);
    await next.refresh(a);
    await next.refresh(b);
    assert.deepEqual([a.described.length, b.described.length], [1, 2], "a's description came along, ab's did not");
  });
});
