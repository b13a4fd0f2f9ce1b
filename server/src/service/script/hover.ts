/**
 * Hover text for ADSync cmdlets, their parameters, the ADSync modules and retired DirSync tooling.
 * Built only from the knowledge base: the script's own text never reaches the markdown.
 */
import type { Range } from 'vscode-languageserver-types';
import {
  FULL_PASSWORD_SYNC_RECIPE,
  OUTDATED_PARAMETERS,
  type CmdletInfo,
  type CmdletParameter,
  type ModuleInfo,
  type RetiredCommand,
} from '../knowledge/cmdlets';
import { canonicalCommandName, findCmdlet, findModule, findOutdatedParameter, findRetiredCommand, resolveParameter } from './catalog';
import type { ScriptContext } from './rule';

export interface ScriptHover {
  markdown: string;
  range: Range;
}

export function hoverAt(context: ScriptContext, offset: number): ScriptHover | null {
  const within = (start: number, end: number): boolean => offset >= start && offset < end;
  for (const command of context.script.commands) {
    if (within(command.nameStart, command.nameEnd)) {
      const cmdlet = findCmdlet(command.name);
      if (cmdlet) return { markdown: cmdletMarkdown(cmdlet), range: context.lines.range(command.nameStart, command.nameEnd) };
      const retired = findRetiredCommand(command.name);
      if (retired) return { markdown: retiredMarkdown(retired), range: context.lines.range(command.nameStart, command.nameEnd) };
      return null;
    }
    if (offset < command.nameStart || offset > command.end) continue;
    const cmdlet = findCmdlet(command.name);
    const canonical = canonicalCommandName(command.name).toLowerCase();
    for (const el of command.elements) {
      if (el.kind === 'parameter' && cmdlet && within(el.start, el.end)) {
        const range = context.lines.range(el.start, el.nameEnd);
        const match = resolveParameter(cmdlet, el.name);
        if (match.kind === 'cmdlet') return { markdown: parameterMarkdown(cmdlet, match.parameter), range };
        const outdated = findOutdatedParameter(cmdlet, el.name);
        if (match.kind === 'unknown' && outdated) {
          const current = cmdlet.parameters.find((p) => p.name === outdated.newName);
          const body = current ? `\n\n${parameterMarkdown(cmdlet, current)}` : '';
          return {
            markdown: `**-${outdated.oldName}** is the old name of **-${outdated.newName}** (${outdated.why}).${body}`,
            range,
          };
        }
        return null;
      }
      if (el.kind === 'argument' && within(el.start, el.end) && el.literal !== null) {
        if (canonical === 'import-module') {
          const module = findModule(el.literal.replace(/^.*[\\/]/, '').replace(/\.psd1$/i, ''));
          if (module) return { markdown: moduleMarkdown(module), range: context.lines.range(el.start, el.end) };
        }
        if (canonical === 'add-pssnapin') {
          const retired = findRetiredCommand(el.literal);
          if (retired) return { markdown: retiredMarkdown(retired), range: context.lines.range(el.start, el.end) };
        }
      }
    }
  }
  return null;
}

function typeText(p: CmdletParameter): string {
  if (p.values) return p.values.map((v) => `\`${v}\``).join(' \\| ');
  switch (p.type) {
    case 'bool':
      return '`$true` \\| `$false`';
    case 'switch':
      return 'switch';
    case 'connector':
      return 'connector name';
    case 'dn':
      return 'distinguished name';
    case 'timespan':
      return 'TimeSpan (`d.HH:mm:ss`)';
    case 'guid':
      return 'GUID';
    default:
      return p.type;
  }
}

function parameterLine(p: CmdletParameter): string {
  const traits = [typeText(p)];
  if (p.required) traits.push('required');
  if (p.position !== undefined) traits.push(`position ${p.position}`);
  if (p.sets) traits.push(`set ${p.sets.join(', ')}`);
  return `- \`-${p.name}\` — ${traits.join(' · ')}. ${p.description}`;
}

function example(code: string): string {
  return ['```powershell', code, '```'].join('\n');
}

function reference(url: string): string {
  return `[Microsoft Learn reference](${url})`;
}

export function cmdletMarkdown(cmdlet: CmdletInfo): string {
  const parts = [`**${cmdlet.name}** — module \`${cmdlet.module}\``, cmdlet.description];
  if (cmdlet.parameters.length > 0) {
    const heading = cmdlet.complete ? 'Parameters:' : 'Common parameters:';
    parts.push([heading, ...cmdlet.parameters.map(parameterLine)].join('\n'));
  } else {
    parts.push(cmdlet.complete ? 'No parameters of its own.' : 'Parameters are not listed here.');
  }
  for (const note of cmdlet.notes ?? []) parts.push(`> ${note}`);
  const outdated = OUTDATED_PARAMETERS.filter((o) => o.cmdlet === cmdlet.name);
  for (const o of outdated) parts.push(`Old scripts may write \`-${o.oldName}\`: use \`-${o.newName}\`.`);
  parts.push(example(cmdlet.example), reference(cmdlet.reference));
  return parts.join('\n\n');
}

export function parameterMarkdown(cmdlet: CmdletInfo, p: CmdletParameter): string {
  return [`**${cmdlet.name} -${p.name}**`, parameterLine(p).slice(2), example(cmdlet.example), reference(cmdlet.reference)].join(
    '\n\n',
  );
}

function moduleMarkdown(module: ModuleInfo): string {
  return [`**${module.name}** (PowerShell module)`, module.description, example(module.example), reference(module.reference)].join(
    '\n\n',
  );
}

function retiredMarkdown(retired: RetiredCommand): string {
  const parts = [`**${retired.name}** — retired DirSync ${retired.kind.replace('-', ' ')}`, `${retired.what}; Entra Connect does not have it.`];
  if (retired.replacement) {
    parts.push('Use instead:', example(retired.replacement));
    if (retired.replacementWithSwitch) {
      parts.push(`With -${retired.replacementWithSwitch.switchName}:`, example(retired.replacementWithSwitch.replacement));
    }
  } else {
    parts.push('The ADSync way to force a full password sync:', example(FULL_PASSWORD_SYNC_RECIPE.join('\n')));
  }
  parts.push(...retired.reference.map(reference));
  return parts.join('\n\n');
}
