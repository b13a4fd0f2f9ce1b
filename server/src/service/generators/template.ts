/** A script ADSync Doctor writes for the user: opened in an editor, never run by the extension. */
export type ScriptId = 'initialSync' | 'deltaSync' | 'fullPasswordSync' | 'checkUserPasswordSync' | 'scheduler' | 'collectLogs';

export interface ScriptArgs {
  /** A user's distinguished name taken from a log (quoted safely by the template). */
  dn?: string;
  /** How many days of log to collect (whole days, clamped by the template). */
  days?: number;
}

export interface ScriptTemplate {
  id: ScriptId;
  title: string;
  /** The palette command that opens it (category "ADSync"). */
  command: string;
  body(args?: ScriptArgs): string;
}
