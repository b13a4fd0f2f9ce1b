/**
 * Splits tokenized PowerShell into commands with their parameters and arguments, the way the
 * PowerShell parser would see them in command mode: statements end at newlines and `;`, pipelines
 * chain with `|` (also across lines), and the insides of `( )`, `$( )`, `@( )`, `{ }` and `@{ }` are
 * searched for further commands. Knows nothing of ADSync; never throws.
 */
import { tokenize, type Token } from './tokenize';

export interface ScriptArgument {
  kind: 'argument';
  start: number;
  end: number;
  /** Token index range [first, last). */
  first: number;
  last: number;
  /** The value when the argument is one bareword or one string without `$`/backtick expansion. */
  literal: string | null;
  /** Where the literal's characters are (inside the quotes for a string). */
  literalStart: number;
  literalEnd: number;
  quoted: boolean;
  /** The variable's name when the argument is exactly one variable, e.g. `false` for `$false`. */
  variable: string | null;
  /** Token index of the `{` when the argument is exactly one script block. */
  scriptBlock: number | null;
}

export interface ScriptParameter {
  kind: 'parameter';
  /** The name as written, without dash or colon. */
  name: string;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  colon: boolean;
  /** The value written after `-Name:`. */
  colonArgument: ScriptArgument | null;
}

export interface ScriptSplat {
  kind: 'splat';
  name: string;
  start: number;
  end: number;
}

export type ScriptElement = ScriptArgument | ScriptParameter | ScriptSplat;

/** What feeds a command from the left of a `|`. */
export type PipelineInput =
  | { kind: 'command'; command: ScriptCommand }
  | { kind: 'expression'; commandNames: string[] };

export interface ScriptCommand {
  /** The name as written (quotes removed, backtick escapes undone, module qualifier kept). */
  name: string;
  nameStart: number;
  nameEnd: number;
  invocation: 'bare' | 'call' | 'dot';
  elements: ScriptElement[];
  hasSplat: boolean;
  /** `--%` stops PowerShell from parsing the rest of the line. */
  stopParsing: boolean;
  pipelineId: number;
  /** 0 for the first element of a pipeline. */
  pipelineIndex: number;
  input: PipelineInput | null;
  /** End of the last element (or of the name). */
  end: number;
  /** Where the statement stops (the terminator's offset), for cursor lookups. */
  stop: number;
}

export interface ParsedScript {
  text: string;
  tokens: Token[];
  comments: { start: number; end: number }[];
  /** Every command found, in source order of their names. */
  commands: ScriptCommand[];
}

/** Groups nested deeper than this are not searched (keeps recursion bounded on hostile input). */
const MAX_DEPTH = 100;

const KEYWORDS = new Set([
  'begin', 'break', 'catch', 'class', 'configuration', 'continue', 'data', 'do', 'dynamicparam', 'else',
  'elseif', 'end', 'enum', 'exit', 'filter', 'finally', 'for', 'foreach', 'function', 'hidden', 'if',
  'in', 'inlinescript', 'parallel', 'param', 'process', 'return', 'sequence', 'static', 'switch',
  'throw', 'trap', 'try', 'until', 'using', 'while', 'workflow',
]);
/** Keywords followed by a name that is not a command. */
const NAMING_KEYWORDS = new Set(['function', 'filter', 'workflow', 'configuration', 'class', 'enum']);
/** Keywords whose operand is a pipeline. */
const PIPELINE_KEYWORDS = new Set(['return', 'throw', 'exit']);

export function parseScript(text: string): ParsedScript {
  const { tokens, comments } = tokenize(text);
  const parser = new Parser(text, tokens);
  parser.block(0, tokens.length, 0, false);
  parser.commands.sort((a, b) => a.nameStart - b.nameStart);
  return { text, tokens, comments, commands: parser.commands };
}

export function isKeyword(word: string): boolean {
  return KEYWORDS.has(word.toLowerCase());
}

const isBreak = (t: Token): boolean =>
  t.kind === 'newline' || t.kind === 'separator' || t.kind === 'pipe' || t.kind === 'close';

class Parser {
  readonly commands: ScriptCommand[] = [];
  private pipelineSeq = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  /** Statements in tokens [lo, hi). */
  block(lo: number, hi: number, depth: number, hashtable: boolean): void {
    let i = lo;
    while (i < hi) {
      const t = this.tokens[i];
      if (t.kind === 'newline' || t.kind === 'separator' || t.kind === 'comma' || t.kind === 'close') {
        i++;
        continue;
      }
      const before = i;
      i = hashtable ? this.hashEntry(i, hi, depth) : this.statement(i, hi, depth);
      if (i <= before) i = before + 1;
    }
  }

