/**
 * Lookups over the cmdlet knowledge and PowerShell's parameter binding rules as far as the script
 * rules need them: case-insensitive names, unique-prefix parameters, common parameters, positional
 * slots per parameter set.
 */
import {
  CMDLETS,
  COMMON_PARAMETERS,
  MODULES,
  OUTDATED_PARAMETERS,
  RETIRED_COMMANDS,
  type CmdletInfo,
  type CmdletParameter,
  type ModuleInfo,
  type OutdatedParameter,
  type RetiredCommand,
} from '../knowledge/cmdlets';
import type { ScriptArgument, ScriptCommand, ScriptParameter } from './commands';

const byName = new Map(CMDLETS.map((c) => [c.name.toLowerCase(), c]));
const retiredByName = new Map(RETIRED_COMMANDS.map((r) => [r.name.toLowerCase(), r]));
const modulesByName = new Map(MODULES.map((m) => [m.name.toLowerCase(), m]));

/** Built-in aliases the rules care about. */
const ALIASES: Record<string, string> = {
  '%': 'ForEach-Object',
  foreach: 'ForEach-Object',
  '?': 'Where-Object',
  where: 'Where-Object',
  ipmo: 'Import-Module',
};

/** The command name without a module qualifier (`ADSync\Start-ADSyncSyncCycle`) and with aliases resolved. */
export function canonicalCommandName(name: string): string {
  const bare = name.replace(/^[\w.]+\\(?=[^\\]+$)/, '');
  return ALIASES[bare.toLowerCase()] ?? bare;
}

export function findCmdlet(name: string): CmdletInfo | undefined {
  return byName.get(canonicalCommandName(name).toLowerCase());
}

export function findRetiredCommand(name: string): RetiredCommand | undefined {
  return retiredByName.get(canonicalCommandName(name).toLowerCase());
}

export function findModule(name: string): ModuleInfo | undefined {
  return modulesByName.get(name.toLowerCase());
}

export function findOutdatedParameter(cmdlet: CmdletInfo, written: string): OutdatedParameter | undefined {
  const w = written.toLowerCase();
  if (w.length < 3) return undefined;
  return OUTDATED_PARAMETERS.find(
    (o) =>
      o.cmdlet.toLowerCase() === cmdlet.name.toLowerCase() &&
      o.oldName.toLowerCase().startsWith(w) &&
      // A prefix the current parameters also share still binds to the current parameter.
      !cmdlet.parameters.some((p) => p.name.toLowerCase().startsWith(w)),
  );
}

export type ParameterMatch =
  | { kind: 'cmdlet'; parameter: CmdletParameter }
  | { kind: 'common'; name: string; switch: boolean }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unknown' };

/** Resolves a written parameter name the way PowerShell binds it (exact, then unique prefix). */
export function resolveParameter(cmdlet: CmdletInfo, written: string): ParameterMatch {
  const w = written.toLowerCase();
  if (!w) return { kind: 'unknown' };
  const exact = cmdlet.parameters.find((p) => p.name.toLowerCase() === w);
  if (exact) return { kind: 'cmdlet', parameter: exact };
  const common = COMMON_PARAMETERS.find((c) => c.name.toLowerCase() === w || c.aliases.includes(w));
  if (common) return { kind: 'common', name: common.name, switch: common.switch };
  const prefixed = cmdlet.parameters.filter((p) => p.name.toLowerCase().startsWith(w));
  // When a prefix fits one cmdlet parameter and some common ones, PowerShell takes the cmdlet's.
  if (prefixed.length === 1) return { kind: 'cmdlet', parameter: prefixed[0] };
  if (prefixed.length > 1) return { kind: 'ambiguous', candidates: prefixed.map((p) => p.name) };
  const commonPrefixed = COMMON_PARAMETERS.find((c) => c.name.toLowerCase().startsWith(w));
  if (commonPrefixed) return { kind: 'common', name: commonPrefixed.name, switch: commonPrefixed.switch };
  return { kind: 'unknown' };
}

export interface BoundParameter {
  parameter: CmdletParameter;
  /** The `-Name` element, or null when the value was bound by position. */
  element: ScriptParameter | null;
  argument: ScriptArgument | null;
}

export interface Binding {
  cmdlet: CmdletInfo;
  /** Bound parameters by lower-case canonical name. */
  bound: Map<string, BoundParameter>;
  unknown: ScriptParameter[];
  ambiguous: { element: ScriptParameter; candidates: string[] }[];
  /** Alternatives of missing mandatory parameters (one list per closest parameter set); empty when satisfied. */
  missing: string[][];
  /** Positional arguments no slot took. */
  extraPositional: ScriptArgument[];
}

