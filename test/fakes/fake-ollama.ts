// Fake Ollama server speaking the real REST API (docs/api.md): NDJSON streaming, stream defaults to true.
import type * as http from 'node:http';
import { createHash } from 'node:crypto';
import { FakeServer, applyStop, arr, countPromptTokens, isRecord, num, splitTokens, str, type Json } from './fake-server';

export interface FakeOllamaModel {
  name: string;
  contextLength: number;
  capabilities: string[]; // e.g. ['completion', 'tools', 'vision', 'insert', 'embedding']
  loaded?: boolean;
  /** The Modelfile's num_ctx, shown in /api/show `parameters`. */
  numCtx?: number;
  /** The context it is loaded with (/api/ps `context_length`, often less than it can take); default contextLength. */
  loadedContext?: number;
  /** Size on disk (/api/tags `size`); default about 2 GB. */
  sizeBytes?: number;
  /** How long loading takes when the model is not loaded (real milliseconds); default `loading.ms`. */
  loadMs?: number;
  /** When a loaded model unloads, on the `loading.now` clock (keep_alive after its last request). */
  until?: number;
}

/** Ollama's keep_alive (a number of seconds or a Go duration such as "30m") in ms; negative: forever. */
function keepAliveMs(v: unknown, fallback: number): number {
  if (typeof v === 'number') return v < 0 ? Number.POSITIVE_INFINITY : v * 1000;
  if (typeof v !== 'string') return fallback;
  if (v.startsWith('-')) return Number.POSITIVE_INFINITY;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let ms = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(m[1]) * unit[m[2]!]!;
  return ms;
}

/** The roles Ollama's /api/chat accepts. */
const OLLAMA_ROLES = ['system', 'user', 'assistant', 'tool'];