  /** `key = value` inside @{ }: the key is not a command, the value is a pipeline. */
  private hashEntry(i: number, hi: number, depth: number): number {
    while (i < hi) {
      const t = this.tokens[i];
      if (t.kind === 'newline' || t.kind === 'separator' || t.kind === 'close') return i;
      if (t.kind === 'assign') return this.statement(this.skipNewlines(i + 1, hi), hi, depth);
      if (t.kind === 'open') {
        i = this.group(i, hi, depth);
        continue;
      }
      i++;
    }
    return i;
  }

  private statement(i: number, hi: number, depth: number): number {
    if (i >= hi) return i;
    const t = this.tokens[i];
    if (t.kind === 'word' && KEYWORDS.has(t.value.toLowerCase())) return this.keywordStatement(i, hi, depth);
    return this.pipeline(i, hi, depth);
  }

  private keywordStatement(i: number, hi: number, depth: number): number {
    const keyword = this.tokens[i].value.toLowerCase();
    i++;
    if (PIPELINE_KEYWORDS.has(keyword)) {
      return i < hi && !isBreak(this.tokens[i]) ? this.statement(i, hi, depth) : i;
    }
    if (keyword === 'using') {
      while (i < hi && this.tokens[i].kind !== 'newline' && this.tokens[i].kind !== 'separator') i++;
      return i;
    }
    if (NAMING_KEYWORDS.has(keyword) && i < hi && this.tokens[i].kind === 'word') i++;
    if ((keyword === 'break' || keyword === 'continue') && i < hi && this.tokens[i].kind === 'word') i++;
    // The rest of the line: conditions and bodies are searched, other words are syntax.
    while (i < hi) {
      const t = this.tokens[i];
      if (t.kind === 'newline' || t.kind === 'separator' || t.kind === 'close') return i;
      if (t.kind === 'open') {
        i = this.group(i, hi, depth);
        continue;
      }
      if (t.kind === 'assign') return this.statement(this.skipNewlines(i + 1, hi), hi, depth);
      i++;
    }
    return i;
  }

  private pipeline(i: number, hi: number, depth: number): number {
    const id = this.pipelineSeq++;
    let index = 0;
    let input: PipelineInput | null = null;
    while (i < hi) {
      const r = this.element(i, hi, depth, id, index, input);
      i = r.end;
      let j = i;
      if (j < hi && this.tokens[j].kind === 'pipe') j++;
      else if (j < hi && this.tokens[j].kind === 'newline') {
        // PowerShell 7 lets a pipeline continue on a line that starts with '|'.
        const k = this.skipNewlines(j, hi);
        if (k < hi && this.tokens[k].kind === 'pipe') j = k + 1;
        else return i;
      } else return i;
      i = this.skipNewlines(j, hi);
      index++;
      input = r.produced;
    }
    return i;
  }

  private element(
    i: number,
    hi: number,
    depth: number,
    pipelineId: number,
    pipelineIndex: number,
    input: PipelineInput | null,
  ): { end: number; produced: PipelineInput } {
    const t = this.tokens[i];
    const next = i + 1 < hi ? this.tokens[i + 1] : undefined;
    if (t.kind === 'call' || (t.kind === 'word' && t.value === '.' && next?.spaceBefore)) {
      if (next && (next.kind === 'word' || next.kind === 'string')) {
        return this.command(i + 1, hi, depth, t.kind === 'call' ? 'call' : 'dot', pipelineId, pipelineIndex, input);
      }
      return this.expression(i + 1, hi, depth);
    }
    if (t.kind === 'word' && !/^[\d.]/.test(t.value)) {
      return this.command(i, hi, depth, 'bare', pipelineId, pipelineIndex, input);
    }
    return this.expression(i, hi, depth);
  }

  private expression(i: number, hi: number, depth: number): { end: number; produced: PipelineInput } {
    const firstCommand = this.commands.length;
    const produced = (): PipelineInput => ({
      kind: 'expression',
      commandNames: this.commands.slice(firstCommand).map((c) => c.name),
    });
    while (i < hi) {
      const t = this.tokens[i];
      if (isBreak(t)) break;
      if (t.kind === 'assign') {
        const end = this.statement(this.skipNewlines(i + 1, hi), hi, depth);
        return { end, produced: produced() };
      }
      if (t.kind === 'open') {
        i = this.group(i, hi, depth);
        continue;
      }
      i++;
    }
    return { end: i, produced: produced() };
  }

