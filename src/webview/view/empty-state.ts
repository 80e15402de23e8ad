// What the view shows with nothing to read: a short guided path when no model can answer (install
// Ollama, pull a model, or add a cloud key), or a welcome.
import { h, icon } from '../dom';
import type { AllowedCommand, Availability, FromWebview } from '../protocol';
import type { ChatState } from '../state';

const MODE_WORDS: Record<Availability['mode'], string> = {
  auto: 'a local model when this machine can serve the question, a cloud model otherwise',
  'local-only': 'only models on this machine; nothing goes to the cloud',
  'cloud-only': 'cloud models only',
};

interface Action {
  id: string;
  command: AllowedCommand;
  icon: string;
  label: string;
}

/** The three ways forward, in the order a new user takes them. */
const STEPS: ReadonlyArray<{ title: string; text: string; action: Action; local: boolean }> = [
  {
    title: 'Install Ollama',
    text: 'Runs models on this machine: free, private, offline.',
    action: { id: 'action-install-ollama', command: 'oblix.installOllama', icon: 'desktop-download', label: 'Install Ollama' },
    local: true,
  },
  {
    title: 'Pull a model',
    text: 'With Ollama running, download a model sized for this machine.',
    action: { id: 'action-pull-model', command: 'oblix.pullModel', icon: 'cloud-download', label: 'Pull a Model…' },
    local: true,
  },
  {
    title: 'Or use a cloud model',
    text: 'Add an OpenAI or Anthropic API key.',
    action: { id: 'action-set-api-key', command: 'oblix.setApiKey', icon: 'key', label: 'Set API Key' },
    local: false,
  },
];

const SECONDARY: ReadonlyArray<Action> = [
  { id: 'action-switch-mode', command: 'oblix.switchMode', icon: 'settings-gear', label: 'Switch Mode' },
  { id: 'action-show-log', command: 'oblix.showLog', icon: 'output', label: 'Show Log' },
];

export class EmptyStates {
  readonly el: HTMLElement;
  private readonly unavailable: HTMLElement;
  private readonly problems: HTMLUListElement;
  private readonly unavailableMode: HTMLElement;
  private readonly steps: HTMLElement[];
  private readonly welcome: HTMLElement;
  private readonly welcomeMode: HTMLElement;
  private readonly welcomeModeWords: HTMLElement;
  private problemsKey = '';

  constructor(post: (message: FromWebview) => void) {
    const button = (a: Action, secondary: boolean): HTMLButtonElement => {
      const b = h('button', { type: 'button', class: secondary ? 'button button-secondary' : 'button', id: a.id, 'data-testid': a.id }, icon(a.icon), h('span', {}, a.label));
      b.addEventListener('click', () => post({ type: 'runCommand', command: a.command }));
      return b;
    };
    this.problems = h('ul', { class: 'problems', id: 'availability-problems', 'data-testid': 'availability-problems' });
    this.unavailableMode = h('span', { class: 'mode-name' });
    this.steps = STEPS.map((step, i) =>
      h(
        'li',
        { class: 'step', 'data-local': String(step.local) },
        h('div', { class: 'step-title' }, step.title),
        h('div', { class: 'step-text' }, step.text),
        button(step.action, i > 0),
      ),
    );
    this.unavailable = h(
      'section',
      {
        class: 'empty-state empty-state-unavailable',
        id: 'empty-state-unavailable',
        'data-testid': 'empty-state-unavailable',
        'aria-labelledby': 'unavailable-title',
        hidden: true,
      },
      h('h2', { id: 'unavailable-title' }, icon('rocket', 'empty-state-icon'), h('span', {}, 'Get a model to answer')),
      h('ol', { class: 'steps', 'data-testid': 'setup-steps' }, ...this.steps),
      h(
        'details',
        { class: 'setup-details', 'data-testid': 'setup-details' },
        h('summary', {}, 'What Oblix found'),
        this.problems,
        h('p', { class: 'setup-mode' }, 'Mode: ', this.unavailableMode),
        h('div', { class: 'empty-state-actions' }, ...SECONDARY.map((a) => button(a, true))),
      ),
    );

    this.welcomeMode = h('span', { class: 'mode-name', 'data-testid': 'welcome-mode' });
    this.welcomeModeWords = h('span', {});
    this.welcome = h(
      'section',
      { class: 'empty-state empty-state-welcome', id: 'empty-state-welcome', 'data-testid': 'empty-state-welcome', 'aria-labelledby': 'welcome-title', hidden: true },
      icon('comment-discussion', 'empty-state-icon'),
      h('h2', { id: 'welcome-title' }, 'Ask anything…'),
      h('p', {}, 'Mode: ', this.welcomeMode, ' — ', this.welcomeModeWords, '.'),
      h('p', { class: 'hint' }, 'Enter sends, Shift+Enter starts a new line.'),
    );
    this.el = h('div', { class: 'empty-states' }, this.unavailable, this.welcome);
  }

  update(state: ChatState): void {
    const { availability } = state;
    const showUnavailable = state.loaded && !availability.canAnswer;
    this.unavailable.hidden = !showUnavailable;
    this.welcome.hidden = !state.loaded || !availability.canAnswer || state.entries.length > 0;
    this.unavailableMode.textContent = availability.mode;
    this.welcomeMode.textContent = availability.mode;
    this.welcomeModeWords.textContent = MODE_WORDS[availability.mode] ?? '';
    // Cloud-only mode has no use for Ollama; local-only none for a cloud key.
    STEPS.forEach((step, i) => {
      const el = this.steps[i];
      if (el) el.hidden = step.local ? availability.mode === 'cloud-only' : availability.mode === 'local-only';
    });
    const key = JSON.stringify(availability.problems);
    if (key !== this.problemsKey) {
      this.problemsKey = key;
      const items = availability.problems.length > 0 ? availability.problems : ['Oblix found no model it can use.'];
      this.problems.replaceChildren(...items.map((p) => h('li', {}, p)));
    }
  }
}