/** Ollama resolves "llama3.2" to "llama3.2:latest". */
function withTag(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

export class FakeOllama extends FakeServer {
  models: FakeOllamaModel[] = [{ name: 'llama3.2:latest', contextLength: 131072, capabilities: ['completion', 'tools'] }];
  version = '0.12.0';
  /** /api/pull: how many progress lines the model layer sends, and the pause between them. */
  pull = { steps: 5, delayMs: 0, layerBytes: 1_000_000_000 };
  /** Names pulled to the end (a pull stopped part-way is not here). */
  readonly pulled: string[] = [];
  /**
   * Load time, as Ollama has it: a request for a model that is not loaded waits `ms` (real time, or
   * the model's own `loadMs`) and reports it as load_duration; a model unloads `keepAliveMs` after its
   * last request (or the request's keep_alive), on the `now` clock, which tests and benchmarks step.
   */
  loading = { ms: 0, keepAliveMs: 5 * 60_000, now: (): number => Date.now() };
  /** Models loaded by a request, in order; and every keep_alive requests sent (undefined when none). */
  readonly loads: string[] = [];
  readonly keepAlives: unknown[] = [];
  private readonly loadsUnderWay = new Map<FakeOllamaModel, Promise<void>>();

  constructor(name = 'fake-ollama') {
    super(name);
  }

  protected errorBody(_status: number, message: string): unknown {
    return { error: message };
  }

  private find(name: string | undefined): FakeOllamaModel | undefined {
    return name === undefined ? undefined : this.models.find((m) => withTag(m.name) === withTag(name));
  }

  private describe(m: FakeOllamaModel): Json {
    const digest = createHash('sha256').update(m.name).digest('hex');
    const family = m.name.split(/[:.\d]/)[0] || 'llama';
    return {
      name: m.name,
      model: m.name,
      modified_at: '2025-01-01T00:00:00.000000000Z',
      size: m.sizeBytes ?? 2019393189,
      digest,
      details: { parent_model: '', format: 'gguf', family, families: [family], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
    };
  }

  /** Models idle past their keep_alive are unloaded, as Ollama's scheduler does. */
  private expire(): void {
    const now = this.loading.now();
    for (const m of this.models) if (m.loaded && m.until !== undefined && now >= m.until) m.loaded = false;
  }

  /** Loads the model if it is not loaded (waiting its load time); resolves with load_duration in ns, or null when the client left. */
  private async load(res: http.ServerResponse, m: FakeOllamaModel, body: unknown): Promise<number | null> {
    const keep = isRecord(body) ? body.keep_alive : undefined;
    this.keepAlives.push(keep);
    let ns = 1_000_000; // a loaded model: about 1 ms, as Ollama reports
    if (!m.loaded) {
      // One load per model: a request that comes while it loads waits for the same load, as in Ollama.
      let load = this.loadsUnderWay.get(m);
      if (!load) {
        const ms = m.loadMs ?? this.loading.ms;
        load = new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => {
          m.loaded = true;
          this.loads.push(m.name);
          this.loadsUnderWay.delete(m);
        });
        this.loadsUnderWay.set(m, load);
        await load;
        ns = Math.max(ms, 1) * 1e6;
      } else {
        const waited = Date.now();
        await load;
        ns = Math.max(Date.now() - waited, 1) * 1e6;
      }
      if (this.gone(res)) return null;
    }
    m.until = this.loading.now() + keepAliveMs(keep, this.loading.keepAliveMs);
    return ns;
  }

  protected async route(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: unknown): Promise<boolean> {
    this.expire();
    const key = `${req.method ?? 'GET'} ${path}`;
    if (key === 'GET /' || key === 'HEAD /') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Ollama is running');
    } else if (key === 'GET /api/version') {
      this.sendJson(res, 200, { version: this.version });
    } else if (key === 'GET /api/tags') {
      this.sendJson(res, 200, { models: this.models.map((m) => this.describe(m)) });
    } else if (key === 'GET /api/ps') {
      const expires = (m: FakeOllamaModel): string => new Date(m.until !== undefined && Number.isFinite(m.until) ? m.until : Date.now() + 5 * 60_000).toISOString();
      const loaded = this.models.filter((m) => m.loaded);
      this.sendJson(res, 200, {
        models: loaded.map((m) => ({ ...this.describe(m), expires_at: expires(m), size_vram: m.sizeBytes ?? 2019393189, context_length: m.loadedContext ?? m.contextLength })),
      });
    } else if (key === 'POST /api/show') {
      this.show(res, body);
    } else if (key === 'POST /api/chat') {
      await this.chat(res, body);
    } else if (key === 'POST /api/generate') {
      await this.generate(res, body);
    } else if (key === 'POST /api/embed' || key === 'POST /api/embeddings') {
      await this.embed(res, body, key === 'POST /api/embeddings');
    } else if (key === 'POST /api/pull') {
      await this.pullModel(res, body);
    } else if (key === 'DELETE /api/delete') {
      const m = this.find(str(body, 'model') ?? str(body, 'name'));
      if (!m) return (this.sendError(res, 404, `model '${str(body, 'model') ?? ''}' not found`), true);
      this.models = this.models.filter((x) => x !== m);
      res.writeHead(200).end();
    } else {
      return false;
    }
    return true;
  }

  /** Ollama's pull stream: manifest, a layer's progress lines, verify, write, success; then the model is installed. */
  private async pullModel(res: http.ServerResponse, body: unknown): Promise<void> {
    const name = str(body, 'model') ?? str(body, 'name');
    if (!name) return this.sendError(res, 400, 'model is required');
    if (!(await this.applyFaults(res))) return;
    if (isRecord(body) && body.stream === false) {
      if (!this.find(name)) this.models.push({ name: withTag(name), contextLength: 32768, capabilities: ['completion'] });
      this.pulled.push(name);
      return this.sendJson(res, 200, { status: 'success' });
    }
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    const line = (obj: Json): void => void res.write(JSON.stringify(obj) + '\n');
    const digest = `sha256:${createHash('sha256').update(name).digest('hex')}`;
    const { steps, delayMs, layerBytes } = this.pull;
    line({ status: 'pulling manifest' });
    for (let i = 1; i <= steps; i++) {
      if (delayMs && !(await this.wait(res, delayMs))) return;
      if (this.gone(res)) return;
      line({ status: `pulling ${digest.slice(7, 19)}`, digest, total: layerBytes, completed: Math.round((layerBytes * i) / steps) });
    }
    for (const status of ['verifying sha256 digest', 'writing manifest', 'success']) line({ status });
    if (!this.find(name)) this.models.push({ name: withTag(name), contextLength: 32768, capabilities: ['completion'] });
    this.pulled.push(name);
    res.end();
  }

  private show(res: http.ServerResponse, body: unknown): void {
    const name = str(body, 'model') ?? str(body, 'name');
    const m = this.find(name);
    if (!m) return this.sendError(res, 404, `model '${name ?? ''}' not found`);
    const { details } = this.describe(m);
    this.sendJson(res, 200, {
      modelfile: `FROM ${m.name}\n`,
      parameters: `${m.numCtx !== undefined ? `num_ctx                        ${m.numCtx}\n` : ''}stop                           "<|eot_id|>"`,
      template: '{{ .Prompt }}',
      details,
      model_info: { 'general.architecture': 'llama', 'llama.context_length': m.contextLength },
      capabilities: m.capabilities,
      modified_at: '2025-01-01T00:00:00.000000000Z',
    });
  }

  /** /api/generate: `suffix` needs the `insert` capability; `raw: true` skips the template (this fake has none to apply). */
  private async generate(res: http.ServerResponse, body: unknown): Promise<void> {
    const model = str(body, 'model');
    const m = this.find(model);
    if (!m) return this.sendError(res, 404, `model "${model ?? ''}" not found, try pulling it first`);
    if (!m.capabilities.includes('completion')) return this.sendError(res, 400, `"${m.name}" does not support generate`);
    if ((str(body, 'prompt') ?? '') === '' && !str(body, 'suffix')) {
      // An empty prompt only loads the model (how clients pre-warm it): done at once, done_reason "load".
      const loadNs = await this.load(res, m, body);
      if (loadNs === null) return;
      return this.sendJson(res, 200, { model: m.name, created_at: new Date().toISOString(), response: '', done: true, done_reason: 'load', load_duration: loadNs });
    }
    if (str(body, 'suffix') && !m.capabilities.includes('insert')) return this.sendError(res, 400, `registry.ollama.ai/library/${m.name} does not support insert`);
    if (!(await this.applyFaults(res))) return;
    const loadNs = await this.load(res, m, body);
    if (loadNs === null) return;
    const stream = !isRecord(body) || body.stream !== false;
    const options = isRecord(body) ? body.options : undefined;
    let tokens = splitTokens(applyStop(this.reply, isRecord(options) ? options.stop : undefined).text);
    const limit = num(options, 'num_predict');
    const truncated = limit !== undefined && limit >= 0 && limit < tokens.length;
    if (truncated) tokens = tokens.slice(0, limit);
    const promptTokens = Math.max(1, Math.ceil(((str(body, 'prompt') ?? '').length + (str(body, 'suffix') ?? '').length) / 4));
    const final = (): Json => ({
      done: true,
      done_reason: truncated ? 'length' : 'stop',
      context: [1, 2, 3],
      total_duration: 1000 + loadNs,
      load_duration: loadNs,
      prompt_eval_count: promptTokens,
      prompt_eval_duration: 10,
      eval_count: tokens.length,
      eval_duration: 100,
    });
    if (!stream) return this.sendJson(res, 200, { model: m.name, created_at: new Date().toISOString(), response: tokens.join(''), ...final() });
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    const line = (obj: Json): void => void res.write(JSON.stringify(obj) + '\n');
    const steps = tokens.map((t) => () => line({ model: m.name, created_at: new Date().toISOString(), response: t, done: false }));
    if (!(await this.streamSteps(res, steps, (error) => line({ error })))) return;
    line({ model: m.name, created_at: new Date().toISOString(), response: '', ...final() });
    res.end();
  }

  /** /api/embed (`input`) and the older /api/embeddings (`prompt`): a deterministic vector per text, 4 numbers or `dimensions`. */
  private async embed(res: http.ServerResponse, body: unknown, legacy: boolean): Promise<void> {
    const model = str(body, 'model');
    const m = this.find(model);
    if (!m) return this.sendError(res, 404, `model "${model ?? ''}" not found, try pulling it first`);
    if (!m.capabilities.includes('embedding')) return this.sendError(res, 400, `"${m.name}" does not support embeddings`);
    if (!(await this.applyFaults(res))) return;
    const dims = num(body, 'dimensions') ?? 4;
    if (legacy) return this.sendJson(res, 200, { embedding: fakeVector(`${m.name}|${str(body, 'prompt') ?? ''}`, dims) });
    const input = isRecord(body) ? body.input : undefined;
    const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input.map(String) : [];
    const embeddings = texts.map((t) => fakeVector(`${m.name}|${t}`, dims));
    this.sendJson(res, 200, {
      model: m.name,
      embeddings,
      total_duration: 1000,
      load_duration: 10,
      prompt_eval_count: texts.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / 4)), 0),
    });
  }

  private async chat(res: http.ServerResponse, body: unknown): Promise<void> {
    const model = str(body, 'model');
    const m = this.find(model);
    if (!m) return this.sendError(res, 404, `model "${model ?? ''}" not found, try pulling it first`);
    const badRole = arr(body, 'messages')
      .map((x) => str(x, 'role'))
      .find((r) => !OLLAMA_ROLES.includes(r ?? ''));
    if (badRole !== undefined || arr(body, 'messages').some((x) => !isRecord(x) || (x.content !== undefined && typeof x.content !== 'string'))) {
      // Ollama's chat templates know these roles only, and content is a string (images ride beside it).
      return this.sendError(
        res,
        400,
        badRole !== undefined ? `invalid role: ${String(badRole)}` : 'json: cannot unmarshal array into Go struct field Message.messages.content of type string',
      );
    }
    if (arr(body, 'tools').length > 0 && !m.capabilities.includes('tools')) {
      return this.sendError(res, 400, `registry.ollama.ai/library/${m.name} does not support tools`);
    }
    if (!(await this.applyFaults(res))) return;
    const loadNs = await this.load(res, m, body); // a chat loads the model, as in real Ollama
    if (loadNs === null) return;

    const stream = !isRecord(body) || body.stream !== false; // absent => streaming
    const options = isRecord(body) ? body.options : undefined;
    const tool = this.toolCallFor(body);
    const stop = applyStop(this.reply, isRecord(options) ? options.stop : undefined);
    let tokens = tool ? [] : splitTokens(stop.text);
    const limit = num(options, 'num_predict');
    const truncated = limit !== undefined && limit >= 0 && limit < tokens.length;
    if (truncated) tokens = tokens.slice(0, limit);

    const started = Date.now();
    const createdAt = (): string => new Date().toISOString();
    const toolCalls = tool ? [{ function: { name: tool.name, arguments: tool.arguments } }] : undefined;
    const final = (): Json => {
      const ns = (Date.now() - started) * 1e6;
      return {
        done: true,
        done_reason: truncated ? 'length' : 'stop',
        total_duration: ns + loadNs,
        load_duration: loadNs,
        prompt_eval_count: countPromptTokens(arr(body, 'messages')),
        prompt_eval_duration: 1000,
        eval_count: tool ? 1 : tokens.length,
        eval_duration: ns,
      };
    };

    if (!stream) {
      const message = { role: 'assistant', content: tokens.join(''), ...(toolCalls ? { tool_calls: toolCalls } : {}) };
      return this.sendJson(res, 200, { model: m.name, created_at: createdAt(), message, ...final() });
    }

    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    const line = (obj: Json): void => void res.write(JSON.stringify(obj) + '\n');
    const chunk = (message: Json): void => line({ model: m.name, created_at: createdAt(), message, done: false });
    const steps = toolCalls ? [() => chunk({ role: 'assistant', content: '', tool_calls: toolCalls })] : tokens.map((t) => () => chunk({ role: 'assistant', content: t }));
    if (!(await this.streamSteps(res, steps, (error) => line({ error })))) return;
    line({ model: m.name, created_at: createdAt(), message: { role: 'assistant', content: '' }, ...final() });
    res.end();
  }
}

/** Deterministic, model-specific: the same text gives the same vector, another model another one. */
export function fakeVector(text: string, dims: number): number[] {
  const h = createHash('sha256').update(text).digest();
  return Array.from({ length: dims }, (_, i) => (h[i % h.length]! - 128) / 128);
}
