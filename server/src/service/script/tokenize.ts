/**
 * A tolerant PowerShell tokenizer: enough of the language to find commands and their arguments.
 * It never throws and runs in one linear pass (strings, comments and here-strings that never close
 * simply run to the end of the text). Comments and line continuations do not become tokens.
 */

export type TokenKind =
  | 'word' // bareword: command name, bare argument, number, operator such as `.` or `>`
  | 'parameter' // -Name or -Name: (any of PowerShell's dash characters)
  | 'variable' // $x, ${x}, $env:x, $_
  | 'splat' // @params
  | 'string' // '…', "…", @'…'@, @"…"@
  | 'open' // ( { [ $( @( @{
  | 'close' // ) } ]
  | 'pipe' // |
  | 'separator' // ; && ||
  | 'newline'
  | 'comma'
  | 'assign' // = += -= *= /= %= ??=
  | 'call'; // & (the call operator)

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /**
   * parameter: the name without dash and colon; variable/splat: the name; string: the content with
   * quotes removed (escapes undone only for single-quoted strings); open/close: the bracket text.
   */
  value: string;
  /** Whitespace, a line start or a comment comes before the token (so it is not glued to the previous one). */
  spaceBefore: boolean;
  /** parameter written `-Name:` (the value follows the colon). */
  colon?: boolean;
  /** string: which quote family, and whether `$`/backtick expansion may change the value. */
  quote?: 'single' | 'double';
  expandable?: boolean;
  here?: boolean;
  /** string: offsets of the content between the quotes. */
  contentStart?: number;
  contentEnd?: number;
  /** open/close: index of the matching bracket token, or -1 when unbalanced. */
  match?: number;
}

export interface TokenizeResult {
  tokens: Token[];
  /** Comment spans [start, end), in order. */
  comments: { start: number; end: number }[];
}

const isSingleQuote = (c: number): boolean => c === 0x27 || (c >= 0x2018 && c <= 0x201b);
const isDoubleQuote = (c: number): boolean => c === 0x22 || (c >= 0x201c && c <= 0x201e);
/** `-`, en dash, em dash, horizontal bar: PowerShell accepts all four before a parameter name. */
export const isDash = (c: number): boolean => c === 0x2d || (c >= 0x2013 && c <= 0x2015);
const isNewline = (c: number): boolean => c === 0x0a || c === 0x0d;
const isSpace = (c: number): boolean =>
  c === 0x20 ||
  c === 0x09 ||
  c === 0x0b ||
  c === 0x0c ||
  c === 0xa0 ||
  c === 0xfeff ||
  c === 0x85 ||
  (c >= 0x2000 && c <= 0x200b) ||
  c === 0x3000;
const isIdentStart = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3f || c > 0x7f;
const isIdentChar = (c: number): boolean => isIdentStart(c) || (c >= 0x30 && c <= 0x39);
/** Characters that end a bareword. */
const endsWord = (c: number): boolean =>
  isSpace(c) ||
  isNewline(c) ||
  c === 0x28 || // (
  c === 0x29 || // )
  c === 0x7b || // {
  c === 0x7d || // }
  c === 0x5b || // [ (an index or a type literal, as in $c.GlobalParameters['x'] or [int])
  c === 0x5d || // ]
  c === 0x3b || // ;
  c === 0x7c || // |
  c === 0x2c || // ,
  isSingleQuote(c) ||
  isDoubleQuote(c);

