// What the view shows with nothing to read: what to fix when no model can answer, or a welcome.
import { h, icon } from '../dom';
import type { AllowedCommand, Availability, FromWebview } from '../protocol';
import type { ChatState } from '../state';

const MODE_WORDS: Record<Availability['mode'], string> = {
  auto: 'a local model when this machine can serve the question, a cloud model otherwise',
  'local-only': 'only models on this machine; nothing goes to the cloud',
  'cloud-only': 'cloud models only',
};

const ACTIONS: ReadonlyArray<{ id: string; command: AllowedCommand; icon: string; label: string }> = [
  { id: 'action-set-api-key', command: 'oblix.setApiKey', icon: 'key', label: 'Set API Key' },
  { id: 'action-switch-mode', command: 'oblix.switchMode', icon: 'settings-gear', label: 'Switch Mode' },
  { id: 'action-show-log', command: 'oblix.showLog', icon: 'output', label: 'Show Log' },
];

export class EmptyStates {
  readonly el: HTMLElement;
  private readonly unavailable: HTMLElement;
  private readonly problems: HTMLUListElement;
  private readonly unavailableMode: HTMLElement;
  private readonly welcome: HTMLElement;
  private readonly welcomeMode: HTMLElement;
  private readonly welcomeModeWords: HTMLElement;
  private problemsKey = '';

  constructor(post: (message: FromWebview) => void) {
    this.problems = h('ul', { class: 'problems', id: 'availability-problems', 'data-testid': 'availability-problems' });
    this.unavailableMode = h('span', { class: 'mode-name' });
    const buttons = ACTIONS.map((a) => {
      const button = h('button', { type: 'button', class: 'button', id: a.id, 'data-testid': a.id, 'aria-label': a.label }, icon(a.icon), h('span', {}, a.label));
      button.addEventListener('click', () => post({ type: 'runCommand', command: a.command }));
      return button;
    });
    this.unavailable = h(
      'section',
      { class: 'empty-state empty-state-unavailable', id: 'empty-state-unavailable', 'data-testid': 'empty-state-unavailable', 'aria-labelledby': 'unavailable-title', hidden: true },
      icon('warning', 'empty-state-icon'),
      h('h2', { id: 'unavailable-title' }, 'No model can answer yet'),
      h('p', {}, 'Mode: ', this.unavailableMode, '. Fix one of these, then ask again:'),
      this.problems,
      h('div', { class: 'empty-state-actions' }, ...buttons),
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
    const key = JSON.stringify(availability.problems);
    if (key !== this.problemsKey) {
      this.problemsKey = key;
      const items = availability.problems.length > 0 ? availability.problems : ['Oblix found no model it can use.'];
      this.problems.replaceChildren(...items.map((p) => h('li', {}, p)));
    }
  }
}