/** Binds a command's elements to the cmdlet's parameters. */
export function bindCommand(command: ScriptCommand, cmdlet: CmdletInfo): Binding {
  const named = new Map<string, BoundParameter>();
  const unknown: ScriptParameter[] = [];
  const ambiguous: { element: ScriptParameter; candidates: string[] }[] = [];
  const positional: ScriptArgument[] = [];
  const els = command.elements;
  for (let k = 0; k < els.length; k++) {
    const el = els[k];
    if (el.kind === 'argument') {
      positional.push(el);
      continue;
    }
    if (el.kind === 'splat') continue;
    const match = resolveParameter(cmdlet, el.name);
    const takesValue =
      match.kind === 'cmdlet' ? match.parameter.type !== 'switch' : match.kind === 'common' ? !match.switch : true;
    let argument = el.colonArgument;
    if (!el.colon && takesValue && els[k + 1]?.kind === 'argument') {
      argument = els[k + 1] as ScriptArgument;
      k++;
    }
    if (match.kind === 'cmdlet') named.set(match.parameter.name.toLowerCase(), { parameter: match.parameter, element: el, argument });
    else if (match.kind === 'ambiguous') ambiguous.push({ element: el, candidates: match.candidates });
    else if (match.kind === 'unknown') unknown.push(el);
  }

  const sets = cmdlet.parameterSets && cmdlet.parameterSets.length > 0 ? cmdlet.parameterSets : [null];
  type Trial = { bound: Map<string, BoundParameter>; missing: string[]; extra: ScriptArgument[] };
  const trials: Trial[] = [];
  for (const set of sets) {
    const inSet = (p: CmdletParameter): boolean => set === null || !p.sets || p.sets.includes(set);
    if ([...named.values()].some((b) => !inSet(b.parameter))) continue;
    const bound = new Map(named);
    const slots = cmdlet.parameters
      .filter((p) => inSet(p) && p.position !== undefined && !bound.has(p.name.toLowerCase()))
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    const extra: ScriptArgument[] = [];
    positional.forEach((arg, idx) => {
      const slot = slots[idx];
      if (slot) bound.set(slot.name.toLowerCase(), { parameter: slot, element: null, argument: arg });
      else extra.push(arg);
    });
    const missing = cmdlet.parameters
      .filter((p) => inSet(p) && p.required && !bound.has(p.name.toLowerCase()))
      .map((p) => p.name);
    trials.push({ bound, missing, extra });
  }

  if (trials.length === 0) {
    // Named parameters from sets that exclude each other: PowerShell reports that itself.
    return { cmdlet, bound: named, unknown, ambiguous, missing: [], extraPositional: [] };
  }
  const satisfied = trials.find((t) => t.missing.length === 0);
  if (satisfied) {
    return { cmdlet, bound: satisfied.bound, unknown, ambiguous, missing: [], extraPositional: satisfied.extra };
  }
  const fewest = Math.min(...trials.map((t) => t.missing.length));
  const closest = trials.filter((t) => t.missing.length === fewest);
  const alternatives: string[][] = [];
  for (const t of closest) {
    const key = t.missing.join(',');
    if (!alternatives.some((a) => a.join(',') === key)) alternatives.push(t.missing);
  }
  return { cmdlet, bound: closest[0].bound, unknown, ambiguous, missing: alternatives, extraPositional: closest[0].extra };
}

/** Optimal-string-alignment distance (case-insensitive), inputs capped so hostile tokens stay cheap. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase().slice(0, 64);
  const t = b.toLowerCase().slice(0, 64);
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    rows.push(new Array<number>(t.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= t.length; j++) rows[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[s.length][t.length];
}

/** The closest name to `written`, when it is close enough to be a likely typo (or a unique part of one). */
export function closestName(written: string, names: readonly string[]): string | undefined {
  if (!written || names.length === 0) return undefined;
  const w = written.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(w, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(Math.min(w.length, 64) / 3));
  if (best !== undefined && bestDistance <= allowed) return best;
  // `-Type` for `-PolicyType`: a part of exactly one name.
  if (w.length >= 4) {
    const containing = names.filter((n) => n.toLowerCase().includes(w));
    if (containing.length === 1) return containing[0];
  }
  return undefined;
}
