/** The generated scripts: one file each; this registry is the only list. */
import { checkUserPasswordSync } from './checkUserPasswordSync';
import { deltaSync } from './deltaSync';
import { fullPasswordSync } from './fullPasswordSync';
import { initialSync } from './initialSync';
import { logCollection } from './logCollection';
import { scheduler } from './scheduler';
import type { ScriptArgs, ScriptId, ScriptTemplate } from './template';

export type { ScriptArgs, ScriptId, ScriptTemplate } from './template';

export const scripts: readonly ScriptTemplate[] = [initialSync, deltaSync, fullPasswordSync, checkUserPasswordSync, scheduler, logCollection];

export function renderScript(id: ScriptId, args?: ScriptArgs): string {
  const template = scripts.find((s) => s.id === id);
  if (!template) throw new Error(`unknown script ${id}`);
  return template.body(args);
}