  private command(
    nameIndex: number,
    hi: number,
    depth: number,
    invocation: ScriptCommand['invocation'],
    pipelineId: number,
    pipelineIndex: number,
    input: PipelineInput | null,
  ): { end: number; produced: PipelineInput } {
    const nt = this.tokens[nameIndex];
    const command: ScriptCommand = {
      name: nt.kind === 'string' ? nt.value : unescapeBareword(nt.value),
      nameStart: nt.start,
      nameEnd: nt.end,
      invocation,
      elements: [],
      hasSplat: false,
      stopParsing: false,
      pipelineId,
      pipelineIndex,
      input,
      end: nt.end,
      stop: nt.end,
    };
    this.commands.push(command);
    let j = nameIndex + 1;
    while (j < hi) {
      const t = this.tokens[j];
      if (isBreak(t)) break;
      if (t.kind === 'parameter') {
        const p: ScriptParameter = {
          kind: 'parameter',
          name: t.value,
          start: t.start,
          end: t.end,
          nameStart: t.start + 1,
          nameEnd: t.start + 1 + t.value.length,
          colon: t.colon === true,
          colonArgument: null,
        };
        j++;
        if (p.colon && j < hi && !isBreak(this.tokens[j]) && this.tokens[j].kind !== 'parameter') {
          const a = this.argument(j, hi, depth);
          p.colonArgument = a.arg;
          j = a.next;
        }
        command.elements.push(p);
        continue;
      }
      if (t.kind === 'splat') {
        command.elements.push({ kind: 'splat', name: t.value, start: t.start, end: t.end });
        command.hasSplat = true;
        j++;
        continue;
      }
      if (t.kind === 'comma' || t.kind === 'assign') {
        j++;
        continue;
      }
      if (t.kind === 'word' && t.value === '--%') {
        // Everything after --% is passed through verbatim; stop interpreting the line.
        command.stopParsing = true;
        while (j < hi && this.tokens[j].kind !== 'newline') j++;
        break;
      }
      if (t.kind === 'word' && /^(?:\d|\*)?>>?/.test(t.value)) {
        // Redirection: `> file` takes the next argument as its target, `2>&1` or `2>$null` do not.
        j++;
        if (/^(?:\d|\*)?>>?$/.test(t.value) && j < hi && !isBreak(this.tokens[j])) j = this.argument(j, hi, depth).next;
        continue;
      }
      const a = this.argument(j, hi, depth);
      command.elements.push(a.arg);
      j = a.next;
    }
    const last = command.elements[command.elements.length - 1];
    command.end = last ? Math.max(last.end, last.kind === 'parameter' && last.colonArgument ? last.colonArgument.end : 0) : nt.end;
    command.stop = j < this.tokens.length ? this.tokens[j].start : this.text.length;
    return { end: j, produced: { kind: 'command', command } };
  }

  /** One argument: a token plus everything glued to it (`$c.Name`, `(Get-X).Y`), and `a, b` lists. */
  private argument(j: number, hi: number, depth: number): { arg: ScriptArgument; next: number } {
    const first = j;
    let k = this.consume(j, hi, depth);
    while (k < hi) {
      const t = this.tokens[k];
      if (t.kind === 'comma') {
        k = this.skipNewlines(k + 1, hi);
        if (k < hi && !isBreak(this.tokens[k]) && this.tokens[k].kind !== 'parameter') k = this.consume(k, hi, depth);
        continue;
      }
      if (t.spaceBefore || isBreak(t) || t.kind === 'parameter' || t.kind === 'splat') break;
      k = this.consume(k, hi, depth);
    }
    const head = this.tokens[first];
    const lastToken = this.tokens[k - 1];
    const single = k - first === 1;
    const arg: ScriptArgument = {
      kind: 'argument',
      start: head.start,
      end: lastToken.end,
      first,
      last: k,
      literal: null,
      literalStart: head.start,
      literalEnd: lastToken.end,
      quoted: false,
      variable: null,
      scriptBlock: null,
    };
    if (single && head.kind === 'word') {
      arg.literal = unescapeBareword(head.value);
    } else if (single && head.kind === 'string' && !head.expandable && !head.here) {
      arg.literal = head.quote === 'double' ? head.value.replace(/(["\u201c-\u201e])\1/g, '$1') : head.value;
      arg.quoted = true;
      arg.literalStart = head.contentStart ?? head.start;
      arg.literalEnd = head.contentEnd ?? head.end;
    } else if (single && head.kind === 'variable') {
      arg.variable = head.value;
    } else if (head.kind === 'open' && head.value === '{' && head.match === k - 1) {
      arg.scriptBlock = first;
    }
    return { arg, next: k };
  }

  private consume(k: number, hi: number, depth: number): number {
    return this.tokens[k].kind === 'open' ? this.group(k, hi, depth) : k + 1;
  }

  /** Searches a bracketed group for commands; returns the index after it. */
  private group(i: number, hi: number, depth: number): number {
    const open = this.tokens[i];
    const m = open.match ?? -1;
    const closed = m > i && m < hi;
    const end = closed ? m : hi;
    if (open.value !== '[' && depth < MAX_DEPTH) this.block(i + 1, end, depth + 1, open.value === '@{');
    return closed ? m + 1 : hi;
  }

  private skipNewlines(i: number, hi: number): number {
    while (i < hi && this.tokens[i].kind === 'newline') i++;
    return i;
  }
}

/** Undoes backtick escapes in a bareword (`` a`-b `` is `a-b`). */
function unescapeBareword(s: string): string {
  return s.includes('`') ? s.replace(/`(.)/g, '$1') : s;
}
