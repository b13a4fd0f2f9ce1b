/**
 * `script/dirsync-retired`: DirSync-era commands, console file and snap-in that do not exist on an
 * Entra Connect server, each pointed at its ADSync equivalent.
 */
import { FULL_PASSWORD_SYNC_RECIPE, RETIRED_COMMANDS, type RetiredCommand } from '../../knowledge/cmdlets';
import { canonicalCommandName, findRetiredCommand } from '../catalog';
import type { ScriptCommand } from '../commands';
import { makeFinding, replaceEdit, type RuleFinding, type ScriptContext, type ScriptQuickFix, type ScriptRule } from '../rule';

const CONSOLE_FILE = RETIRED_COMMANDS.find((r) => r.kind === 'console-file') as RetiredCommand;
const SNAP_IN = RETIRED_COMMANDS.find((r) => r.kind === 'snap-in') as RetiredCommand;
const CONSOLE_FILE_PATTERN = /dirsyncconfigshell\.psc1/i;

export const dirsyncRetiredRule: ScriptRule = {
  id: 'script/dirsync-retired',
  severity: 'warning',
  check(commands, context) {
    const out: RuleFinding[] = [];
    const report = (retired: RetiredCommand, start: number, end: number, fixes: ScriptQuickFix[]): void => {
      const instead = retired.replacement
        ? `use ${retired.replacement}`
        : 'force a full password sync with the ADSync recipe (ForceFullPasswordSync on the AD connector, then Set-ADSyncAADPasswordSyncConfiguration off and on)';
      out.push(
        makeFinding(
          context,
          this,
          `${retired.name} is retired DirSync tooling (${retired.what}) that Entra Connect no longer has; ${instead}.`,
          start,
          end,
          retired.reference,
          fixes,
        ),
      );
    };

    for (const command of commands) {
      const retired = findRetiredCommand(command.name);
      if (retired && retired.kind === 'command') {
        report(retired, command.nameStart, command.nameEnd, commandFixes(command, retired, context));
        continue;
      }
      if (CONSOLE_FILE_PATTERN.test(command.name)) {
        report(CONSOLE_FILE, command.nameStart, command.nameEnd, []);
        continue;
      }
      const canonical = canonicalCommandName(command.name).toLowerCase();
      for (const el of command.elements) {
        const arg = el.kind === 'argument' ? el : el.kind === 'parameter' ? el.colonArgument : null;
        if (!arg || !isPlainText(arg.first, arg.last, context)) continue;
        const raw = context.script.text.slice(arg.start, arg.end);
        if (CONSOLE_FILE_PATTERN.test(raw)) {
          report(CONSOLE_FILE, arg.start, arg.end, wholeCommandFix(command, context, isConsoleLaunch(command)));
        } else if (canonical === 'add-pssnapin' && arg.literal?.toLowerCase() === SNAP_IN.name.toLowerCase()) {
          report(SNAP_IN, arg.start, arg.end, wholeCommandFix(command, context, command.elements.length === 1));
        }
      }
    }
    return out;
  },
};

/** Arguments made only of strings and barewords (a script block holding the text is searched on its own). */
function isPlainText(first: number, last: number, context: ScriptContext): boolean {
  for (let k = first; k < last; k++) {
    const kind = context.script.tokens[k].kind;
    if (kind !== 'string' && kind !== 'word') return false;
  }
  return true;
}

/** `powershell.exe -PSConsoleFile …\DirSyncConfigShell.psc1` with nothing else that matters. */
function isConsoleLaunch(command: ScriptCommand): boolean {
  if (!/^(?:powershell|pwsh)(?:\.exe)?$/i.test(canonicalCommandName(command.name).replace(/^.*[\\/]/, ''))) return false;
  return command.elements.every(
    (el) =>
      el.kind === 'argument' ||
      (el.kind === 'parameter' && /^(?:psconsolefile|noexit|nologo|noprofile)$/i.test(el.name)),
  );
}

function wholeCommandFix(command: ScriptCommand, context: ScriptContext, applicable: boolean): ScriptQuickFix[] {
  if (!applicable || command.pipelineIndex > 0 || command.invocation !== 'bare') return [];
  return [
    { title: 'Replace with Import-Module ADSync', edits: [replaceEdit(context, command.nameStart, command.end, 'Import-Module ADSync')], isPreferred: true },
  ];
}

function commandFixes(command: ScriptCommand, retired: RetiredCommand, context: ScriptContext): ScriptQuickFix[] {
  const text = context.script.text;
  if (retired.replacement) {
    const switchName = retired.replacementWithSwitch?.switchName.toLowerCase();
    const usesSwitch = command.elements.some((el) => el.kind === 'parameter' && el.name.toLowerCase() === switchName);
    const onlySwitch = command.elements.every((el) => el.kind === 'parameter' && el.name.toLowerCase() === switchName && !el.colon);
    if (!onlySwitch) return [];
    const replacement = usesSwitch && retired.replacementWithSwitch ? retired.replacementWithSwitch.replacement : retired.replacement;
    return [
      { title: `Replace with ${replacement}`, edits: [replaceEdit(context, command.nameStart, command.end, replacement)], isPreferred: true },
    ];
  }
  // No one-line equivalent: offer the multi-line recipe only when the command stands alone on its line.
  if (command.elements.length > 0 || command.invocation !== 'bare' || command.pipelineIndex > 0) return [];
  const lineStart = text.lastIndexOf('\n', command.nameStart - 1) + 1;
  const indent = text.slice(lineStart, command.nameStart);
  if (!/^[ \t]*$/.test(indent)) return [];
  const rest = text.slice(command.end, command.stop);
  if (!/^[ \t]*$/.test(rest) && !/^[ \t]*#/.test(rest)) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const recipe = FULL_PASSWORD_SYNC_RECIPE.join(eol + indent);
  return [{ title: 'Replace with the ADSync full password sync recipe', edits: [replaceEdit(context, command.nameStart, command.end, recipe)] }];
}
