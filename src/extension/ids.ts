// Every id the extension shares with VS Code (commands, views, the participant, context keys) in one
// place: a typo here fails the type check instead of a command silently doing nothing. (State keys
// live in state.ts, next to the types of their values.) No vscode import, so the tested, editor-free
// modules can use it too.

/** The commands package.json contributes (test/extension/ids.test.ts keeps the two lists equal). */
export const COMMAND = {
  ask: 'oblix.ask',
  askSelection: 'oblix.askSelection',
  explain: 'oblix.explain',
  openChat: 'oblix.openChat',
  showMenu: 'oblix.showMenu',
  switchMode: 'oblix.switchMode',
  chooseDefaultModel: 'oblix.chooseDefaultModel',
  copyServerUrl: 'oblix.copyServerUrl',
  copyServerApiKey: 'oblix.copyServerApiKey',
  setApiKey: 'oblix.setApiKey',
  removeApiKey: 'oblix.removeApiKey',
  showLog: 'oblix.showLog',
  showUsage: 'oblix.showUsage',
  installOllama: 'oblix.installOllama',
  pullModel: 'oblix.pullModel',
  restartServer: 'oblix.restartServer',
  choosePort: 'oblix.choosePort',
  newSession: 'oblix.newSession',
  exportSession: 'oblix.exportSession',
  importSession: 'oblix.importSession',
  deleteSession: 'oblix.deleteSession',
} as const;

export type CommandId = (typeof COMMAND)[keyof typeof COMMAND];

/**
 * Renamed commands' old ids, still registered (not contributed, so not in the palette): a user's
 * keybinding or a `command:` link may name them.
 */
export const COMMAND_ALIASES: Readonly<Record<string, CommandId>> = {
  'oblix.copyEndpoint': COMMAND.copyServerUrl,
};

export const CHAT_VIEW_ID = 'oblix.chat';
export const PARTICIPANT_ID = 'oblix.participant';
/** The vendor of the models Oblix offers to the Language Model API. */
export const VENDOR = 'oblix';

/** `when`-clause context keys the walkthrough and menus read. */
export const CONTEXT_KEY = {
  localModelReady: 'oblix.localModelReady',
  cloudModelReady: 'oblix.cloudModelReady',
} as const;