/** Tokenizes PowerShell source. Offsets are UTF-16 offsets into `text`. */
export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  const comments: { start: number; end: number }[] = [];
  const n = text.length;
  let i = 0;
  let spaceBefore = true;

  const push = (kind: TokenKind, start: number, end: number, value: string, extra?: Partial<Token>): void => {
    tokens.push({ kind, start, end, value, spaceBefore, ...extra });
    spaceBefore = false;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      spaceBefore = true;
      continue;
    }
    if (isNewline(c)) {
      const start = i;
      i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      spaceBefore = true;
      push('newline', start, i, '\n');
      spaceBefore = true;
      continue;
    }
    if (c === 0x60 /* ` */) {
      // A backtick at the end of a line continues the command; trailing blanks are forgiven.
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
      if (j >= n || isNewline(text.charCodeAt(j))) {
        if (j < n) j += text.charCodeAt(j) === 0x0d && text.charCodeAt(j + 1) === 0x0a ? 2 : 1;
        i = j;
        spaceBefore = true;
        continue;
      }
    }
    if (c === 0x23 /* # */) {
      const start = i;
      while (i < n && !isNewline(text.charCodeAt(i))) i++;
      comments.push({ start, end: i });
      spaceBefore = true;
      continue;
    }
    if (c === 0x3c /* < */ && text.charCodeAt(i + 1) === 0x23) {
      const start = i;
      const close = text.indexOf('#>', i + 2);
      i = close === -1 ? n : close + 2;
      comments.push({ start, end: i });
      spaceBefore = true;
      continue;
    }
    if (isSingleQuote(c)) {
      const start = i;
      const end = scanSingleQuoted(text, i);
      const closed = end - 1 > start && isSingleQuote(text.charCodeAt(end - 1));
      const contentEnd = closed ? end - 1 : end;
      push('string', start, end, unescapeSingle(text.slice(start + 1, contentEnd)), {
        quote: 'single',
        expandable: false,
        contentStart: start + 1,
        contentEnd,
      });
      i = end;
      continue;
    }
    if (isDoubleQuote(c)) {
      const start = i;
      const end = scanDoubleQuoted(text, i);
      const closed = end - 1 > start && isDoubleQuote(text.charCodeAt(end - 1));
      const contentEnd = closed ? end - 1 : end;
      const content = text.slice(start + 1, contentEnd);
      push('string', start, end, content, {
        quote: 'double',
        expandable: /[$`]/.test(content),
        contentStart: start + 1,
        contentEnd,
      });
      i = end;
      continue;
    }
    if (c === 0x40 /* @ */) {
      const next = text.charCodeAt(i + 1);
      if (isSingleQuote(next) || isDoubleQuote(next)) {
        const here = scanHereString(text, i);
        if (here) {
          push('string', i, here.end, text.slice(here.contentStart, here.contentEnd), {
            quote: isSingleQuote(next) ? 'single' : 'double',
            expandable: isDoubleQuote(next),
            here: true,
            contentStart: here.contentStart,
            contentEnd: here.contentEnd,
          });
          i = here.end;
          continue;
        }
      }
      if (next === 0x28 || next === 0x7b) {
        push('open', i, i + 2, next === 0x28 ? '@(' : '@{');
        i += 2;
        continue;
      }
      if (isIdentChar(next)) {
        let j = i + 1;
        while (j < n && isIdentChar(text.charCodeAt(j))) j++;
        push('splat', i, j, text.slice(i + 1, j));
        i = j;
        continue;
      }
    }
    if (c === 0x24 /* $ */) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x28) {
        push('open', i, i + 2, '$(');
        i += 2;
        continue;
      }
      if (next === 0x7b) {
        const close = text.indexOf('}', i + 2);
        const end = close === -1 ? n : close + 1;
        push('variable', i, end, text.slice(i + 2, close === -1 ? n : close));
        i = end;
        continue;
      }
      if (next === 0x24 || next === 0x5e || next === 0x3f) {
        push('variable', i, i + 2, text[i + 1]);
        i += 2;
        continue;
      }
      if (isIdentChar(next)) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (isIdentChar(d)) j++;
          else if (d === 0x3a /* : */ && isIdentStart(text.charCodeAt(j + 1))) j++; // $env:Path, $script:x
          else break;
        }
        push('variable', i, j, text.slice(i + 1, j));
        i = j;
        continue;
      }
    }
    if (c === 0x28 || c === 0x7b || c === 0x5b) {
      push('open', i, i + 1, text[i]);
      i++;
      continue;
    }
    if (c === 0x29 || c === 0x7d || c === 0x5d) {
      push('close', i, i + 1, text[i]);
      i++;
      continue;
    }
    if (c === 0x7c /* | */) {
      const double = text.charCodeAt(i + 1) === 0x7c;
      push(double ? 'separator' : 'pipe', i, i + (double ? 2 : 1), double ? '||' : '|');
      i += double ? 2 : 1;
      continue;
    }
    if (c === 0x3b /* ; */) {
      push('separator', i, i + 1, ';');
      i++;
      continue;
    }
    if (c === 0x2c /* , */) {
      push('comma', i, i + 1, ',');
      i++;
      continue;
    }
    if (c === 0x26 /* & */) {
      if (text.charCodeAt(i + 1) === 0x26) {
        push('separator', i, i + 2, '&&');
        i += 2;
      } else {
        push('call', i, i + 1, '&');
        i++;
      }
      continue;
    }
    const assign = assignmentAt(text, i);
    if (assign > 0) {
      push('assign', i, i + assign, text.slice(i, i + assign));
      i += assign;
      continue;
    }
    if (isDash(c) && isIdentStart(text.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (endsWord(d) || d === 0x3a /* : */) break;
        j++;
      }
      const colon = text.charCodeAt(j) === 0x3a;
      const name = text.slice(i + 1, j);
      if (colon) j++;
      push('parameter', i, j, name, { colon });
      i = j;
      continue;
    }
    // Bareword: runs to whitespace or a structural character; a backtick escapes the next character.
    const start = i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 0x60) {
        const after = text.charCodeAt(i + 1);
        if (i + 1 >= n || isNewline(after)) break;
        i += 2;
        continue;
      }
      if (i > start && endsWord(d)) break;
      if (i === start && endsWord(d)) {
        i++;
        break;
      }
      i++;
    }
    push('word', start, i, text.slice(start, i));
  }

  matchBrackets(tokens);
  return { tokens, comments };
}

/** Length of an assignment operator at `i`, or 0. */
function assignmentAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if (c === 0x3d /* = */) return next === 0x3d ? 0 : 1;
  if ((c === 0x2b || c === 0x2a || c === 0x2f || c === 0x25 || isDash(c)) && next === 0x3d) return 2;
  if (c === 0x3f && next === 0x3f && text.charCodeAt(i + 2) === 0x3d) return 3;
  return 0;
}

/** End offset (after the closing quote, or the text's end) of a single-quoted string at `i`. */
function scanSingleQuoted(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    if (isSingleQuote(text.charCodeAt(j))) {
      if (isSingleQuote(text.charCodeAt(j + 1))) {
        j += 2; // '' is an escaped quote
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return n;
}

function unescapeSingle(s: string): string {
  return s.replace(/['\u2018-\u201b]{2}/g, (m) => m[0]);
}

/**
 * End offset of a double-quoted string at `i`. `$( … )` inside it may hold code with its own
 * strings; an explicit stack (not recursion) tracks them so deep nesting cannot overflow.
 */
function scanDoubleQuoted(text: string, i: number): number {
  const n = text.length;
  // Each frame: -1 = inside a string, otherwise the paren depth of a $( … ) code frame.
  const frames: number[] = [-1];
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    const top = frames[frames.length - 1];
    if (top === -1) {
      if (c === 0x60) {
        j += 2;
        continue;
      }
      if (isDoubleQuote(c)) {
        if (isDoubleQuote(text.charCodeAt(j + 1))) {
          j += 2;
          continue;
        }
        frames.pop();
        j++;
        if (frames.length === 0) return j;
        continue;
      }
      if (c === 0x24 && text.charCodeAt(j + 1) === 0x28) {
        frames.push(1);
        j += 2;
        continue;
      }
      j++;
      continue;
    }
    if (c === 0x28) frames[frames.length - 1] = top + 1;
    else if (c === 0x29) {
      if (top <= 1) frames.pop();
      else frames[frames.length - 1] = top - 1;
    } else if (isSingleQuote(c)) {
      j = scanSingleQuoted(text, j);
      continue;
    } else if (isDoubleQuote(c)) frames.push(-1);
    else if (c === 0x60) j++;
    j++;
  }
  return n;
}

/**
 * A here-string starts with @' or @" followed only by blanks up to the end of the line, and ends
 * at a line starting with '@ or "@ (leading blanks forgiven). Returns null when `@'` is not a
 * here-string opener.
 */
function scanHereString(
  text: string,
  i: number,
): { end: number; contentStart: number; contentEnd: number } | null {
  const n = text.length;
  const double = isDoubleQuote(text.charCodeAt(i + 1));
  let j = i + 2;
  while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
  if (j < n && !isNewline(text.charCodeAt(j))) return null;
  if (j < n) j += text.charCodeAt(j) === 0x0d && text.charCodeAt(j + 1) === 0x0a ? 2 : 1;
  const contentStart = j;
  let lineStart = j;
  while (lineStart < n) {
    let k = lineStart;
    while (k < n && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x09)) k++;
    const q = text.charCodeAt(k);
    if ((double ? isDoubleQuote(q) : isSingleQuote(q)) && text.charCodeAt(k + 1) === 0x40) {
      // Content ends before the line break that precedes the closing line.
      let contentEnd = lineStart;
      if (contentEnd > contentStart && text.charCodeAt(contentEnd - 1) === 0x0a) contentEnd--;
      if (contentEnd > contentStart && text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
      return { end: k + 2, contentStart, contentEnd: Math.max(contentStart, contentEnd) };
    }
    const nl = text.indexOf('\n', lineStart);
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return { end: n, contentStart, contentEnd: n };
}

const CLOSER: Record<string, string> = { '(': ')', '$(': ')', '@(': ')', '{': '}', '@{': '}', '[': ']' };

/** Links each bracket to its partner; stray closers and unclosed openers get match = -1. */
function matchBrackets(tokens: Token[]): void {
  const stack: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'open') {
      t.match = -1;
      stack.push(k);
    } else if (t.kind === 'close') {
      t.match = -1;
      // Pop to the nearest opener of the same family; openers skipped on the way stay unmatched.
      // The search is bounded so hostile input (a million '(' then ']') stays linear.
      let s = stack.length - 1;
      const floor = Math.max(0, stack.length - 32);
      while (s >= floor && CLOSER[tokens[stack[s]].value] !== t.value) s--;
      if (s < floor) continue;
      const open = stack[s];
      stack.length = s;
      tokens[open].match = k;
      t.match = open;
    }
  }
}
