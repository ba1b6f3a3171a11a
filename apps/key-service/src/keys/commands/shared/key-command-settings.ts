/** Settings the command handlers share, provided by the app from its config. */
export interface KeyCommandSettings {
  /** How long a command waits for the read model before answering "accepted, pending". */
  readYourWritesTimeoutMs: number;
}

export const KEY_COMMAND_SETTINGS = 'KEY_COMMAND_SETTINGS';
