/**
 * What a flow is. A flow is one thing a user does in VS Code, as a list of checks. Add a feature's
 * flows as a new file `test/e2e/flows/NN-name.flow.ts` exporting `flows: Flow[]`; run.ts finds it.
 */
import type { Harness } from './harness';

export interface FlowContext {
  h: Harness;
  /**
   * Runs one named check. A thrown error (or a failed `expect`) fails it; a screenshot is saved
   * then. Returns whether it passed, so later checks can be skipped when they depend on it.
   */
  check(name: string, fn: () => Promise<void>): Promise<boolean>;
  /** Prints a line under the current flow (what was seen, for the log). */
  note(message: string): void;
}

export interface Flow {
  name: string;
  /**
   * The folder the workbench opens (copied before use): a path, or a function that writes one and
   * returns its path. Default: test/e2e/workspace.
   */
  workspace?: string | (() => string);
  /** True when the flow needs the packaged extension installed (adsync-doctor.vsix). */
  needsExtension: boolean;
  /**
   * Opens the folder trusted (workspace trust off). Default: Restricted Mode, as for a user who has
   * not trusted the folder. Flows sharing a folder share the setting (any flow asking turns it off).
   */
  trustWorkspace?: boolean;
  /** Smoke flows check the harness itself; they run only with --smoke. */
  smoke?: boolean;
  /** Whole-flow time limit in ms (default 180 s). */
  timeoutMs?: number;
  run(ctx: FlowContext): Promise<void>;
}

/** Throws with a readable message unless `cond` holds. */
export function expect(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Shortens a text for a failure message. */
export function clip(s: string, n = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n)}…` : one;
}
